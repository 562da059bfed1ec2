/**
 * What charts and controllers create in the cluster that the synthesized JSON does not show, as far
 * as the wiring checks need it: pod labels and declared container ports, Services and their ports,
 * ServiceAccounts and the Secrets a chart reads. Each table row is read from the pinned upstream
 * source named in its `source` (repository, tag, files); none is guessed. A chart or controller not
 * listed here contributes nothing, so a monitor or reference that relies on it fails the check until
 * a row is added.
 */

/** A container port a pod declares. */
export interface DeclaredPort {
  readonly name?: string;
  readonly containerPort: number;
}

/** A Service port: `targetPort` is a number, or the name of a container port. */
export interface ServicePortInfo {
  readonly name?: string;
  readonly port: number;
  readonly targetPort: number | string;
}

/** Reads a chart value by dotted path, with the chart's default. */
export type ValueReader = <T>(path: string, fallback: T) => T;

/** What one chart creates, as functions of its values (`v`). */
export interface ChartObjects {
  readonly source: string;
  /** Labels on its pods and Services, from the chart's `selectorLabels` helper (`name`: the chart name or `nameOverride`). */
  readonly selectorLabels: (name: string, release: string) => Record<string, string>;
  /** Values key whose map is added to the pod labels. */
  readonly podLabelsValue?: string;
  /** Container ports of its pods. */
  readonly podPorts?: (v: ValueReader) => DeclaredPort[];
  /** Ports of the Service named like the release (`fullname`). */
  readonly servicePorts?: (v: ValueReader) => ServicePortInfo[];
  /** ServiceAccounts it creates (`fullname` is the chart's fullname helper). */
  readonly serviceAccounts?: (v: ValueReader, fullname: string) => string[];
  /** Secrets (and keys) its pods read, named in its values. */
  readonly secretRefs?: (v: ValueReader) => Array<{ readonly name: string; readonly key: string; readonly via: string }>;
  /** Components with their own Service and pods (charts that name them `<fullname>-<component>`), by release name. */
  readonly components?: (v: ValueReader, release: string) => ChartComponent[];
}

/** A component of a chart: its pods and the Service in front of them. */
export interface ChartComponent {
  readonly pod: { readonly labels: Record<string, string>; readonly ports: DeclaredPort[] };
  readonly service?: { readonly name: string; readonly labels: Record<string, string>; readonly selector: Record<string, string>; readonly ports: ServicePortInfo[] };
}

const standardSelector = (name: string, release: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': release });

/** `create` + `name` with the fullname as default, the common `serviceAccountName` helper. */
const createdServiceAccount = (createDefault: boolean, defaultName?: string) => (v: ValueReader, fullname: string) =>
  v('serviceAccount.create', createDefault) ? [v('serviceAccount.name', '') || defaultName || fullname] : [];

/** The `{ name, usernameKey, passwordKey }` existing-secret shape the mlflow chart reads. */
const existingSecret = (v: ValueReader, path: string) => {
  const name = v(`${path}.name`, '');
  return name ? ['usernameKey', 'passwordKey'].map((k) => ({ name, key: v(`${path}.${k}`, ''), via: `${path}.${k}` })) : [];
};

/** Container port of each `feast_mode` (templates/deployment.yaml). */
const FEAST_MODE_PORTS: Record<string, number> = { offline: 8815, ui: 8888, registry: 6570, online: 6566 };

/** By chart name (`helm_release.chart`). */
export const CHART_OBJECTS: Readonly<Record<string, ChartObjects>> = {
  karpenter: {
    source: 'aws/karpenter-provider-aws v1.14.1 charts/karpenter: templates/deployment.yaml (ports http-metrics, http), _helpers.tpl (selectorLabels, serviceAccountName), values.yaml (controller.metrics.port 8080, controller.healthProbe.port 8081, serviceAccount.create true)',
    selectorLabels: standardSelector,
    podLabelsValue: 'podLabels',
    podPorts: (v) => [
      { name: 'http-metrics', containerPort: v('controller.metrics.port', 8080) },
      { name: 'http', containerPort: v('controller.healthProbe.port', 8081) },
    ],
    serviceAccounts: createdServiceAccount(true),
  },
  'external-secrets': {
    source: 'external-secrets/external-secrets helm-chart-2.9.0 deploy/charts/external-secrets: templates/serviceaccount.yaml, _helpers.tpl (serviceAccountName), values.yaml (serviceAccount.create true)',
    selectorLabels: standardSelector,
    serviceAccounts: createdServiceAccount(true),
  },
  mlflow: {
    source:
      'community-charts/helm-charts mlflow-1.11.5 charts/mlflow: templates/serviceaccount.yaml, _helpers.tpl (serviceAccountName), deployment.yaml (backendStore.existingDatabaseSecret, auth.existingAdminSecret, auth.postgres.existingSecret secretKeyRefs), values.yaml (serviceAccount.create true)',
    selectorLabels: standardSelector,
    serviceAccounts: createdServiceAccount(true),
    secretRefs: (v) => [...existingSecret(v, 'backendStore.existingDatabaseSecret'), ...existingSecret(v, 'auth.existingAdminSecret'), ...existingSecret(v, 'auth.postgres.existingSecret')],
  },
  qdrant: {
    source: 'qdrant/qdrant-helm qdrant-1.19.0 charts/qdrant: templates/serviceaccount.yaml (always, named fullname), _helpers.tpl (selectorLabels add app: <name>)',
    selectorLabels: (name, release) => ({ app: name, ...standardSelector(name, release) }),
    serviceAccounts: (_v, fullname) => [fullname],
  },
  milvus: {
    source: 'zilliztech/milvus-helm milvus-5.0.19 charts/milvus: templates/serviceaccount.yaml, _helpers.tpl (milvus.serviceAccount: default "milvus" when created), values.yaml (serviceAccount.create false)',
    selectorLabels: standardSelector,
    serviceAccounts: createdServiceAccount(false, 'milvus'),
  },
  'feast-feature-server': {
    source:
      'feast-dev/feast v0.66.0 infra/charts/feast-feature-server: templates/deployment.yaml (one port named feast_mode), service.yaml (http → feast_mode; metrics 8000 when metrics.enabled), _helpers.tpl; uses serviceAccount.name, creates none; values.yaml (service.port 80, feast_mode online)',
    selectorLabels: standardSelector,
    podPorts: (v) => {
      const mode = v('feast_mode', 'online');
      return [{ name: mode, containerPort: FEAST_MODE_PORTS[mode] ?? FEAST_MODE_PORTS.online }];
    },
    servicePorts: (v) => [
      { name: 'http', port: v('service.port', 80), targetPort: v('feast_mode', 'online') },
      ...(v('metrics.enabled', false) ? [{ name: 'metrics', port: 8000, targetPort: 8000 }] : []),
    ],
  },
  'aws-load-balancer-controller': {
    source: 'kubernetes-sigs/aws-load-balancer-controller v3.5.0 helm/aws-load-balancer-controller (= aws/eks-charts chart 3.5.0): _helpers.tpl (selectorLabels, serviceAccountName: serviceAccount.name or the fullname when serviceAccount.create), values.yaml (serviceAccount.create true)',
    selectorLabels: standardSelector,
    serviceAccounts: createdServiceAccount(true),
  },
  'external-dns': {
    source: 'kubernetes-sigs/external-dns external-dns-helm-chart-1.21.1 charts/external-dns: _helpers.tpl (selectorLabels, serviceAccountName: serviceAccount.name or the fullname when serviceAccount.create), values.yaml (serviceAccount.create true)',
    selectorLabels: standardSelector,
    serviceAccounts: createdServiceAccount(true),
  },
  langfuse: {
    source:
      'langfuse/langfuse-k8s langfuse-2.0.0 charts/langfuse: templates/serviceaccount.yaml, _helpers.tpl (langfuse.serviceAccountName; DATABASE_PASSWORD, REDIS_PASSWORD and CLICKHOUSE_PASSWORD secretKeyRefs from postgresql.auth.existingSecret + secretKeys.userPasswordKey, redis.auth.existingSecret + existingSecretPasswordKey, clickhouse.auth.existingSecret + existingSecretKey), values.yaml (langfuse.serviceAccount.create true, secretKeys.userPasswordKey password)',
    selectorLabels: standardSelector,
    serviceAccounts: (v, fullname) => (v('langfuse.serviceAccount.create', true) ? [v('langfuse.serviceAccount.name', '') || fullname] : []),
    secretRefs: (v) =>
      (
        [
          ['postgresql.auth.existingSecret', 'postgresql.auth.secretKeys.userPasswordKey', 'password'],
          ['redis.auth.existingSecret', 'redis.auth.existingSecretPasswordKey', ''],
          ['clickhouse.auth.existingSecret', 'clickhouse.auth.existingSecretKey', ''],
        ] as const
      ).flatMap(([secret, key, keyDefault]) => (v(secret, '') ? [{ name: v(secret, ''), key: v(key, keyDefault), via: key }] : [])),
  },
  'argo-workflows': {
    source:
      'argoproj/argo-helm argo-workflows-1.0.18 charts/argo-workflows: _helpers.tpl (selectorLabels: name <chart>-<component name>, instance, component, app; controllerServiceAccountName, serverServiceAccountName), templates/controller/workflow-controller-deployment.yaml (ports metricsConfig.portName → metricsConfig.port, 6060), workflow-controller-service.yaml (metricsConfig.servicePortName/servicePort → port, when metricsConfig.enabled), values.yaml (controller.name workflow-controller, metricsConfig port 9090 servicePort 8080 portName/servicePortName metrics)',
    selectorLabels: standardSelector,
    serviceAccounts: (v, fullname) => [
      ...(v('controller.serviceAccount.create', true) ? [v('controller.serviceAccount.name', '') || `${fullname}-${v('controller.name', 'workflow-controller')}`] : []),
      ...(v('server.enabled', true) && v('server.serviceAccount.create', true) ? [v('server.serviceAccount.name', '') || `${fullname}-${v('server.name', 'server')}`] : []),
    ],
    components: (v, release) => {
      const component = v('controller.name', 'workflow-controller');
      const selector = { 'app.kubernetes.io/name': `argo-workflows-${component}`, 'app.kubernetes.io/instance': release };
      const labels = { ...selector, 'app.kubernetes.io/component': component, app: component };
      const portName = v('controller.metricsConfig.portName', 'metrics');
      const metricsPort = v('controller.metricsConfig.port', 9090);
      return [
        {
          pod: { labels, ports: [{ name: portName, containerPort: metricsPort }, { containerPort: 6060 }] },
          service: v('controller.metricsConfig.enabled', false)
            ? { name: `${release}-${component}`, labels, selector, ports: [{ name: v('controller.metricsConfig.servicePortName', 'metrics'), port: v('controller.metricsConfig.servicePort', 8080), targetPort: metricsPort }] }
            : undefined,
        },
      ];
    },
  },
  'kube-prometheus-stack': {
    source: 'prometheus-community/helm-charts kube-prometheus-stack-88.5.3 values.yaml (grafana.admin.existingSecret, userKey admin-user, passwordKey admin-password: the grafana subchart reads them)',
    selectorLabels: standardSelector,
    secretRefs: (v) => {
      const name = v('grafana.admin.existingSecret', '');
      return name
        ? [
            { name, key: v('grafana.admin.userKey', 'admin-user'), via: 'grafana.admin.userKey' },
            { name, key: v('grafana.admin.passwordKey', 'admin-password'), via: 'grafana.admin.passwordKey' },
          ]
        : [];
    },
  },
};

/** Namespaces every cluster has. */
export const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/**
 * KServe v0.20.0 (kserve/kserve, tag v0.20.0): the predictor of an InferenceService.
 * - pods: labels `serving.kserve.io/inferenceservice: <isvc>`, `component: predictor`, plus the
 *   InferenceService's and the predictor's labels (`components/predictor.go` buildObjectMeta); in
 *   Standard mode also `app: isvc.<isvc>-predictor` (`deployment_reconciler.go`); the model container
 *   is the runtime's merged with `predictor.model` (strategic merge, ports by containerPort:
 *   `utils.MergeRuntimeContainers`);
 * - Standard mode Service `<isvc>-predictor` (`reconcilers/service/service_reconciler.go`
 *   createDefaultSvc): port 80 named like the container's first port, targeting its number; with no
 *   declared port, named `<isvc>-predictor` and targeting 8080;
 * - the cluster runtimes of `kserve-runtime-configs` (charts/kserve-runtime-configs/files/runtimes/
 *   resources.yaml and clusterservingruntimes-patch.yaml) declare no container port.
 */
export const KSERVE = {
  source: 'kserve/kserve v0.20.0: pkg/controller/v1beta1/inferenceservice/components/predictor.go, reconcilers/deployment/deployment_reconciler.go, reconcilers/service/service_reconciler.go, utils/utils.go; charts/kserve-runtime-configs/files/runtimes/*.yaml',
  podLabel: 'serving.kserve.io/inferenceservice',
  componentLabel: 'component',
  servicePort: 80,
  defaultTargetPort: 8080,
  /** ClusterServingRuntimes of the chart, with the container ports each declares. */
  clusterRuntimePorts: Object.fromEntries(
    [
      'kserve-autogluonserver',
      'kserve-huggingfaceserver',
      'kserve-huggingfaceserver-multinode',
      'kserve-lgbserver',
      'kserve-mlserver',
      'kserve-paddleserver',
      'kserve-pmmlserver',
      'kserve-predictiveserver',
      'kserve-sklearnserver',
      'kserve-tensorflow-serving',
      'kserve-torchserve',
      'kserve-tritonserver',
      'kserve-vllmserver',
      'kserve-xgbserver',
    ].map((name) => [name, [] as DeclaredPort[]]),
  ) as Readonly<Record<string, readonly DeclaredPort[]>>,
} as const;

/**
 * Knative Serving knative-v1.21.3 (knative/serving): the serving container of a revision pod
 * declares exactly one port, `user-port`, with the number of the first port the user declared or
 * 8080 (`pkg/reconciler/revision/resources/deploy.go` buildContainerPorts/getUserPort,
 * `pkg/apis/serving/v1/revision_helpers.go` DefaultUserPort, UserPortName).
 */
export const KNATIVE = { source: 'knative/serving knative-v1.21.3 pkg/reconciler/revision/resources/deploy.go, pkg/apis/serving/v1/revision_helpers.go', userPortName: 'user-port', defaultUserPort: 8080 } as const;

/**
 * Envoy Gateway v1.9.0 (envoyproxy/gateway): the proxy pods of a Gateway whose class it controls run
 * in the controller's namespace with labels `EnvoyAppLabel()` and declare `metrics` 19001 (unless
 * the EnvoyProxy sets `telemetry.metrics.prometheus.disable`) and `readiness` 19003
 * (`internal/infrastructure/kubernetes/proxy/resource.go`, `internal/xds/bootstrap/bootstrap.go`).
 */
export const ENVOY_GATEWAY = {
  source: 'envoyproxy/gateway v1.9.0: internal/infrastructure/kubernetes/proxy/resource.go (EnvoyAppLabel, expectedProxyContainers), internal/xds/bootstrap/bootstrap.go (EnvoyStatsPort, EnvoyReadinessPort)',
  chart: 'gateway-helm',
  controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
  labels: { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/component': 'proxy', 'app.kubernetes.io/managed-by': 'envoy-gateway' },
  metricsPort: { name: 'metrics', containerPort: 19001 },
  readinessPort: { name: 'readiness', containerPort: 19003 },
} as const;

/**
 * Envoy AI Gateway v1.1.0 (envoyproxy/ai-gateway): its mutating webhook (chart ai-gateway-helm,
 * templates/admission_webhook.yaml; `controller.mutatingWebhook.objectSelector` defaults to
 * `app.kubernetes.io/managed-by: envoy-gateway`) adds the external processor to each Envoy proxy pod
 * created for a Gateway an AIGatewayRoute names in its `parentRefs`
 * (`internal/controller/gateway_mutator.go` mutatePod); the container declares `aigw-admin` 1064
 * (`internal/controller/extproc_builder.go`, extProcAdminPort), where it serves `/metrics`.
 */
export const AI_GATEWAY = {
  source: 'envoyproxy/ai-gateway v1.1.0: manifests/charts/ai-gateway-helm/templates/admission_webhook.yaml and values.yaml, internal/controller/gateway_mutator.go, internal/controller/extproc_builder.go',
  chart: 'ai-gateway-helm',
  defaultObjectSelector: { 'app.kubernetes.io/managed-by': 'envoy-gateway' } as Readonly<Record<string, string>>,
  adminPort: { name: 'aigw-admin', containerPort: 1064 },
} as const;
