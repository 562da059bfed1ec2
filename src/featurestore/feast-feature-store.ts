/**
 * `FeastFeatureStore` (workloads layer): the running feature store — the Redis AUTH token synced
 * from Secrets Manager into a Kubernetes Secret, the pinned `feast-feature-server` chart in online
 * mode (optionally offline and UI modes, one release each) and the incremental materialization
 * CronJob, all with the same `feature_store.yaml` and the same service account.
 *
 * Why the workloads layer for Helm releases and a CronJob: the pods read the token from a Secret
 * that an `ExternalSecret` (a custom resource, workloads layer) creates. The releases and the
 * CronJob `dependsOn` the ExternalSecret, which waits until External Secrets reports it Ready; in
 * the platform layer a release would wait for pods that cannot start until the next layer runs.
 * The chart installs no CRD, so the deployability check is satisfied.
 *
 * Nothing secret is in the synthesized JSON or the Helm values: `feature_store.yaml` (base64 in
 * the values and the CronJob env) references `$FEAST_REDIS_PASSWORD`, and that env var comes
 * from the Secret by `secretKeyRef`.
 */
import { Fn, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { HelmChart } from '../core/helm-chart';
import { requireLayer } from '../core/layers/mlops-stack';
import { ISecretStoreRef, secretStoreRefSchema } from '../core/secrets/secret-store';
import { SyncedSecret } from '../core/secrets/synced-secret';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { CHARTS } from '../core/versions';
import { FEAST_DEFAULTS, FEAST_SERVICE_PORT, FeastServerMode, REDIS_AUTH_SECRET_KEY } from './constants';
import { FeastFeatureStoreCloud } from './feast-feature-store-cloud';
import { FeastFeatureStorePlatform } from './feast-feature-store-platform';
import { featureServerValues } from './feature-server-values';
import { FeastMaterializationJob } from './materialization-job';
import { ResolvedFeastSpec } from './spec';

/** Props of {@link FeastFeatureStore}. */
export interface FeastFeatureStoreProps {
  /** The cloud half (definition, buckets, online store, secret, role). */
  readonly cloud: FeastFeatureStoreCloud;
  /** The platform half (namespace, service account, NetworkPolicies) of the same `cloud`. */
  readonly platform: FeastFeatureStorePlatform;
  /** The External Secrets store that reads AWS Secrets Manager (a `SecretStore`). */
  readonly secretStore: ISecretStoreRef;
  /**
   * Seconds Helm waits for each server to become ready.
   * @default 600
   */
  readonly timeoutSeconds?: number;
}

const schema = Schemas.props<FeastFeatureStoreProps>()({
  cloud: z.custom<FeastFeatureStoreCloud>((v) => v instanceof FeastFeatureStoreCloud, { message: 'is not a FeastFeatureStoreCloud; pass the FeastFeatureStoreCloud of the cloud layer' }),
  platform: z.custom<FeastFeatureStorePlatform>((v) => v instanceof FeastFeatureStorePlatform, { message: 'is not a FeastFeatureStorePlatform; pass the one created from this cloud in the platform layer' }),
  secretStore: secretStoreRefSchema(),
  timeoutSeconds: z.number().int().min(30, { message: 'is under 30 seconds; give Helm at least 30 seconds' }).optional(),
});

/** The running Feast feature store. */
export class FeastFeatureStore extends Construct {
  public readonly spec: ResolvedFeastSpec;
  /** The Secret with the Redis AUTH token (key `password`). */
  public readonly redisAuth: SyncedSecret;
  /** One release per server mode (`online` always; `offline` and `ui` when enabled). */
  public readonly servers: Partial<Record<FeastServerMode, HelmChart>> & { readonly online: HelmChart };
  /** The materialization CronJob, when enabled. */
  public readonly materialization?: FeastMaterializationJob;
  /** In-cluster URL of the online feature server (HTTP, `POST /get-online-features`). */
  public readonly featureServerUrl: string;
  /** In-cluster URL of the offline server (Arrow Flight), when enabled. */
  public readonly offlineServerUrl?: string;
  /** In-cluster URL of the UI, when enabled. */
  public readonly uiUrl?: string;
  /** Online store endpoint `host:port` (TLS and AUTH required). */
  public readonly onlineStoreEndpoint: string;
  /** Registry location `s3://…/<project>/registry.db`. */
  public readonly registryPath: string;
  /** `base64encode(feature_store.yaml)` (a Terraform local), as given to every Feast container. */
  public readonly featureStoreYamlBase64: string;

  constructor(scope: Construct, id: string, props: FeastFeatureStoreProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'FeastFeatureStore');
    const { cloud, platform } = props;
    if (platform.spec !== cloud.spec) {
      failProp(this, 'platform', platform.node.path, `belongs to another feature store than cloud (${cloud.node.path}); pass the FeastFeatureStorePlatform created from this cloud`);
    }
    this.spec = cloud.spec;
    const s = this.spec;
    this.onlineStoreEndpoint = cloud.onlineStoreEndpoint;
    this.registryPath = cloud.registryPath;
    // One local holds the encoded document: every container gets the very same value, and Helm
    // values and env vars carry only `${local.…}` (valid YAML before Terraform interpolates it).
    this.featureStoreYamlBase64 = new TerraformLocal(this, 'feature-store-yaml-base64', Fn.base64encode(cloud.featureStoreYaml)).asString;

    this.redisAuth = new SyncedSecret(this, 'redis-auth', {
      store: props.secretStore,
      source: cloud.authToken,
      namespace: s.namespace,
      secretName: `${s.name}-redis-auth`,
      valueKey: REDIS_AUTH_SECRET_KEY,
    });

    const modes: FeastServerMode[] = ['online', ...(s.featureServer.offline ? (['offline'] as const) : []), ...(s.featureServer.ui ? (['ui'] as const) : [])];
    const servers: Partial<Record<FeastServerMode, HelmChart>> = {};
    for (const mode of modes) {
      const releaseName = `${s.name}-${mode}`;
      servers[mode] = new HelmChart(this, `${mode}-server`, {
        chart: CHARTS.feastFeatureServer,
        releaseName,
        namespace: s.namespace,
        values: featureServerValues({
          mode,
          releaseName,
          replicas: mode === 'online' ? s.featureServer.replicas : 1,
          featureStoreYamlBase64: this.featureStoreYamlBase64,
          serviceAccountName: platform.serviceAccountName,
          redisSecretName: this.redisAuth.secretName,
          region: cloud.region,
          resources: s.featureServer.resources,
          metrics: mode === 'online',
        }),
        overrides: s.featureServer.overrides,
        timeoutSeconds: props.timeoutSeconds ?? FEAST_DEFAULTS.helmTimeoutSeconds,
        dependsOn: [this.redisAuth.manifest],
      });
    }
    this.servers = servers as FeastFeatureStore['servers'];
    const url = (mode: FeastServerMode) => (servers[mode] ? `http://${s.name}-${mode}.${s.namespace}.svc.cluster.local:${FEAST_SERVICE_PORT}` : undefined);
    this.featureServerUrl = url('online')!;
    this.offlineServerUrl = url('offline');
    this.uiUrl = url('ui');

    if (s.materialization.enabled) {
      this.materialization = new FeastMaterializationJob(this, 'materialization', {
        name: `${s.name}-materialize`,
        namespace: s.namespace,
        schedule: s.materialization.schedule,
        views: s.materialization.views,
        serviceAccountName: platform.serviceAccountName,
        featureStoreYamlBase64: this.featureStoreYamlBase64,
        redisSecretName: this.redisAuth.secretName,
        region: cloud.region,
        resources: s.materialization.resources,
        deadlineSeconds: s.materialization.deadlineSeconds,
        startingDeadlineSeconds: s.materialization.startingDeadlineSeconds,
        dependsOn: [this.redisAuth.manifest],
      });
    }
  }
}
