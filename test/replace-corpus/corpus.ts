/**
 * The replacement corpus: single-attribute changes on the prod mlops-platform data and cloud stacks
 * (recombined into one stack by `corpusBase`), batched
 * (several independent changes per head tree, so one real-provider plan answers for all of them).
 * `run.ts` plans each batch with ../shared/tools/terraform-aws-replace-oracle.sh and compares; the npm
 * test (test/review/replace-corpus.test.ts) compares the static review with the committed oracle
 * results (oracle-results.json). The static review may over-report a replacement, never miss one.
 */
import { ResourceChange } from '../../src/review/types';

import * as fs from 'fs';
import * as path from 'path';

/** The stack the corpus changes (AWS-only, so the real provider can plan it). */
export const CORPUS_STACK = 'mlops-platform-prod-cloud';
/** The data stack of the same set (the stateful resources; layer 0). */
export const CORPUS_DATA_STACK = 'mlops-platform-prod-data';

/**
 * The corpus' base: the set's data and cloud stacks of a synth output as one AWS-only stack, named
 * `CORPUS_STACK` — every resource at the address it has (the data stack mirrors the cloud stack's
 * construct paths, so the addresses are the same), the cloud stack's remote-state reads of the data
 * stack replaced by the expressions behind them. That is the single stack the oracle results were
 * planned on (before the data layer, the cloud stack held both), and one the replace-oracle can plan
 * (it has no stand-in for `terraform_remote_state`).
 */
export function corpusBase(synthDir: string): Record<string, unknown> {
  const read = (stack: string) => JSON.parse(fs.readFileSync(path.join(synthDir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Record<string, any>;
  const [cloud, data] = [read(CORPUS_STACK), read(CORPUS_DATA_STACK)];
  const expr = (name: string): string => /^\$\{(.*)\}$/s.exec(String(data.output?.[name]?.value ?? ''))?.[1] ?? `(no output ${name})`;
  const remote = new RegExp(`data\\.terraform_remote_state\\.cross-stack-reference-input-${CORPUS_DATA_STACK}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g');
  const merged = JSON.parse(JSON.stringify(cloud).replace(remote, (_, name: string) => expr(name).replace(/"/g, '\\"'))) as Record<string, any>;
  delete merged.data?.terraform_remote_state?.[`cross-stack-reference-input-${CORPUS_DATA_STACK}`];
  if (merged.data?.terraform_remote_state && Object.keys(merged.data.terraform_remote_state).length === 0) delete merged.data.terraform_remote_state;
  for (const block of ['resource', 'data', 'ephemeral'] as const) {
    for (const [type, byName] of Object.entries<Record<string, unknown>>(data[block] ?? {})) {
      merged[block] = merged[block] ?? {};
      merged[block][type] = { ...(merged[block][type] ?? {}), ...byName };
    }
  }
  if (data.terraform?.required_version) merged.terraform = { ...merged.terraform, required_version: data.terraform.required_version };
  return withoutElbServiceAccount(merged);
}

/**
 * The oracle refuses data sources it does not stub (they could call AWS); `aws_elb_service_account`
 * (the access-log bucket's delivery account in older regions) becomes a literal stand-in ARN of the
 * same shape — the corpus changes nothing that depends on it.
 */
function withoutElbServiceAccount(stack: Record<string, any>): Record<string, any> {
  const names = Object.keys(stack.data?.aws_elb_service_account ?? {});
  if (names.length === 0) return stack;
  let text = JSON.stringify(stack);
  for (const name of names) text = text.split(`\${data.aws_elb_service_account.${name}.arn}`).join('arn:aws:iam::127311923021:root');
  const out = JSON.parse(text) as Record<string, any>;
  delete out.data.aws_elb_service_account;
  return out;
}

/** One change: attribute `path` (`a.b`, blocks looked through) of the resource `type.name` set to `value`. */
export interface CorpusChange {
  readonly type: string;
  /** The logical name (cdktf unique id) of the resource. */
  readonly name: string;
  readonly path: string;
  readonly value: unknown;
  /** What the change is about, for the report. */
  readonly what: string;
}

/** Logical names (cdktf unique ids) of the resources the corpus changes. */
const NAMES = {
  vpc: 'network_vpc_4E8F0223',
  subnet_1: 'network_private-1_4188AF2B',
  db: 'mlflow_database_instance_5F2011EE',
  cluster: 'cluster_A4C38409',
  nodes: 'cluster_system-nodes_node-group_C5AB5D28',
  cache: 'featurestore_online-store_replication-group_8A598E60',
  key: 'cluster_kms-key_AD864E0A',
  queue: 'karpenter_interruption-queue_1712F3B7',
  bucket: 'featurestore_offline-bucket_80D28446',
  template: 'cluster_system-nodes_launch-template_0E39F118',
  logs: 'cluster_log-group_DBCD0CA9',
  secret: 'drift_evidently-secret_6E631F52',
  flow: 'network_flow-log_4CEF6CCF',
} as const;

/** Batches of independent changes; each batch is one head tree. */
export const CORPUS: readonly (readonly CorpusChange[])[] = [
  [
    { type: 'aws_vpc', name: NAMES.vpc, path: 'cidr_block', value: '10.60.0.0/16', what: 'VPC CIDR' },
    { type: 'aws_kms_key', name: NAMES.key, path: 'customer_master_key_spec', value: 'RSA_2048', what: 'KMS key spec' },
    { type: 'aws_s3_bucket', name: NAMES.bucket, path: 'bucket_prefix', value: 'mlops-platform-prod-features-', what: 'bucket name (prefix)' },
    { type: 'aws_sqs_queue', name: NAMES.queue, path: 'message_retention_seconds', value: 600, what: 'queue retention' },
    { type: 'aws_db_instance', name: NAMES.db, path: 'instance_class', value: 'db.r7g.xlarge', what: 'DB instance class' },
    { type: 'aws_db_instance', name: NAMES.db, path: 'storage_encrypted', value: false, what: 'DB encryption' },
    { type: 'aws_eks_cluster', name: NAMES.cluster, path: 'version', value: '1.34', what: 'cluster version' },
    { type: 'aws_eks_node_group', name: NAMES.nodes, path: 'instance_types', value: ['m7i.2xlarge'], what: 'system node type' },
    { type: 'aws_eks_node_group', name: NAMES.nodes, path: 'scaling_config.max_size', value: 9, what: 'node group size' },
    { type: 'aws_elasticache_replication_group', name: NAMES.cache, path: 'node_type', value: 'cache.r7g.xlarge', what: 'cache node type' },
    { type: 'aws_cloudwatch_log_group', name: NAMES.logs, path: 'retention_in_days', value: 90, what: 'log retention' },
  ],
  [
    { type: 'aws_subnet', name: NAMES.subnet_1, path: 'cidr_block', value: '10.50.64.0/19', what: 'one subnet CIDR' },
    { type: 'aws_db_instance', name: NAMES.db, path: 'allocated_storage', value: 100, what: 'DB storage size' },
    { type: 'aws_db_instance', name: NAMES.db, path: 'engine', value: 'mysql', what: 'DB engine' },
    { type: 'aws_eks_cluster', name: NAMES.cluster, path: 'name', value: 'mlops-platform-prod-2', what: 'cluster name' },
    { type: 'aws_elasticache_replication_group', name: NAMES.cache, path: 'at_rest_encryption_enabled', value: 'false', what: 'cache encryption' },
    { type: 'aws_kms_key', name: NAMES.key, path: 'enable_key_rotation', value: false, what: 'key rotation' },
    { type: 'aws_sqs_queue', name: NAMES.queue, path: 'name', value: 'mlops-platform-prod-karpenter-2', what: 'queue name' },
    { type: 'aws_launch_template', name: NAMES.template, path: 'metadata_options.http_put_response_hop_limit', value: 1, what: 'IMDS hop limit' },
    { type: 'aws_secretsmanager_secret', name: NAMES.secret, path: 'name', value: 'mlops-platform/prod/mlops-drift/evidently-2', what: 'secret name' },
    { type: 'aws_flow_log', name: NAMES.flow, path: 'traffic_type', value: 'REJECT', what: 'flow log traffic type' },
  ],
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applies a batch to a stack's Terraform JSON (a copy); throws when a change names nothing. */
export function applyBatch(json: Record<string, unknown>, batch: readonly CorpusChange[]): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  for (const c of batch) {
    const resources = out.resource as Record<string, Record<string, unknown>>;
    let cur: unknown = resources[c.type]?.[c.name];
    if (!isObject(cur)) throw new Error(`corpus: ${c.type}.${c.name} not in ${CORPUS_STACK}; update test/replace-corpus/corpus.ts`);
    const parts = c.path.split('.');
    for (const p of parts.slice(0, -1)) {
      if (Array.isArray(cur)) cur = cur[0];
      cur = isObject(cur) ? cur[p] : undefined;
    }
    if (Array.isArray(cur)) cur = cur[0];
    if (!isObject(cur)) throw new Error(`corpus: ${c.type}.${c.name}: no block at ${c.path}`);
    cur[parts[parts.length - 1]] = c.value;
  }
  return out;
}

/** Addresses the static review says are (or may be) replaced. */
export function staticReplacements(changes: readonly ResourceChange[]): Set<string> {
  return new Set(
    changes
      .filter((c) => !c.block && c.stack === CORPUS_STACK && (c.kind === 'replaced' || c.kind === 'readdressed' || (c.mayForceNew?.length ?? 0) > 0))
      .map((c) => c.address),
  );
}

/** The oracle's REPLACE lines of the corpus stack: addresses. */
export function oracleReplacements(output: string): string[] {
  return output
    .split('\n')
    .map((l) => new RegExp(`^REPLACE ${CORPUS_STACK} (\\S+) `).exec(l)?.[1])
    .filter((a): a is string => a !== undefined)
    .sort();
}
