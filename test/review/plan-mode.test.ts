/**
 * Real-plan mode: the stack's `terraform show -json` (fixtures/plans, made with the real AWS
 * provider, see its README) is the authority for that stack — actions and replace_paths as Terraform
 * gives them, unknowns as "(known after apply)", sensitive values redacted — through the CLI's
 * `--plans` directory too.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../src/cli/run';
import { parseStack } from '../../src/synth/load';
import { KNOWN_AFTER_APPLY, loadPlans, planChanges, TerraformPlan } from '../../src/review/plan';
import { renderReviewMarkdown } from '../../src/review/render-markdown';
import { reviewPlan, toStableJson } from '../../src/review/review';
import { SynthOutput } from '../../src/review/types';
import { applyBatch, CORPUS, CORPUS_STACK, corpusBase } from '../replace-corpus/corpus';
import { tempDir } from './fixtures';
import { prodBase } from './reference-prod';

const PLANS = path.join(__dirname, 'fixtures', 'plans');
const plan = JSON.parse(fs.readFileSync(path.join(PLANS, `${CORPUS_STACK}.json`), 'utf8')) as TerraformPlan;
const one = (json: Record<string, unknown>): SynthOutput => ({ label: 'x', stacks: new Map([[CORPUS_STACK, parseStack(CORPUS_STACK, json)]]) });

test('plan changes: actions and replace_paths as Terraform gives them', () => {
  const changes = planChanges(CORPUS_STACK, plan);
  const summary = Object.fromEntries(changes.map((c) => [c.address.split('.')[0], `${c.kind} ${c.forceNew.join(',')}`.trim()]));
  expect(summary).toEqual({
    aws_cloudwatch_log_group: 'updated',
    aws_db_instance: 'replaced storage_encrypted',
    aws_eks_cluster: 'updated',
    aws_eks_node_group: 'replaced instance_types,subnet_ids',
    aws_kms_key: 'replaced customer_master_key_spec',
    aws_nat_gateway: 'replaced subnet_id',
    aws_sqs_queue: 'updated',
    aws_subnet: 'replaced vpc_id',
    aws_vpc: 'replaced cidr_block',
  });
  // no-op resources (the secret version) are not changes; unknowns read as known after apply
  expect(changes.some((c) => c.type === 'aws_secretsmanager_secret_version')).toBe(false);
  const cluster = changes.find((c) => c.type === 'aws_eks_cluster')!;
  expect(cluster.changes.find((c) => c.path === 'vpc_config[0].subnet_ids')?.after).toBe(KNOWN_AFTER_APPLY);
  expect(changes.every((c) => c.source === 'plan')).toBe(true);
});

test('a review with the plan: that stack is from the plan, secrets stay redacted, the blast radius is still listed', () => {
  const base = corpusBase(prodBase().dir);
  const review = reviewPlan(one(base), one(applyBatch(base, CORPUS[0])), { plans: new Map([[CORPUS_STACK, plan]]) });
  expect(review.planStacks).toEqual([CORPUS_STACK]);
  const md = renderReviewMarkdown(review);
  expect(md).toContain(`_Actions and replacements from \`terraform plan\` for \`${CORPUS_STACK}\`; other stacks compared statically._`);
  expect(md).toMatch(new RegExp(`#### \`${CORPUS_STACK}\` \\(\\+0 ~3 -/\\+6 -0\\) — from terraform plan`));
  const vpc = review.danger.find((d) => d.category === 'replacement' && d.address.startsWith('aws_vpc.'))!;
  expect(vpc.message).toMatch(/^replaced \(`cidr_block` `10\.50\.0\.0\/16` → `10\.60\.0\.0\/16`\); blast radius: /);
  expect(toStableJson(review)).not.toContain('Fake-Password');
});

test('a data source read during apply is listed; the bucket it reads is replaced (a real plan with a deferred read)', () => {
  const dir = path.join(PLANS, 'data-read');
  const read = (f: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(dir, 'config', f), 'utf8')) as Record<string, unknown>;
  const out = (json: Record<string, unknown>, label: string): SynthOutput => ({ label, stacks: new Map([['docs-cloud', parseStack('docs-cloud', json)]]) });
  const plans = loadPlans(dir);
  const review = reviewPlan(out(read('base.tf.json'), 'base'), out(read('head.tf.json'), 'head'), { plans });
  const docs = review.stacks.find((s) => s.stack === 'docs-cloud')!;
  expect(docs.changes.map((c) => `${c.kind} ${c.block ?? 'managed'} ${c.address} ${c.forceNew.join(',')}`.trim())).toEqual([
    'replaced managed aws_s3_bucket.docs bucket_prefix',
    'replaced managed aws_s3_bucket_policy.docs bucket',
    'updated data data.aws_iam_policy_document.tls',
  ]);
  const md = renderReviewMarkdown(review);
  expect(md).toContain('- `~` `data.aws_iam_policy_document.tls`');
  expect(md).toContain('  - `(read during apply)`: (absent) → `read_because_config_unknown`');
  expect(review.danger.map((d) => `${d.category} ${d.address}`)).toEqual(['stateful aws_s3_bucket.docs']);
});

test('the CLI reads --plans <dir>; a file that is not a plan is an error naming it', async () => {
  const dir = tempDir('plans-');
  fs.writeFileSync(path.join(dir, 'x.json'), '{"resource_changes": 1}');
  expect(() => loadPlans(dir)).toThrow(`${path.join(dir, 'x.json')} is not a plan in Terraform's JSON format (no format_version/resource_changes); write it with \`terraform show -json plan.tfplan > x.json\``);
  expect([...loadPlans(PLANS).keys()]).toEqual([CORPUS_STACK]);
  const err: string[] = [];
  const code = await runCli(['diff', prodBase().dir, prodBase().dir, '--plans', dir], { out: () => undefined, err: (l) => err.push(l) });
  expect(code).toBe(1);
  expect(err[0]).toContain('is not a plan in Terraform');
});
