/**
 * One entry per public construct family for the property-style props checks: valid base props
 * (with every optional prop the check should reach set), and how to build them. References to other
 * constructs are written as markers (`'@pool'`) that `build` replaces, so mutations can also remove
 * or replace a reference (the cases that used to crash with a `TypeError`).
 */
import { TerraformStack } from 'cdktf';
import { Network } from '../../src/cluster/network';
import { EksCluster } from '../../src/cluster/eks-cluster';
import { GpuNodePool } from '../../src/compute/gpu-node-pool';
import { NvidiaGpuOperator } from '../../src/compute/gpu-operator/nvidia-gpu-operator';
import { Karpenter } from '../../src/compute/karpenter/karpenter';
import { MigConfiguration } from '../../src/compute/mig/mig-configuration';
import { GeneratedSecret } from '../../src/core/secrets/generated-secret';
import { SecretStore } from '../../src/core/secrets/secret-store';
import { SyncedSecret } from '../../src/core/secrets/synced-secret';
import { SecureBucket } from '../../src/core/secure-bucket';
import { FeastFeatureStore } from '../../src/featurestore/feast-feature-store';
import { FeastFeatureStoreCloud } from '../../src/featurestore/feast-feature-store-cloud';
import { FeastFeatureStorePlatform } from '../../src/featurestore/feast-feature-store-platform';
import { MlflowCloud } from '../../src/mlflow/mlflow-cloud';
import { DriftMonitorCloud } from '../../src/monitoring/drift-monitor-cloud';
import { Monitoring } from '../../src/monitoring/monitoring';
import { MonitoringCloud } from '../../src/monitoring/monitoring-cloud';
import { InferenceService } from '../../src/serving/inference-service';
import { InferenceServiceIdentity } from '../../src/serving/inference-service-identity';
import { KServe } from '../../src/serving/kserve';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { ServingRuntime } from '../../src/serving/serving-runtime';
import { KarpenterAws } from '../../src/compute/karpenter/karpenter-aws';
import { MigNodeOverlay } from '../../src/compute/mig/mig-node-overlay';
import { ExternalSecretsAccess } from '../../src/core/secrets/external-secrets-access';
import { ExternalSecretsOperator } from '../../src/core/secrets/external-secrets-operator';
import { PodIdentityRole } from '../../src/core/pod-identity-role';
import { PostgresInstance } from '../../src/core/databases/postgres-instance';
import { ManagedRedis } from '../../src/core/databases/managed-redis';
import { DefaultStorageClass } from '../../src/cluster/default-storage-class';
import { ClusterRef } from '../../src/cluster/cluster-ref';
import { MlflowPlatform } from '../../src/mlflow/mlflow-platform';
import { MlflowTrackingServer } from '../../src/mlflow/mlflow-tracking-server';
import { DriftMonitorPlatform } from '../../src/monitoring/drift-monitor-platform';
import { Keda } from '../../src/monitoring/keda';
import { MlopsAlertRules } from '../../src/monitoring/mlops-alert-rules';
import { PlatformMetricsMonitors } from '../../src/monitoring/platform-metrics-monitors';
import { VectorDatabase } from '../../src/vectordb/vector-database';
import { VectorDatabaseCloud } from '../../src/vectordb/vector-database-cloud';
import { VectorDatabasePlatform } from '../../src/vectordb/vector-database-platform';
import { validateEnvironment } from '../../stacks/config/environment';
import { dev } from '../../stacks/config/dev';
import { cloudStack, fakeClusterRef, platformStack, testApp, workloadsStack } from '../helpers/synth';

const KMS = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } };

/** A construct family: base props and what building them creates. */
export interface PropsFamily {
  readonly name: string;
  readonly base: object;
  /** Builds the props (markers replaced) in a fresh app; returns the stacks to synthesize. */
  build(props: any): TerraformStack[];
}

/** `props` with each marker string (`'@name'`) replaced by `refs[name]`, at any depth. */
export function withRefs(props: unknown, refs: Readonly<Record<string, unknown>>): any {
  if (typeof props === 'string' && props.startsWith('@') && props.slice(1) in refs) return refs[props.slice(1)];
  if (Array.isArray(props)) return props.map((p) => withRefs(p, refs));
  if (props !== null && typeof props === 'object' && Object.getPrototypeOf(props) === Object.prototype) {
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, withRefs(v, refs)]));
  }
  return props;
}

const gpuPool = (stack: TerraformStack, id: string, mig = false) =>
  new GpuNodePool(stack, id, {
    karpenter: { nodeRoleName: 'KarpenterNodeRole-test' },
    ...(mig ? { instanceTypes: ['p5.48xlarge'], mig: { configName: 'h100-3g', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } } } : { instanceFamilies: ['g6e'] }),
    limits: { gpu: 16 },
  });

export const FAMILIES: readonly PropsFamily[] = [
  {
    name: 'Network',
    base: { name: 'ml', clusterName: 'ml', preset: 'dev', cidr: '10.0.0.0/16', availabilityZones: ['us-east-1a', 'us-east-1b'], natGateways: 'single', flowLogRetentionDays: 30 },
    build: (props) => {
      const stack = cloudStack();
      new Network(stack, 'network', props);
      return [stack];
    },
  },
  {
    name: 'EksCluster',
    base: {
      name: 'ml',
      network: { vpcId: 'vpc-0abc', privateSubnetIds: ['subnet-0a', 'subnet-0b'] },
      preset: 'dev',
      kubernetesVersion: '1.34',
      endpointPublicAccessCidrs: ['203.0.113.0/24'],
      endpointPrivateAccessCidrs: ['10.0.0.0/16'],
      logRetentionDays: 30,
      adminPrincipalArns: ['arn:aws:iam::123456789012:role/ci'],
      deletionProtection: false,
      systemNodes: { instanceTypes: ['m7i.large'], desiredSize: 2, minSize: 2, maxSize: 4, diskSizeGiB: 50, metadataHopLimit: 2 },
      addonVersions: { 'vpc-cni': 'v1.20.4-eksbuild.1' },
    },
    build: (props) => {
      const stack = cloudStack();
      new EksCluster(stack, 'cluster', props);
      return [stack];
    },
  },
  {
    name: 'GpuNodePool',
    base: {
      karpenter: { nodeRoleName: 'KarpenterNodeRole-test' },
      name: 'inference',
      instanceFamilies: ['g6e', 'g5'],
      gpu: { minCount: 1, maxCount: 4, minMemoryGiB: 24 },
      capacityTypes: ['spot', 'on-demand'],
      limits: { gpu: 8, cpu: '256', memory: '2Ti' },
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: '5m',
      budgets: [{ nodes: '1', reasons: ['Drifted'], schedule: '0 9 * * 1-5', duration: '8h' }],
      expireAfter: '720h',
      terminationGracePeriod: '1h',
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
      labels: { team: 'ml' },
      weight: 10,
      amiFamily: 'al2023',
      metadataHopLimit: 1,
      volumeSizeGiB: 200,
    },
    build: (props) => {
      const stack = workloadsStack();
      new GpuNodePool(stack, 'pool', props);
      return [stack];
    },
  },
  {
    name: 'GpuNodePool (MIG)',
    base: { karpenter: '@karpenter', instanceTypes: ['p5.4xlarge', 'p5.48xlarge'], capacityTypes: ['on-demand'], limits: { gpu: 8 }, mig: { configName: 'h100-3g', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } } },
    build: (props) => {
      const app = testApp();
      const platform = platformStack(app);
      new MigConfiguration(platform, 'mig-config', { pools: [{ configName: 'h100-3g', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } }] });
      const stack = workloadsStack(app);
      new GpuNodePool(stack, 'mig', withRefs(props, { karpenter: { nodeRoleName: 'KarpenterNodeRole-test' } }));
      return [platform, stack];
    },
  },
  {
    name: 'NvidiaGpuOperator',
    base: { amiFamily: 'al2023', mig: '@mig', timeSlicing: { replicas: 4, renameByDefault: false }, serviceMonitor: true, serviceMonitorLabels: { release: 'kps' }, namespace: 'gpu-operator', nodeSelector: { 'mlops.cdktf.io/node-role': 'system' } },
    build: (props) => {
      const stack = platformStack();
      const mig = new MigConfiguration(stack, 'mig-config', { pools: [{ configName: 'a100', gpu: 'A100-40GB', layout: { '3g.20gb': 2 } }] });
      new NvidiaGpuOperator(stack, 'gpu-operator', withRefs(props, { mig }));
      return [stack];
    },
  },
  {
    name: 'Karpenter',
    base: {
      aws: { clusterName: 'test-cluster', interruptionQueueName: 'test-cluster-karpenter', nodeRoleName: 'KarpenterNodeRole-test', namespace: 'kube-system', serviceAccount: 'karpenter' },
      replicas: 2,
      resources: RESOURCES,
      featureGates: ['nodeOverlay'],
      nodeSelector: { 'mlops.cdktf.io/node-role': 'system' },
    },
    build: (props) => {
      const stack = platformStack();
      new Karpenter(stack, 'karpenter', props);
      return [stack];
    },
  },
  {
    name: 'MlflowCloud',
    base: {
      cluster: '@cluster',
      preset: 'dev',
      kmsKeyArn: KMS,
      artifactPrefix: 'artifacts',
      database: { instanceClass: 'db.t4g.micro', engineVersion: '17.6', allocatedStorage: 20, maxAllocatedStorage: 100, backupRetentionDays: 7, multiAz: false },
      namespace: 'mlflow',
      clientCredentialsVersion: 1,
    },
    build: (props) => {
      const stack = cloudStack();
      new MlflowCloud(stack, 'mlflow', withRefs(props, { cluster: fakeClusterRef }));
      return [stack];
    },
  },
  {
    name: 'Feast',
    base: {
      cluster: '@cluster',
      project: 'driver_stats',
      preset: 'dev',
      kmsKeyArn: KMS,
      onlineStore: { nodeType: 'cache.t4g.small', numCacheClusters: 1, snapshotRetentionDays: 1, keyTtlSeconds: 3600 },
      registry: { cacheTtlSeconds: 60 },
      featureServer: { replicas: 1, resources: RESOURCES, clientNamespaces: ['kserve'] },
      materialization: { schedule: '5 * * * *', views: ['driver_hourly'], resources: RESOURCES, deadlineSeconds: 600 },
    },
    build: (props) => {
      const app = testApp();
      const [c, p, w] = [cloudStack(app), platformStack(app), workloadsStack(app)];
      const cloud = new FeastFeatureStoreCloud(c, 'feast', withRefs(props, { cluster: fakeClusterRef }));
      const platform = new FeastFeatureStorePlatform(p, 'feast', { cloud });
      new FeastFeatureStore(w, 'feast', { cloud, platform, secretStore: { storeName: 'aws-secrets-manager', storeKind: 'ClusterSecretStore' } });
      return [c, p, w];
    },
  },
  {
    name: 'VectorDatabase',
    base: {
      clusterName: 'test-cluster',
      engine: 'qdrant',
      preset: 'dev',
      storageSize: '20Gi',
      replicas: 1,
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
      clientNamespaces: ['kserve'],
      backup: { schedule: '0 3 * * *', retentionDays: 7 },
      qdrant: { clusterMode: false },
    },
    build: (props) => {
      const app = testApp();
      const [c, p, w] = [cloudStack(app), platformStack(app), workloadsStack(app)];
      const cloud = new VectorDatabaseCloud(c, 'vectordb', props);
      const platform = new VectorDatabasePlatform(p, 'vectordb', { cloud });
      new VectorDatabase(w, 'vectordb', { cloud, platform, secretStore: { storeName: 'aws-secrets-manager', storeKind: 'ClusterSecretStore' } });
      return [c, p, w];
    },
  },
  {
    name: 'InferenceService',
    base: {
      namespace: 'models',
      name: 'llm',
      identity: '@identity',
      minReplicas: 1,
      maxReplicas: 2,
      autoscaling: { metric: 'cpu', targetUtilization: 70 },
      routeTimeout: '300s',
      predictor: {
        modelFormat: 'huggingface',
        storageUri: 's3://acme-models/models/llm/v1',
        resources: { requests: { cpu: '4', memory: '32Gi' }, limits: { cpu: '8', memory: '48Gi' } },
        gpu: { pool: '@pool', migProfile: '3g.40gb', migSlices: 1 },
        llm: { maxModelLen: 8192, dtype: 'bfloat16', sharedMemory: '2Gi' },
        env: { LOG_LEVEL: 'info' },
        image: { repository: 'kserve/huggingfaceserver', tag: 'v0.20.0-gpu' },
      },
    },
    build: (props) => {
      const app = testApp();
      const cloud = cloudStack(app);
      const identity = new InferenceServiceIdentity(cloud, 'identity', { clusterName: 'test-cluster', namespace: 'models', serviceName: 'llm', models: [{ bucket: 'acme-models', prefix: 'models/llm' }] });
      const stack = workloadsStack(app);
      const pool = gpuPool(stack, 'mig-pool', true);
      new InferenceService(stack, 'llm', withRefs(props, { identity, pool }));
      return [stack];
    },
  },
  {
    name: 'KServe',
    base: { certManager: 'install', deploymentMode: 'Standard', namespaces: ['models'], preset: 'dev', region: 'us-east-1', controllerResources: RESOURCES, certManagerResources: RESOURCES },
    build: (props) => {
      const stack = platformStack();
      new KServe(stack, 'kserve', props);
      return [stack];
    },
  },
  {
    name: 'DriftMonitorCloud',
    base: {
      clusterName: 'test-cluster',
      preset: 'dev',
      region: 'us-east-1',
      models: [
        {
          name: 'churn',
          referenceDataUri: 's3://mlops-data/churn/reference/',
          currentDataUri: 's3://mlops-data/churn/current/',
          dataKmsKeyArns: [KMS],
          schedule: '5 * * * *',
          threshold: 0.3,
          window: '1h',
          driftJob: { image: 'registry.example.com/drift-check:1.2.0', args: ['--model', 'churn'], env: { LOG_LEVEL: 'info' }, resources: RESOURCES, runAsUser: 1000 },
        },
      ],
    },
    build: (props) => {
      const stack = cloudStack();
      new DriftMonitorCloud(stack, 'drift', props);
      return [stack];
    },
  },
  {
    name: 'Monitoring',
    base: { cloud: '@cloud', preset: 'dev', retention: '15d', retentionSize: '18GB', prometheusStorage: '20Gi', alertmanagerStorage: '2Gi', nodeSelector: { 'mlops.cdktf.io/node-role': 'system' } },
    build: (props) => {
      const app = testApp();
      const cloud = new MonitoringCloud(cloudStack(app), 'monitoring', { preset: 'dev' });
      const stack = platformStack(app);
      new Monitoring(stack, 'monitoring', withRefs(props, { cloud }));
      return [stack];
    },
  },
  {
    name: 'SyncedSecret',
    base: { store: '@store', source: '@source', namespace: 'mlflow', secretName: 'db', properties: { PASSWORD: 'password' }, template: { DSN: 'postgresql://{{ .username }}@db' }, mergeTemplate: true, refreshInterval: '15m' },
    build: (props) => {
      const app = testApp();
      const source = new GeneratedSecret(cloudStack(app), 'db', { secretName: 'mlops/dev/db', jsonFields: { username: 'mlflow' } });
      const stack = workloadsStack(app);
      const store = new SecretStore(stack, 'store');
      new SyncedSecret(stack, 'synced', withRefs(props, { store, source }));
      return [stack];
    },
  },
  {
    name: 'SecureBucket',
    base: { bucketPrefix: 'mlops-data-', kmsKeyArn: KMS, noncurrentVersionDays: 30, abortIncompleteUploadDays: 7, expirationDays: 90 },
    build: (props) => {
      const stack = cloudStack();
      new SecureBucket(stack, 'bucket', props);
      return [stack];
    },
  },
  {
    name: 'KarpenterAws',
    base: { cluster: { clusterName: 'test-cluster' }, namespace: 'kube-system', serviceAccount: 'karpenter', region: 'us-east-1' },
    build: (props) => {
      const stack = cloudStack();
      new KarpenterAws(stack, 'karpenter', props);
      return [stack];
    },
  },
  {
    name: 'MigConfiguration and MigNodeOverlay',
    base: { pools: [{ configName: 'a100', gpu: 'A100-40GB', layout: { '3g.20gb': 1, '2g.10gb': 1, '1g.5gb': 2 } }, { configName: 'a30', gpu: 'A30', layout: { '2g.12gb+me': 1, '1g.6gb': 2 } }], namespace: 'gpu-operator', configMapName: 'mig-parted' },
    build: (props) => {
      const app = testApp();
      const platform = platformStack(app);
      const config = new MigConfiguration(platform, 'mig-config', props);
      const workloads = workloadsStack(app);
      const a100 = config.pools.find((p) => p.gpu === 'A100-40GB');
      if (a100) new MigNodeOverlay(workloads, 'overlay', { nodePoolName: 'mig', instanceTypes: ['p4d.24xlarge'], spec: a100 });
      return [platform, workloads];
    },
  },
  {
    name: 'ExternalSecretsAccess and Operator',
    base: { clusterName: 'test-cluster', namespace: 'external-secrets', serviceAccount: 'external-secrets', region: 'us-east-1' },
    build: (props) => {
      const app = testApp();
      const cloud = cloudStack(app);
      const access = new ExternalSecretsAccess(cloud, 'access', props);
      const platform = platformStack(app);
      new ExternalSecretsOperator(platform, 'eso', { access, preset: 'dev', resources: { controller: RESOURCES } });
      return [cloud, platform];
    },
  },
  {
    name: 'PodIdentityRole',
    base: {
      clusterName: 'test-cluster',
      namespace: 'models',
      serviceAccount: 'reader',
      roleName: 'test-reader',
      policy: { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-models/*' }] },
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
      createAssociation: true,
    },
    build: (props) => {
      const stack = cloudStack();
      new PodIdentityRole(stack, 'role', props);
      return [stack];
    },
  },
  {
    name: 'PostgresInstance',
    base: {
      identifier: 'mlops-db',
      vpcId: 'vpc-0abc',
      subnetIds: ['subnet-0a', 'subnet-0b'],
      clientSecurityGroupId: 'sg-0abc',
      kmsKeyArn: KMS,
      databaseName: 'app',
      masterUsername: 'app_admin',
      preset: 'dev',
      instanceClass: 'db.t4g.micro',
      engineVersion: '17.6',
      allocatedStorage: 20,
      maxAllocatedStorage: 100,
      backupRetentionDays: 7,
      multiAz: false,
      purpose: 'Test database',
    },
    build: (props) => {
      const stack = cloudStack();
      new PostgresInstance(stack, 'db', props);
      return [stack];
    },
  },
  {
    name: 'ManagedRedis',
    base: {
      replicationGroupId: 'mlops-cache',
      vpcId: 'vpc-0abc',
      subnetIds: ['subnet-0a', 'subnet-0b'],
      clientSecurityGroupId: 'sg-0abc',
      kmsKeyArn: KMS,
      authToken: '@token',
      nodeType: 'cache.t4g.small',
      numCacheClusters: 2,
      snapshotRetentionDays: 7,
      preventDestroy: false,
      engineVersion: '7.1',
      parameters: { 'maxmemory-policy': 'allkeys-lru' },
    },
    build: (props) => {
      const stack = cloudStack();
      const token = new GeneratedSecret(stack, 'token', { secretName: 'mlops/dev/cache', password: { length: 64 } });
      new ManagedRedis(stack, 'cache', withRefs(props, { token }));
      return [stack];
    },
  },
  {
    name: 'DefaultStorageClass',
    base: { name: 'gp3-encrypted', kmsKeyArn: KMS, reclaimPolicy: 'Retain' },
    build: (props) => {
      const stack = platformStack();
      new DefaultStorageClass(stack, 'sc', props);
      return [stack];
    },
  },
  {
    name: 'ClusterRef.fromName',
    base: { clusterName: 'existing', region: 'us-east-1', privateSubnetIds: ['subnet-0abc'], nodeSecurityGroupId: 'sg-0abc', karpenterDiscoveryTag: 'existing' },
    build: (props) => {
      const stack = platformStack();
      ClusterRef.fromName(props).bind(stack);
      return [stack];
    },
  },
  {
    name: 'MlflowPlatform and MlflowTrackingServer',
    base: {
      cloud: '@cloud',
      store: '@store',
      preset: 'dev',
      replicas: 1,
      resources: RESOURCES,
      nodeSelector: { 'mlops.cdktf.io/node-role': 'system' },
      defaultPermission: 'READ',
      ingress: { host: 'mlflow.internal.example.com', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/scheme': 'internal' } },
      databaseSecretRefreshInterval: '15m',
    },
    build: (props) => {
      const app = testApp();
      const cloud = new MlflowCloud(cloudStack(app), 'mlflow', { cluster: fakeClusterRef, preset: 'dev' });
      const platform = platformStack(app);
      new MlflowPlatform(platform, 'mlflow', { cloud, clientNamespaces: ['kserve'], allowedCidrs: ['10.0.0.0/16'] });
      const workloads = workloadsStack(app);
      const store = new SecretStore(workloads, 'store');
      new MlflowTrackingServer(workloads, 'mlflow', withRefs(props, { cloud, store }));
      return [platform, workloads];
    },
  },
  {
    name: 'ServingGateway and ServingRuntime',
    base: { routeNamespaces: ['models'], exposure: 'internal-load-balancer', domain: 'serving.internal', tls: { certificateSecretName: 'serving-tls' }, name: 'serving', preset: 'dev', nodeSelector: { 'mlops.cdktf.io/node-role': 'system' } },
    build: (props) => {
      const workloads = workloadsStack();
      new ServingGateway(workloads, 'gateway', props);
      new ServingRuntime(workloads, 'runtime', { namespace: 'models', image: { repository: 'ghcr.io/acme/server', tag: '1.0.0' }, modelFormat: 'custom', resources: RESOURCES });
      return [workloads];
    },
  },
  {
    name: 'DriftMonitorPlatform, Keda, alert rules and platform monitors',
    base: { cloud: '@cloud', monitoringNamespace: 'monitoring', evidentlyClientNamespaces: ['kserve'], resources: { evidently: RESOURCES }, evidentlyStorage: '10Gi', nodeSelector: { 'mlops.cdktf.io/node-role': 'system' } },
    build: (props) => {
      const app = testApp();
      const cloud = new DriftMonitorCloud(cloudStack(app), 'drift', {
        clusterName: 'test-cluster',
        models: [{ name: 'churn', referenceDataUri: 's3://mlops-data/churn/reference/', currentDataUri: 's3://mlops-data/churn/current/', driftJob: { image: 'registry.example.com/drift:1.0' } }],
      });
      const platform = platformStack(app);
      new DriftMonitorPlatform(platform, 'drift', withRefs(props, { cloud }));
      new Keda(platform, 'keda', { preset: 'dev', resources: { operator: RESOURCES } });
      const workloads = workloadsStack(app);
      new MlopsAlertRules(workloads, 'alerts', { gpuPendingFor: '10m', gpuIdleUtilPercent: 10, errorRatio: 0.05 });
      new PlatformMetricsMonitors(workloads, 'monitors', { feastNamespace: 'feast' });
      return [platform, workloads];
    },
  },
  {
    name: 'environment config',
    base: dev,
    build: (props) => {
      validateEnvironment(props);
      return [];
    },
  },
];
