/**
 * `DriftMonitorPlatform` (platform layer): the Kubernetes side of a drift monitor, in its own
 * namespace (default `mlops-drift`):
 * - the **Evidently UI service** (`IMAGES.evidently`; no chart exists, so a Deployment, Service and
 *   encrypted gp3 workspace volume written here): `evidently ui --host 0.0.0.0 --port 8000
 *   --workspace /workspace`, its API token from `EVIDENTLY_SECRET` (copied write-only from the
 *   cloud layer's `GeneratedSecret`), probes on `/api/version`, telemetry off (`DO_NOT_TRACK`),
 *   internal only (ClusterIP + NetworkPolicy);
 * - the **Pushgateway** (`IMAGES.pushgateway`): where the drift jobs (short-lived batch jobs, which
 *   Prometheus cannot scrape reliably) push their results and the retraining Job its start time;
 *   persisted to a small volume so the last drift result and the cooldown survive a restart;
 * - per model, the drift and retraining **service accounts** (their Pod Identity roles are in the
 *   cloud layer) and the drift **CronJob** (`DriftJob`);
 * - **NetworkPolicies**: ingress denied by default; Evidently reachable from the namespace (drift
 *   jobs) and `evidentlyClientNamespaces`; the Pushgateway from the namespace and from Prometheus'
 *   namespace.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesNetworkPolicyV1 } from '../core/resources/kubernetes-network-policy';
import { z } from 'zod';
import { systemNodeSelector } from '../core/labels';
import { requireLayer } from '../core/layers/mlops-stack';
import { byPreset } from '../core/presets';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { IMAGES } from '../core/versions';
import { DRIFT_DEFAULTS, DRIFT_ENV, MONITORING_DEFAULTS, MONITORING_LABELS } from './constants';
import { DriftJob } from './drift-job';
import { driftServiceAccounts, DriftMonitorCloud } from './drift-monitor-cloud';
import { ContainerResources, containerResourcesSchema } from '../core/pod-security';
import type { FrontDoorBackend } from '../frontdoor/front-door';
import { SingleReplicaService } from '../core/single-replica-service';
import { WriteOnlyKubernetesSecret } from '../core/secrets/write-only-kubernetes-secret';
import { withDefaults } from '../core/merge';

import { NAMESPACE_NAME_LABEL } from '../core/network-policies';
import { KubernetesNamespaceV1, KubernetesServiceAccountV1 } from '../core/resources/kubernetes-core';

/** Label Kubernetes sets on every namespace with its name (also exported by core). */
export { NAMESPACE_NAME_LABEL };

/** Default resources of the Evidently service and the Pushgateway. */
export const DRIFT_SERVICE_RESOURCES: Readonly<Record<'evidently' | 'pushgateway', ContainerResources>> = {
  evidently: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
  pushgateway: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
};

/** uid/gid of the Evidently container (the image sets no user) and of the Pushgateway (`nobody`). */
export const DRIFT_SERVICE_UIDS = { evidently: 1000, pushgateway: 65534 } as const;

/** Props of {@link DriftMonitorPlatform}. */
export interface DriftMonitorPlatformProps {
  /** The cloud half (models, roles, the Evidently token). */
  readonly cloud: DriftMonitorCloud;
  /**
   * Namespace of Prometheus (allowed to scrape the Pushgateway).
   * @default 'monitoring'
   */
  readonly monitoringNamespace?: string;
  /**
   * Namespaces whose pods may reach the Evidently service (besides its own).
   * @default - none
   */
  readonly evidentlyClientNamespaces?: readonly string[];
  /**
   * CIDRs that may reach the Evidently UI directly, e.g. the VPC CIDR for a front door's ALB with IP targets.
   * @default - none
   */
  readonly evidentlyAllowedCidrs?: readonly string[];
  /**
   * Resources of the Evidently service and the Pushgateway.
   * @default DRIFT_SERVICE_RESOURCES
   */
  readonly resources?: Partial<Record<'evidently' | 'pushgateway', ContainerResources>>;
  /**
   * Size of the Evidently workspace volume.
   * @default '20Gi'
   */
  readonly evidentlyStorage?: string;
  /**
   * Node selector of Evidently and the Pushgateway.
   * @default { 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Platform resources to create first, e.g. the `DefaultStorageClass` the volumes use.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<DriftMonitorPlatformProps>()({
  cloud: z.custom<DriftMonitorCloud>((v) => v instanceof DriftMonitorCloud, { message: 'is not a DriftMonitorCloud; pass the DriftMonitorCloud of the cloud layer' }),
  monitoringNamespace: Schemas.k8sName().optional(),
  evidentlyClientNamespaces: z.array(Schemas.k8sName()).optional(),
  evidentlyAllowedCidrs: z.array(Schemas.cidr()).optional(),
  resources: Schemas.object({ evidently: containerResourcesSchema.optional(), pushgateway: containerResourcesSchema.optional() }).optional(),
  evidentlyStorage: Schemas.memory().optional(),
  nodeSelector: Schemas.labels().optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** Namespace, Evidently, Pushgateway, service accounts and drift CronJobs of a drift monitor. */
export class DriftMonitorPlatform extends Construct {
  public readonly cloud: DriftMonitorCloud;
  public readonly namespace: KubernetesNamespaceV1;
  public readonly namespaceName: string;
  public readonly evidentlySecret: WriteOnlyKubernetesSecret;
  public readonly evidently: SingleReplicaService;
  public readonly pushgateway: SingleReplicaService;
  /** The Evidently UI's Service, for a front door (`FrontDoor` routes). */
  public readonly evidentlyUi: FrontDoorBackend;
  /** Labels of the Pushgateway pods and Service (the workloads layer's ServiceMonitor selects them). */
  public readonly pushgatewayLabels: Readonly<Record<string, string>>;
  public readonly networkPolicies: KubernetesNetworkPolicyV1[] = [];
  /** Drift CronJob per model name. */
  public readonly driftJobs: Readonly<Record<string, DriftJob>>;
  /** Retraining service account name per model name (models with retraining). */
  public readonly retrainServiceAccounts: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: DriftMonitorPlatformProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'DriftMonitorPlatform');
    const { cloud } = props;
    this.cloud = cloud;
    this.namespaceName = cloud.namespace;
    const ns = cloud.namespace;
    const nodeSelector = systemNodeSelector(props.nodeSelector);
    const resources = withDefaults(DRIFT_SERVICE_RESOURCES, props.resources);
    const preventDestroy = byPreset(cloud.preset, { dev: false, prod: true });
    const componentLabel = (name: string) => ({ [MONITORING_LABELS.component]: 'drift-monitor', [MONITORING_LABELS.name]: name });

    this.namespace = new KubernetesNamespaceV1(this, 'namespace', { metadata: { name: ns, labels: { [MONITORING_LABELS.component]: 'drift-monitor' } } });
    const after: ITerraformDependable[] = [this.namespace, ...(props.dependsOn ?? [])];

    this.evidentlySecret = new WriteOnlyKubernetesSecret(this, 'evidently-secret', {
      source: cloud.evidentlySecret,
      namespace: ns,
      secretName: DRIFT_DEFAULTS.evidentlySecretName,
      valueKey: DRIFT_DEFAULTS.evidentlySecretKey,
      revision: cloud.evidentlySecret.version,
      dependsOn: after,
    });
    const tokenRef = this.evidentlySecret.secretKeyRef(DRIFT_DEFAULTS.evidentlySecretKey);

    this.evidently = new SingleReplicaService(this, 'evidently', {
      name: DRIFT_DEFAULTS.evidentlyName,
      namespace: ns,
      labels: componentLabel(DRIFT_DEFAULTS.evidentlyName),
      image: IMAGES.evidently,
      command: ['evidently', 'ui', '--host', '0.0.0.0', '--port', String(DRIFT_DEFAULTS.evidentlyPort), '--workspace', DRIFT_DEFAULTS.evidentlyWorkspace],
      env: [
        { name: DRIFT_ENV.evidentlySecret, secretKeyRef: tokenRef },
        { name: 'DO_NOT_TRACK', value: '1' },
        { name: 'HOME', value: '/tmp' },
      ],
      port: DRIFT_DEFAULTS.evidentlyPort,
      readinessPath: '/api/version',
      livenessPath: '/api/version',
      resources: resources.evidently,
      uid: DRIFT_SERVICE_UIDS.evidently,
      gid: DRIFT_SERVICE_UIDS.evidently,
      dataPath: DRIFT_DEFAULTS.evidentlyWorkspace,
      storage: props.evidentlyStorage ?? DRIFT_DEFAULTS.evidentlyStorage,
      preventDestroy,
      nodeSelector,
      dependsOn: [...after, this.evidentlySecret.secret],
    });

    this.pushgatewayLabels = componentLabel(DRIFT_DEFAULTS.pushgatewayName);
    this.pushgateway = new SingleReplicaService(this, 'pushgateway', {
      name: DRIFT_DEFAULTS.pushgatewayName,
      namespace: ns,
      labels: this.pushgatewayLabels,
      image: IMAGES.pushgateway,
      args: [`--web.listen-address=:${DRIFT_DEFAULTS.pushgatewayPort}`, '--persistence.file=/data/pushgateway.metrics', '--persistence.interval=1m'],
      port: DRIFT_DEFAULTS.pushgatewayPort,
      readinessPath: '/-/ready',
      livenessPath: '/-/healthy',
      resources: resources.pushgateway,
      uid: DRIFT_SERVICE_UIDS.pushgateway,
      gid: DRIFT_SERVICE_UIDS.pushgateway,
      dataPath: '/data',
      storage: '1Gi',
      preventDestroy,
      nodeSelector,
      dependsOn: after,
    });

    this.evidentlyUi = { namespace: ns, serviceName: DRIFT_DEFAULTS.evidentlyName, port: DRIFT_DEFAULTS.evidentlyPort, healthPath: '/api/version' };
    this.addNetworkPolicies(ns, props.monitoringNamespace ?? MONITORING_DEFAULTS.namespace, props.evidentlyClientNamespaces ?? [], props.evidentlyAllowedCidrs ?? []);

    const driftJobs: Record<string, DriftJob> = {};
    const retrainSas: Record<string, string> = {};
    for (const model of cloud.models) {
      const sa = driftServiceAccounts(model.name);
      const driftSa = this.serviceAccount(`${model.name}-drift-sa`, sa.drift, model.name);
      driftJobs[model.name] = new DriftJob(this, `${model.name}-drift`, {
        model,
        namespace: ns,
        serviceAccountName: sa.drift,
        pushgatewayUrl: this.pushgateway.url,
        evidentlyUrl: this.evidently.url,
        evidentlySecret: tokenRef,
        dependsOn: [driftSa, this.evidentlySecret.secret],
      });
      if (model.retraining) {
        this.serviceAccount(`${model.name}-retrain-sa`, sa.retrain, model.name);
        retrainSas[model.name] = sa.retrain;
      }
    }
    this.driftJobs = driftJobs;
    this.retrainServiceAccounts = retrainSas;
  }

  private serviceAccount(id: string, name: string, model: string): KubernetesServiceAccountV1 {
    return new KubernetesServiceAccountV1(this, id, {
      metadata: { name, namespace: this.namespace.metadata.name, labels: { [MONITORING_LABELS.model]: model } },
      automountServiceAccountToken: false,
    });
  }

  private addNetworkPolicies(ns: string, monitoringNamespace: string, evidentlyClients: readonly string[], evidentlyCidrs: readonly string[]): void {
    const metadata = (name: string) => ({ name, namespace: this.namespace.metadata.name });
    const fromNamespaces = (names: readonly string[]) => ({
      namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...names].sort() }] },
    });
    this.networkPolicies.push(
      new KubernetesNetworkPolicyV1(this, 'default-deny', { metadata: metadata('default-deny-ingress'), spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
      new KubernetesNetworkPolicyV1(this, 'evidently-ingress', {
        metadata: metadata('evidently-ingress'),
        spec: {
          podSelector: { matchLabels: { [MONITORING_LABELS.name]: DRIFT_DEFAULTS.evidentlyName } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [fromNamespaces([ns, ...evidentlyClients]), ...evidentlyCidrs.map((cidr) => ({ ipBlock: { cidr } }))], ports: [{ port: String(DRIFT_DEFAULTS.evidentlyPort), protocol: 'TCP' }] }],
        },
      }),
      new KubernetesNetworkPolicyV1(this, 'pushgateway-ingress', {
        metadata: metadata('pushgateway-ingress'),
        spec: {
          podSelector: { matchLabels: { [MONITORING_LABELS.name]: DRIFT_DEFAULTS.pushgatewayName } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [fromNamespaces([ns, monitoringNamespace])], ports: [{ port: String(DRIFT_DEFAULTS.pushgatewayPort), protocol: 'TCP' }] }],
        },
      }),
    );
  }
}
