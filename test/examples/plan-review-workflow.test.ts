/**
 * The example GitHub Actions workflow: valid YAML, actions pinned by commit SHA, the reviewer run
 * from the base checkout (a PR cannot change the code that reviews it), and a diff command the CLI
 * accepts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { USAGE } from '../../src/cli/run';
import { COMMENT_MARKER } from '../../src/review/render-markdown';

const workflow = parse(fs.readFileSync(path.join(__dirname, '../../examples/github-actions/plan-review.yml'), 'utf8'));
const steps: any[] = workflow.jobs.review.steps;

test('every action is pinned by a full commit SHA', () => {
  const uses = steps.filter((s) => s.uses).map((s) => s.uses as string);
  expect(uses.length).toBeGreaterThanOrEqual(3);
  for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
});

test('base and head are synthesized into separate directories; the review runs the base checkout', () => {
  const byName = Object.fromEntries(steps.map((s) => [s.name, s]));
  expect([byName['Synthesize base']['working-directory'], byName['Synthesize base'].env.CDKTF_OUTDIR]).toEqual(['src-base', '${{ github.workspace }}/base']);
  expect([byName['Synthesize head']['working-directory'], byName['Synthesize head'].env.CDKTF_OUTDIR]).toEqual(['src-head', '${{ github.workspace }}/head']);
  expect(byName.Review['working-directory']).toBe('src-base');
  expect(byName.Review.run).toContain('cdktf-mlops diff ../base ../head --fail-on-danger "${plans[@]}"');
  expect(USAGE).toContain('diff <base cdktf.out> <head cdktf.out> [--json] [--prices file.json] [--fail-on-danger] [--plans dir]');
});

test('plan mode: read-only role only when configured and never for forks; plans as `terraform show -json` per stack, handed to --plans', () => {
  const byName = Object.fromEntries(steps.map((s) => [s.name, s]));
  const aws = byName['Configure read-only AWS credentials (plan mode)'];
  expect(aws.if).toBe("vars.PLAN_REVIEW_ROLE_ARN != '' && github.event.pull_request.head.repo.full_name == github.repository");
  expect(aws.with['role-to-assume']).toBe('${{ vars.PLAN_REVIEW_ROLE_ARN }}');
  const plan = byName['Plan the head stacks (plan mode)'];
  expect(plan.if).toBe("steps.aws.outcome == 'success'");
  expect(plan.run).toContain('terraform plan -input=false -lock=false -out=plan.tfplan');
  expect(plan.run).toContain('terraform show -json plan.tfplan > "$GITHUB_WORKSPACE/plans/$stack.json"');
  expect(byName.Review.run).toContain('plans=(--plans ../plans)');
  // planning happens before the review, both after the head is synthesized
  const order = ['Synthesize head', 'Plan the head stacks (plan mode)', 'Review'].map((n) => steps.indexOf(byName[n]));
  expect(order).toEqual([...order].sort((a, b) => a - b));
});

test('the comment is found again by the marker the diff output starts with', () => {
  const post = steps.find((s) => s.name === 'Post or update the PR comment');
  expect(post.with.script).toContain(`const marker = '${COMMENT_MARKER}';`);
  expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'id-token': 'write' });
});
