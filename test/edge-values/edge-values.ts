/**
 * The accepted edge values of the validation: two AWS-only stacks built with props at the lower
 * (`edge-min`) and upper (`edge-max`) boundaries the schemas accept — shortest names, 1-day and
 * 10-year retentions, the smallest and largest storage, one and six cache nodes, a 4096-character
 * generated password, a 64-character role name. What the library accepts must also pass real
 * Terraform: `.ci/terraform-check` (a step of `.ci/run`) synthesizes them (`node
 * dist/test/edge-values/edge-values.js <outdir>`) and runs ../shared/tools/terraform-aws-check.sh on
 * the result (validate and a real-provider plan).
 *
 * edge-values.test.ts (npm test) builds the same stacks and checks the boundary values reach the JSON.
 */
import { App } from 'cdktf';
import { ClusterRef } from '../../src/cluster/cluster-ref';
import { EksCluster } from '../../src/cluster/eks-cluster';
import { Network } from '../../src/cluster/network';
import { KarpenterAws } from '../../src/compute/karpenter/karpenter-aws';
import { CloudStack } from '../../src/core/layers/mlops-stack';
import { PodIdentityRole } from '../../src/core/pod-identity-role';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { GeneratedSecret } from '../../src/core/secrets/generated-secret';
import { SecureBucket } from '../../src/core/secure-bucket';
import { FeastFeatureStoreCloud } from '../../src/featurestore/feast-feature-store-cloud';
import { MlflowCloud } from '../../src/mlflow/mlflow-cloud';
import { DriftMonitorCloud } from '../../src/monitoring/drift-monitor-cloud';
import { MonitoringCloud } from '../../src/monitoring/monitoring-cloud';
import { InferenceServiceIdentity } from '../../src/serving/inference-service-identity';
import { VectorDatabaseCloud } from '../../src/vectordb/vector-database-cloud';

/** The two stacks, by name. */
export const EDGE_STACKS = ['edge-min', 'edge-max'] as const;

const DATA = { referenceDataUri: 's3://mlops-edge-data/m/reference/', currentDataUri: 's3://mlops-edge-data/m/current/', driftJob: { image: 'registry.example.com/drift@sha256:' + 'a'.repeat(64) } };

/** The props of one bound (`any`: each is the props object of one construct, checked by it). */
type Bound = Record<'stack' | 'network' | 'cluster' | 'karpenter' | 'eso' | 'mlflow' | 'feast' | 'vectordb' | 'bucket' | 'secret' | 'role' | 'modelReader' | 'drift' | 'monitoring', any>;

/** Props at their lower boundaries. */
function minimal(): Bound {
  const name = 'e';
  return {
    stack: { project: 'e', environment: 'n', region: 'us-east-1' },
    network: { name, clusterName: name, preset: 'dev', cidr: '10.0.0.0/22', azCount: 2, natGateways: 'single', flowLogRetentionDays: 1 },
    cluster: {
      name,
      preset: 'dev',
      kubernetesVersion: '1.33',
      logTypes: ['api', 'audit', 'authenticator'],
      logRetentionDays: 1,
      endpointPublicAccessCidrs: ['198.51.100.7/32'],
      endpointPrivateAccessCidrs: ['10.0.0.0/8'],
      deletionProtection: false,
      systemNodes: { instanceTypes: ['t3.medium'], desiredSize: 1, minSize: 1, maxSize: 1, diskSizeGiB: 20, metadataHopLimit: 1 },
    },
    karpenter: {},
    eso: { clusterName: name },
    mlflow: {
      preset: 'dev',
      artifactPrefix: 'a',
      database: { instanceClass: 'db.t4g.micro', engineVersion: '17', allocatedStorage: 20, maxAllocatedStorage: 21, backupRetentionDays: 7, multiAz: false },
      clientCredentialsVersion: 1,
    },
    feast: {
      project: 'p',
      preset: 'dev',
      onlineStore: { nodeType: 'cache.t4g.micro', numCacheClusters: 1, snapshotRetentionDays: 1, keyTtlSeconds: 1, authTokenVersion: 1 },
      registry: { cacheTtlSeconds: 0 },
    },
    vectordb: { clusterName: name, engine: 'milvus', preset: 'dev', name: 'v', backup: { retentionDays: 1 } },
    bucket: { bucketPrefix: 'a', noncurrentVersionDays: 1, abortIncompleteUploadDays: 1, expirationDays: 1 },
    secret: { secretName: 'a', password: { length: 16 }, recoveryWindowInDays: 7, preset: 'dev' },
    role: { clusterName: name, namespace: 'a', serviceAccount: 'a', roleName: 'a' },
    modelReader: { clusterName: name, namespace: 'a', serviceName: 'a', models: [{ bucket: 'abc', prefix: 'm' }] },
    drift: { clusterName: name, preset: 'dev', models: [{ name: 'm', ...DATA }] },
    monitoring: { preset: 'dev', passwordVersion: 1 },
  };
}

/** Props at their upper boundaries. */
function maximal(): Bound {
  const name = 'c'.repeat(100);
  return {
    stack: { project: 'p'.repeat(31), environment: 'x'.repeat(31), region: 'us-east-1' },
    network: { name: 'n'.repeat(63), clusterName: name, preset: 'prod', cidr: '10.0.0.0/16', azCount: 4, natGateways: 'perAz', flowLogRetentionDays: 3653 },
    cluster: {
      name,
      preset: 'prod',
      kubernetesVersion: '1.34',
      logRetentionDays: 3653,
      endpointPublicAccessCidrs: ['1.0.0.0/8', '203.0.113.0/24'],
      adminPrincipalArns: ['arn:aws:iam::123456789012:role/ci', 'arn:aws:iam::123456789012:user/admin'],
      deletionProtection: true,
      irsaOidcProvider: true,
      systemNodes: { instanceTypes: ['m7i.large', 'm7i-flex.xlarge'], desiredSize: 100, minSize: 100, maxSize: 100, diskSizeGiB: 16384, metadataHopLimit: 2 },
    },
    karpenter: { namespace: 'k'.repeat(63), serviceAccount: 's'.repeat(253) },
    eso: { clusterName: name, namespace: 'e'.repeat(63), serviceAccount: 'e'.repeat(63) },
    mlflow: {
      preset: 'prod',
      artifactPrefix: 'a/b.c/d_e-f',
      database: { instanceClass: 'db.m7g.large', engineVersion: '17.6', allocatedStorage: 65535, maxAllocatedStorage: 65536, backupRetentionDays: 35, multiAz: true },
      clientCredentialsVersion: 1000,
    },
    feast: {
      project: 'p'.repeat(63),
      name: 'f'.repeat(40),
      preset: 'prod',
      onlineStore: { nodeType: 'cache.r7g.large', numCacheClusters: 6, snapshotRetentionDays: 35, authTokenVersion: 1000 },
    },
    vectordb: { clusterName: name, engine: 'qdrant', preset: 'prod', name: 'v'.repeat(40), namespace: 'n'.repeat(63), backup: { retentionDays: 3650 } },
    bucket: { bucketPrefix: 'b'.repeat(37), noncurrentVersionDays: 3650, abortIncompleteUploadDays: 365, expirationDays: 3650 },
    secret: { secretName: `${'s'.repeat(500)}/long-name`, password: { length: 4096 }, recoveryWindowInDays: 30, preset: 'prod' },
    role: { clusterName: name, namespace: 'n'.repeat(63), serviceAccount: 's'.repeat(253), roleName: 'r'.repeat(64) },
    modelReader: { clusterName: name, namespace: 'n'.repeat(63), serviceName: 's'.repeat(63), models: [{ bucket: 'b'.repeat(63), prefix: 'models/a/b' }] },
    drift: { clusterName: name, preset: 'prod', models: [{ name: 'm'.repeat(40), ...DATA }] },
    monitoring: { preset: 'prod', passwordVersion: 1000 },
  };
}

/** One stack with every construct of the check built from `b`. */
function build(app: App, id: string, b: Bound): void {
  const stack = new CloudStack(app, id, b.stack);
  const network = new Network(stack, 'network', b.network);
  const cluster = new EksCluster(stack, 'cluster', { ...b.cluster, network });
  const ref = ClusterRef.fromEksCluster(cluster);
  new KarpenterAws(stack, 'karpenter', { ...b.karpenter, cluster });
  const secretsAccess = new ExternalSecretsAccess(stack, 'eso', b.eso);
  new MlflowCloud(stack, 'mlflow', { ...b.mlflow, cluster: ref, secretsAccess });
  new FeastFeatureStoreCloud(stack, 'feast', { ...b.feast, cluster: ref });
  new VectorDatabaseCloud(stack, 'vectordb', b.vectordb);
  new SecureBucket(stack, 'bucket', b.bucket);
  new GeneratedSecret(stack, 'secret', b.secret);
  new PodIdentityRole(stack, 'role', b.role);
  new InferenceServiceIdentity(stack, 'model-reader', b.modelReader);
  new DriftMonitorCloud(stack, 'drift', b.drift);
  new MonitoringCloud(stack, 'monitoring', b.monitoring);
}

/** Builds both stacks into `app`. */
export function buildEdgeValueStacks(app: App): App {
  build(app, 'edge-min', minimal());
  build(app, 'edge-max', maximal());
  return app;
}

if (require.main === module) {
  const outdir = process.argv[2] ?? 'cdktf.edge.out';
  const app = new App({ outdir, skipBackendValidation: true });
  buildEdgeValueStacks(app);
  app.synth();
}
