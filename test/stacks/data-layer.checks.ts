/**
 * The data layer of the reference sets, on the shared synth output (imported by
 * reference-stacks.test.ts): what must outlive the cluster is in the data stack and nowhere else;
 * the compute stacks hold nothing that allowDataDeletion is needed for; compared with what main
 * synthesized before the data layer, no resource was removed or renamed, resources moved only from
 * cloud to data, keeping their addresses — exactly the list in docs/migration/data-layer.md — and
 * the only new resources are those of components added since ({@link ADDED_SINCE_DATA_LAYER}):
 * they have no state to move, an apply creates them.
 */
import { REFERENCE_STACK_SETS } from '../../stacks/app';
import { addressesBefore, AddressesBySet, documentedMoves, LAYERS, layerOfAddress, movesOf, renderMoves, resourcesOf, writeDocumentedMoves } from './data-layer-moves';
import { manifest, stackJson, stackNames } from './reference-fixture';

const SETS = Object.keys(REFERENCE_STACK_SETS).sort();
const COMPUTE = ['cloud', 'platform', 'workloads'] as const;

/** Resource types that hold data (or, for the VPC and subnets, what data sits in). */
const STATEFUL_TYPES = ['aws_cognito_user_pool', 'aws_db_instance', 'aws_elasticache_replication_group', 'aws_kms_key', 'aws_s3_bucket', 'aws_secretsmanager_secret', 'aws_subnet', 'aws_vpc'];

/**
 * Construct paths (prefixes relative to the stack, or patterns) of the components and parts added
 * after the data layer, with the issue that added them: their resources are new to every deployment
 * (nothing to move).
 */
const ADDED_SINCE_DATA_LAYER: ReadonlyArray<readonly [path: string | RegExp, issue: string]> = [
  ['aws-load-balancer-controller/', '#16 the way in'],
  ['external-dns/', '#16 the way in'],
  ['front-door/', '#16 the way in'],
  // every ManagedRedis: its RBAC users, user group and the function that creates the password user
  [/\/(disabled-user|user-group|rbac-user\/.*)$/, '#20 Redis AUTH token out of Terraform state'],
];
const isAdded = (address: string) =>
  ADDED_SINCE_DATA_LAYER.some(([p]) => (typeof p === 'string' ? (paths.get(address) ?? '').startsWith(p) : p.test(paths.get(address) ?? '')));

const before = addressesBefore();
const paths = new Map<string, string>();
const after: AddressesBySet = Object.fromEntries(
  SETS.map((set) => [
    set,
    Object.fromEntries(
      LAYERS.map((layer) => {
        const resources = resourcesOf(stackJson(`${set}-${layer}`));
        for (const [address, p] of resources) paths.set(address, p);
        return [layer, [...resources.keys()].sort()];
      }),
    ),
  ]),
);

/** `type.name what` of every protection in a stack that a destroy would stop at. */
function protections(json: any): string[] {
  return Object.entries<Record<string, any>>(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).flatMap(([name, r]) => [
      ...(r.lifecycle?.prevent_destroy === true ? [`${type}.${name} prevent_destroy`] : []),
      ...(r.deletion_protection === true ? [`${type}.${name} deletion_protection`] : []),
    ]),
  );
}

describe('reference sets: the data layer', () => {
  test('the data stack depends on nothing and reads no other stack; cloud depends on data', () => {
    for (const set of SETS) {
      expect({ set, data: manifest.stacks[`${set}-data`].dependencies, cloud: manifest.stacks[`${set}-cloud`].dependencies }).toEqual({ set, data: [], cloud: [`${set}-data`] });
      expect({ set, remoteState: stackJson(`${set}-data`).data?.terraform_remote_state }).toEqual({ set, remoteState: undefined });
    }
  });

  test('every key, bucket, database, cache, secret, the VPC and its subnets are in the data stack and nowhere else', () => {
    for (const set of SETS) {
      const typesIn = (layer: string) => [...new Set(Object.keys(stackJson(`${set}-${layer}`).resource ?? {}))];
      for (const layer of COMPUTE) expect({ set, layer, stateful: typesIn(layer).filter((t) => STATEFUL_TYPES.includes(t)) }).toEqual({ set, layer, stateful: [] });
      // every set has a database and a cache (MLflow's and Feast's, or Langfuse's and the token budgets'); only prod sets have the front door's Cognito user pool
      const expected = STATEFUL_TYPES.filter((t) => t !== 'aws_cognito_user_pool' || set.endsWith('-prod'));
      expect({ set, data: typesIn('data').filter((t) => STATEFUL_TYPES.includes(t)).sort() }).toEqual({ set, data: expected });
    }
  });

  test('destroying compute needs no allowDataDeletion: dev compute stacks hold no protection; prod only the guards of the cluster itself', () => {
    const computeProtections = (set: string) => COMPUTE.flatMap((layer) => protections(stackJson(`${set}-${layer}`)).map((p) => `${layer} ${p.replace(/_[0-9A-F]{8} /, ' ')}`));
    for (const set of SETS.filter((s) => s.endsWith('-dev'))) expect({ set, protections: computeProtections(set) }).toEqual({ set, protections: [] });
    const driftVolumes = ['platform kubernetes_persistent_volume_claim_v1.drift_evidently_volume prevent_destroy', 'platform kubernetes_persistent_volume_claim_v1.drift_pushgateway_volume prevent_destroy'];
    expect(computeProtections('gpu-training-prod')).toEqual(['cloud aws_eks_cluster.cluster deletion_protection', ...driftVolumes]);
    // in-cluster stores of the LLM sets: Qdrant's namespace, and Langfuse's namespace and ClickHouse volume
    const inCluster = [
      'platform kubernetes_namespace_v1.langfuse_namespace prevent_destroy',
      'platform kubernetes_namespace_v1.vectordb_namespace prevent_destroy',
      ...driftVolumes,
      'workloads kubernetes_persistent_volume_claim_v1.langfuse_clickhouse_server_volume prevent_destroy',
    ];
    for (const set of ['llm-rag-prod', 'mlops-platform-prod']) {
      expect({ set, protections: computeProtections(set) }).toEqual({ set, protections: ['cloud aws_eks_cluster.cluster deletion_protection', ...inCluster] });
    }
  });

  test('no resource was removed or renamed: each set has the addresses main synthesized before the data layer, and new ones only of components added since', () => {
    expect(Object.keys(before).sort()).toEqual(SETS);
    for (const set of SETS) {
      const all = (bySet: AddressesBySet[string]) => LAYERS.flatMap((l) => bySet[l] ?? []).sort();
      const kept = all(after[set]).filter((a) => !isAdded(a));
      expect({ set, count: kept.length, same: JSON.stringify(kept) === JSON.stringify(all(before[set])) }).toEqual({ set, count: all(before[set]).length, same: true });
      // a component added since brings only new addresses (none that was there before moved under it)
      expect({ set, addedExisting: all(after[set]).filter((a) => isAdded(a) && all(before[set]).includes(a)) }).toEqual({ set, addedExisting: [] });
    }
  });

  test('resources moved only from cloud to data, with their addresses; everything in a data stack came from its cloud stack', () => {
    for (const set of SETS) {
      const was = layerOfAddress(before[set]);
      const is = layerOfAddress(after[set]);
      const changed = [...is.entries()].filter(([a, layer]) => !isAdded(a) && was.get(a) !== layer).map(([a, layer]) => `${was.get(a)} → ${layer}`);
      expect({ set, changes: [...new Set(changed)] }).toEqual({ set, changes: ['cloud → data'] });
      expect({ set, dataFromCloud: (after[set].data ?? []).every((a) => isAdded(a) || was.get(a) === 'cloud') }).toEqual({ set, dataFromCloud: true });
    }
  });

  test('docs/migration/data-layer.md lists exactly these moves', () => {
    const moves = movesOf(before, after, paths);
    expect(moves.length).toBe(new Set(SETS.flatMap((s) => (after[s].data ?? []).filter((a) => !isAdded(a)))).size);
    // the stateful resources of every component are among them, by construct path
    for (const p of ['network/vpc', 'cluster/kms-key', 'platform-key/kms-key', 'model-data/bucket', 'mlflow/database/instance', 'featurestore/online-store/replication-group', 'vectordb/backup-bucket/bucket', 'monitoring/grafana-admin/secret', 'drift/evidently-secret/secret',
      'langfuse-data/bucket/bucket', 'langfuse-data/backups/bucket', 'langfuse-data/database/instance', 'langfuse-data/redis/replication-group', 'langfuse-data/salt/secret', 'ratelimit-redis/replication-group', 'ratelimit-redis-token/secret']) {
      expect(moves.map((m) => m.constructPath)).toContain(p);
    }
    const section = renderMoves(moves, SETS);
    if (process.env.MLOPS_WRITE_DOCS === '1') writeDocumentedMoves(section);
    expect(documentedMoves()).toBe(section);
  });
});

describe('reference sets: no Redis token in Terraform state (#20)', () => {
  const all = stackNames.map((name) => [name, stackJson(name)] as const);

  test('no stack sets auth_token or reads a secret version: every ManagedRedis uses its RBAC user group, with the token set by the apply-time function', () => {
    const groups = all.flatMap(([name, json]) => Object.entries<any>(json.resource?.aws_elasticache_replication_group ?? {}).map(([id, rg]) => ({ name, id, rg })));
    expect(groups.length).toBeGreaterThanOrEqual(SETS.length);
    expect(groups.filter(({ rg }) => 'auth_token' in rg || 'auth_token_update_strategy' in rg).map(({ name, id }) => `${name} ${id}`)).toEqual([]);
    expect(groups.filter(({ rg }) => !(rg.user_group_ids?.length === 1)).map(({ name, id }) => `${name} ${id}`)).toEqual([]);
    expect(all.filter(([, json]) => json.data?.aws_secretsmanager_secret_version !== undefined).map(([name]) => name)).toEqual([]);
    const invocations = all.flatMap(([, json]) => Object.values<any>(json.resource?.aws_lambda_invocation ?? {})).filter((i) => i.input.includes('"userGroupId"'));
    expect(invocations.map((i) => i.lifecycle_scope)).toEqual(groups.map(() => 'CRUD'));
    // the input names the secret's version, never its value
    expect(invocations.filter((i) => /secret_string|random_password|ephemeral\./.test(i.input))).toEqual([]);
  });
});

describe('reference sets: no Cognito client secret in Terraform state', () => {
  const all = stackNames.map((name) => [name, stackJson(name)] as const);

  test('no stack has an aws_cognito_user_pool_client nor any client_secret attribute; each user pool has its apply-time app client whose id the front door reads', () => {
    expect(all.filter(([, json]) => json.resource?.aws_cognito_user_pool_client !== undefined || json.data?.aws_cognito_user_pool_client !== undefined).map(([name]) => name)).toEqual([]);
    const secretAttributes = (v: unknown, at: string): string[] =>
      v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, w]) => [...(/^client_secret/.test(k) ? [`${at}.${k}`] : []), ...secretAttributes(w, `${at}.${k}`)]) : [];
    expect(all.flatMap(([name, json]) => secretAttributes(json, name))).toEqual([]);
    const pools = all.flatMap(([name, json]) => Object.keys(json.resource?.aws_cognito_user_pool ?? {}).map((id) => `${name} ${id}`));
    // only prod sets have the front door's Cognito user pool
    expect(pools.length).toBe(SETS.filter((s) => s.endsWith('-prod')).length);
    const appClients = all.flatMap(([name, json]) =>
      Object.entries<any>(json.resource?.aws_lambda_invocation ?? {})
        .filter(([, i]) => i.input.includes('"clientName"'))
        .map(([id, i]) => ({ name, id, input: i.input as string, scope: i.lifecycle_scope })),
    );
    expect(appClients.map(({ name, input, scope }) => `${name} ${/aws_cognito_user_pool\.([\w-]+)\.id/.exec(input)?.[1]} ${scope}`)).toEqual(
      pools.map((p) => `${p} CRUD`),
    );
    // the ALB's annotation reads the client id from the invocation's result, through the data stack's outputs
    const clientIdOfResult = /userPoolClientID\\+":\\+"\$\{jsondecode\(data\.terraform_remote_state\.cross-stack-reference-input-([\w-]+)-data\.outputs\.cross-stack-output-aws_lambda_invocation[\w-]+result\)\.clientId\}/;
    const readers = all.flatMap(([name, json]) => {
      const m = clientIdOfResult.exec(JSON.stringify(json));
      return m ? [`${m[1]} ${name}`] : [];
    });
    expect(readers).toEqual(appClients.map(({ name }) => `${name.replace(/-data$/, '')} ${name.replace(/-data$/, '-workloads')}`));
  });
});
