/**
 * Which upstream data each pinned chart is checked against. `freeForm` lists value paths the chart's
 * templates read without a default in values.yaml (each with the template that reads it).
 */
import { CHARTS } from '../../src/core/versions';

export interface ChartContract {
  readonly version: string;
  /** Directory under ../shared/upstream/charts; undefined for charts whose values are empty (CRD charts). */
  readonly valuesDir?: string;
  readonly freeForm?: readonly string[];
}

/**
 * karpenter: templates/deployment.yaml renders `toYaml .Values.nodeSelector` (default `kubernetes.io/os: linux`).
 */
const KARPENTER_FREE_FORM = ['nodeSelector'];

/**
 * gpu-operator: templates/operator.yaml `with .Values.operator.nodeSelector` → `toYaml` (any node
 * label; the default only has kubernetes.io/os).
 */
const GPU_OPERATOR_FREE_FORM = ['operator.nodeSelector'];

/**
 * cert-manager: `podDisruptionBudget.minAvailable` of the controller, webhook and cainjector is
 * commented out in values.yaml and read by templates/*-poddisruptionbudget.yaml; `nodeSelector` maps
 * are rendered with `toYaml` (the defaults only have kubernetes.io/os).
 */
const CERT_MANAGER_FREE_FORM = ['', 'webhook.', 'cainjector.'].flatMap((p) => [`${p}podDisruptionBudget.minAvailable`, `${p}nodeSelector`]).concat('startupapicheck.nodeSelector');

/**
 * kube-prometheus-stack: keys of its `grafana` and `kube-state-metrics` subcharts that the parent
 * values.yaml does not repeat (the subcharts' own values.yaml define `resources: {}`,
 * `nodeSelector: {}` and `testFramework.enabled`).
 */
const KUBE_PROMETHEUS_STACK_FREE_FORM = ['grafana.resources', 'grafana.nodeSelector', 'grafana.testFramework', 'kube-state-metrics.resources', 'kube-state-metrics.nodeSelector'];

/**
 * gateway-helm: `templates/envoy-gateway-config.yaml` merges `.Values.config.envoyGateway` over the
 * chart's defaults (`merge $userEnvoyGatewayConfig $baseEnvoyGatewayConfig`) and renders the result as
 * the `EnvoyGateway` configuration, so any field of that API type is accepted there (Envoy Gateway v1.9.0 `api/v1alpha1/envoygateway_types.go`: `extensionManager`,
 * `rateLimit`, `provider.kubernetes`). test/contract/llm-gateway.contract.test.ts checks the AI
 * gateway's part of it against envoy-ai-gateway/envoy-gateway-values.yaml.
 */
const ENVOY_GATEWAY_FREE_FORM = [
  'config.envoyGateway.extensionManager',
  'config.envoyGateway.rateLimit',
  'config.envoyGateway.provider.kubernetes',
  // templates/envoy-gateway-deployment.yaml: `toYaml .Values.deployment.envoyGateway.resources` (any ResourceRequirements; the default sets no cpu limit)
  'deployment.envoyGateway.resources',
];

/** Chart value paths that templates read without a default in values.yaml, per vector database chart. */
export const VECTORDB_FREE_FORM: Readonly<Record<'qdrant' | 'milvus' | 'weaviate', readonly string[]>> = {
  qdrant: [
    // templates/configmap.yaml renders `toYaml .Values.config` as Qdrant's production.yaml: any Qdrant config key
    'config.storage',
    // templates/statefulset.yaml volumeClaimTemplates: `storageClassName: {{ .Values.persistence.storageClassName }}` (commented in values.yaml)
    'persistence.storageClassName',
    // templates/statefulset.yaml: `toYaml .Values.podSecurityContext` / `.Values.containerSecurityContext` (any PodSecurityContext / SecurityContext field)
    'podSecurityContext',
    'containerSecurityContext',
  ],
  weaviate: [
    // templates/weaviateStatefulset.yaml: `range $key, $value := $.Values.env` (any env var)
    'env',
    // templates/weaviateStatefulset.yaml: `range ... index .Values "backups" "s3" "envconfig"` (any env var)
    'backups.s3.envconfig',
    // templates/weaviateConfigMap.yaml: `toYaml .Values.authorization` into conf.yaml (users lists are commented in values.yaml)
    'authorization.admin_list',
    // templates/weaviateStatefulset.yaml: `toYaml .Values.affinity` (any Affinity; the default only has a preferred hostname term)
    'affinity',
  ],
  milvus: [],
};

/**
 * argo-workflows 1.0.18: the PDB templates read `controller.pdb.minAvailable` and
 * `server.pdb.minAvailable` (commented in values.yaml: templates/controller/
 * workflow-controller-deployment-pdb.yaml, templates/server/server-deployment-pdb.yaml); the
 * deployments render `toYaml` of `controller.nodeSelector` / `server.nodeSelector` (any node label;
 * the defaults only have kubernetes.io/os).
 */
export const ARGO_WORKFLOWS_FREE_FORM = ['controller.pdb.minAvailable', 'server.pdb.minAvailable', 'controller.nodeSelector', 'server.nodeSelector'];

/** argo-events 2.4.22: templates/argo-events-controller/pdb.yaml reads `controller.pdb.minAvailable` (commented in values.yaml). */
export const ARGO_EVENTS_FREE_FORM = ['controller.pdb.minAvailable'];

export const CHART_CONTRACTS: Readonly<Record<string, ChartContract>> = {
  [CHARTS.karpenterCrd.chart]: { version: CHARTS.karpenterCrd.version },
  [CHARTS.karpenter.chart]: { version: CHARTS.karpenter.version, valuesDir: 'karpenter', freeForm: KARPENTER_FREE_FORM },
  [CHARTS.gpuOperator.chart]: { version: CHARTS.gpuOperator.version, valuesDir: 'gpu-operator', freeForm: GPU_OPERATOR_FREE_FORM },
  [CHARTS.nvidiaDevicePlugin.chart]: { version: CHARTS.nvidiaDevicePlugin.version, valuesDir: 'nvidia-device-plugin' },
  [CHARTS.dcgmExporter.chart]: { version: CHARTS.dcgmExporter.version, valuesDir: 'dcgm-exporter' },
  [CHARTS.certManager.chart]: { version: CHARTS.certManager.version, valuesDir: 'cert-manager', freeForm: CERT_MANAGER_FREE_FORM },
  [CHARTS.kserveCrd.chart]: { version: CHARTS.kserveCrd.version },
  [CHARTS.kserveResources.chart]: { version: CHARTS.kserveResources.version, valuesDir: 'kserve-resources' },
  [CHARTS.kserveRuntimeConfigs.chart]: { version: CHARTS.kserveRuntimeConfigs.version, valuesDir: 'kserve-runtime-configs' },
  [CHARTS.mlflow.chart]: { version: CHARTS.mlflow.version, valuesDir: 'mlflow-community' },
  [CHARTS.feastFeatureServer.chart]: { version: CHARTS.feastFeatureServer.version, valuesDir: 'feast-feature-server' },
  [CHARTS.qdrant.chart]: { version: CHARTS.qdrant.version, valuesDir: 'qdrant', freeForm: VECTORDB_FREE_FORM.qdrant },
  [CHARTS.milvus.chart]: { version: CHARTS.milvus.version, valuesDir: 'milvus' },
  [CHARTS.weaviate.chart]: { version: CHARTS.weaviate.version, valuesDir: 'weaviate', freeForm: VECTORDB_FREE_FORM.weaviate },
  [CHARTS.kubePrometheusStack.chart]: { version: CHARTS.kubePrometheusStack.version, valuesDir: 'kube-prometheus-stack', freeForm: KUBE_PROMETHEUS_STACK_FREE_FORM },
  [CHARTS.keda.chart]: { version: CHARTS.keda.version, valuesDir: 'keda' },
  [CHARTS.externalSecrets.chart]: { version: CHARTS.externalSecrets.version, valuesDir: 'external-secrets' },
  [CHARTS.envoyGateway.chart]: { version: CHARTS.envoyGateway.version, valuesDir: 'gateway-helm', freeForm: ENVOY_GATEWAY_FREE_FORM },
  [CHARTS.aiGatewayCrds.chart]: { version: CHARTS.aiGatewayCrds.version },
  [CHARTS.aiGateway.chart]: { version: CHARTS.aiGateway.version, valuesDir: 'ai-gateway-helm' },
  [CHARTS.langfuse.chart]: { version: CHARTS.langfuse.version, valuesDir: 'langfuse-v4' },
  // Not in ../shared/upstream: its values (and the KnativeServing CRD) are test fixtures copied from
  // knative/operator knative-v1.21.4 (test/contract/fixtures/knative-operator-v1.21.4), checked by
  // test/contract/serving.contract.test.ts.
  [CHARTS.knativeOperator.chart]: { version: CHARTS.knativeOperator.version },
  [CHARTS.awsLoadBalancerController.chart]: { version: CHARTS.awsLoadBalancerController.version, valuesDir: 'aws-load-balancer-controller' },
  [CHARTS.externalDns.chart]: { version: CHARTS.externalDns.version, valuesDir: 'external-dns' },
  [CHARTS.argoWorkflows.chart]: { version: CHARTS.argoWorkflows.version, valuesDir: 'argo-workflows', freeForm: ARGO_WORKFLOWS_FREE_FORM },
  [CHARTS.argoEvents.chart]: { version: CHARTS.argoEvents.version, valuesDir: 'argo-events', freeForm: ARGO_EVENTS_FREE_FORM },
};
