/**
 * The single table of everything the library pins: Helm charts, container images, AMI aliases and
 * the Kubernetes version. Nothing else in the library names a version.
 *
 * Bumping a version is a one-line change here; the contract tests (`npm run test:contract`) then
 * check every Helm value and custom resource against the upstream data of the pinned version in
 * `../shared/upstream`, which must be refreshed in the same change.
 */

/** A Helm chart at an exact version. */
export interface PinnedChart {
  /** Chart name as the repository serves it. */
  readonly chart: string;
  /** Repository URL (`https://…` index or `oci://…` registry path without the chart name). */
  readonly repository: string;
  /** Exact chart version; never a range, never `latest`. */
  readonly version: string;
}

/** A container image at an exact tag. */
export interface PinnedImage {
  readonly repository: string;
  readonly tag: string;
}

/** Kubernetes minor version of clusters the library creates. */
export const KUBERNETES_VERSION = '1.34';

/**
 * Kubernetes minor versions `EksCluster` accepts: the pinned version and the one before it. The
 * pinned charts are tested against these; the Knative Operator v1.21 needs at least 1.33. Bump
 * both with KUBERNETES_VERSION.
 */
export const SUPPORTED_KUBERNETES_VERSIONS = ['1.33', '1.34'] as const;

/** Helm charts. Keys of this table are used by the review tool to report chart bumps. */
export const CHARTS = {
  karpenterCrd: { chart: 'karpenter-crd', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' },
  karpenter: { chart: 'karpenter', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' },
  gpuOperator: { chart: 'gpu-operator', repository: 'https://helm.ngc.nvidia.com/nvidia', version: 'v26.7.0' },
  nvidiaDevicePlugin: { chart: 'nvidia-device-plugin', repository: 'https://nvidia.github.io/k8s-device-plugin', version: '0.20.0' },
  dcgmExporter: { chart: 'dcgm-exporter', repository: 'https://nvidia.github.io/dcgm-exporter/helm-charts', version: '4.8.2' },
  certManager: { chart: 'cert-manager', repository: 'https://charts.jetstack.io', version: 'v1.21.1' },
  kserveCrd: { chart: 'kserve-crd', repository: 'oci://ghcr.io/kserve/charts', version: 'v0.20.0' },
  kserveResources: { chart: 'kserve-resources', repository: 'oci://ghcr.io/kserve/charts', version: 'v0.20.0' },
  kserveRuntimeConfigs: { chart: 'kserve-runtime-configs', repository: 'oci://ghcr.io/kserve/charts', version: 'v0.20.0' },
  mlflow: { chart: 'mlflow', repository: 'https://community-charts.github.io/helm-charts', version: '1.11.5' },
  feastFeatureServer: { chart: 'feast-feature-server', repository: 'https://feast-helm-charts.storage.googleapis.com', version: '0.66.0' },
  qdrant: { chart: 'qdrant', repository: 'https://qdrant.github.io/qdrant-helm', version: '1.19.0' },
  milvus: { chart: 'milvus', repository: 'https://zilliztech.github.io/milvus-helm', version: '5.0.19' },
  weaviate: { chart: 'weaviate', repository: 'https://weaviate.github.io/weaviate-helm', version: '17.8.3' },
  kubePrometheusStack: { chart: 'kube-prometheus-stack', repository: 'https://prometheus-community.github.io/helm-charts', version: '88.5.3' },
  keda: { chart: 'keda', repository: 'https://kedacore.github.io/charts', version: '2.20.2' },
  externalSecrets: { chart: 'external-secrets', repository: 'https://charts.external-secrets.io', version: '2.9.0' },
  /** Envoy Gateway (Gateway API v1.6.1 implementation; its chart installs the Gateway API CRDs). */
  envoyGateway: { chart: 'gateway-helm', repository: 'oci://docker.io/envoyproxy', version: 'v1.9.0' },
  /**
   * Knative Operator (KServe Knative mode only): installs Knative Serving and Kourier from a
   * KnativeServing resource. Knative 1.21 is the line KServe v0.20.0 is built and tested against
   * (its kserve-deps.env pins operator v1.21.1 / serving 1.21.1; go.mod knative.dev/serving v0.48.1);
   * v1.21.4 is that line's latest patch (minimum Kubernetes v1.33, built against k8s.io/api v0.34).
   */
  knativeOperator: { chart: 'knative-operator', repository: 'https://knative.github.io/operator', version: 'v1.21.4' },
  /**
   * Argo Workflows (app v4.0.6): controller, server and the full-schema CRDs, which the chart applies
   * server-side from a pre-install hook Job (`crds.full`, ~2.5 MB each).
   */
  argoWorkflows: { chart: 'argo-workflows', repository: 'https://argoproj.github.io/argo-helm', version: '1.0.18' },
  /** Argo Events (app v1.9.10): controller and the EventSource, Sensor and EventBus CRDs. */
  argoEvents: { chart: 'argo-events', repository: 'https://argoproj.github.io/argo-helm', version: '2.4.22' },
  /**
   * AWS Load Balancer Controller (app v3.5.0): ALBs for Ingresses and NLBs for LoadBalancer
   * Services; its IAM policy is `awsLoadBalancerControllerPolicy` (src/frontdoor), that version's.
   */
  awsLoadBalancerController: { chart: 'aws-load-balancer-controller', repository: 'https://aws.github.io/eks-charts', version: '3.5.0' },
  /** ExternalDNS (app v0.21.0): Route 53 records for the front door's Ingresses and the serving NLB. */
  externalDns: { chart: 'external-dns', repository: 'https://kubernetes-sigs.github.io/external-dns', version: '1.21.1' },
  /**
   * Langfuse (langfuse/langfuse-k8s chart 2.0.0 = Langfuse v4.4.0, the line langfuse-k8s recommends
   * for new installations; v3 gets security patches until January 2027). The library sets
   * `postgresql`, `redis`, `s3` and `clickhouse` `deploy: false` and points Langfuse at RDS,
   * ElastiCache, S3 and its own ClickHouse (see `Langfuse`), so the chart's subcharts and the
   * ClickHouse operator's resources are not rendered.
   */
  langfuse: { chart: 'langfuse', repository: 'https://langfuse.github.io/langfuse-k8s', version: '2.0.0' },
  /**
   * Envoy AI Gateway v1.1.0: its CRDs (AIGatewayRoute, AIServiceBackend, BackendSecurityPolicy, …)
   * and its controller (extension server of Envoy Gateway, mutating webhook that adds the external
   * processor to Envoy's pods). Compatibility with Envoy Gateway v1.9.0: see `AiGateway`.
   */
  aiGatewayCrds: { chart: 'ai-gateway-crds-helm', repository: 'oci://docker.io/envoyproxy', version: 'v1.1.0' },
  aiGateway: { chart: 'ai-gateway-helm', repository: 'oci://docker.io/envoyproxy', version: 'v1.1.0' },
} as const satisfies Record<string, PinnedChart>;

/**
 * Knative Serving version the `KnativeServing` resource asks the operator for (`spec.version`): the
 * newest 1.21 release bundled in knative-operator v1.21.4 (`cmd/operator/kodata/knative-serving/1.21.3`).
 */
export const KNATIVE_SERVING_VERSION = '1.21.3';

/**
 * NATS server version of the JetStream `EventBus` (`spec.jetstream.version`): one of the versions the
 * argo-events 2.4.22 chart lists in `configs.jetstream.versions` (image `nats:2.10.10`, with the
 * metrics exporter and config reloader images of that entry). The controller refuses others.
 */
export const JETSTREAM_VERSION = '2.10.10';

/** Container images the library sets itself (images a pinned chart brings are pinned by the chart). */
export const IMAGES = {
  /** MLflow server image used with the community chart (its chart default tag is empty). */
  mlflow: { repository: 'burakince/mlflow', tag: '3.15.1' },
  /** Feast feature server, same version as the feast-feature-server chart. */
  feast: { repository: 'quay.io/feastdev/feature-server', tag: '0.66.0' },
  /** Karpenter controller; the 1.14.1 chart's values still default to 1.13.0, so we set it. */
  karpenterController: { repository: 'public.ecr.aws/karpenter/controller', tag: '1.14.1' },
  /** curl + busybox sh for small jobs (vector DB snapshots, MLflow user bootstrap, retraining start marker); see CURL_IMAGE_USER. */
  curl: { repository: 'curlimages/curl', tag: '8.11.1' },
  /**
   * Milvus backup CronJob: milvus-backup v0.5.16 (zilliztech/milvus-backup, Milvus 2.6 client;
   * image `milvusdb/milvus-backup`, tag = git tag).
   */
  milvusBackup: { repository: 'milvusdb/milvus-backup', tag: 'v0.5.16' },
  /** Weaviate chart's optional sysctl init container (chart default `latest`; off by default). */
  alpine: { repository: 'alpine', tag: '3.21.3' },
  /** Evidently UI service (no chart; `DriftMonitorPlatform` writes its Deployment). */
  evidently: { repository: 'evidently/evidently-service', tag: '0.7.21' },
  /** Prometheus Pushgateway for the drift jobs' metrics (no chart; `DriftMonitorPlatform` writes it). */
  pushgateway: { repository: 'prom/pushgateway', tag: 'v1.11.2' },
  /** KServe Hugging Face server, CUDA build with the vLLM backend (the runtime's default tag is the CPU build). */
  kserveHuggingfaceGpu: { repository: 'kserve/huggingfaceserver', tag: 'v0.20.0-gpu' },
  /**
   * psql for the Job that creates a database and its owner on an existing PostgreSQL instance
   * (`PostgresAppDatabaseJob`); the client major matches `ENGINES.postgres`. Runs as `postgres` (uid 70).
   */
  postgres: { repository: 'postgres', tag: '17.6-alpine' },
  /**
   * The JetStream EventBus's NATS server and its sidecars: the `2.10.10` entry of the argo-events
   * 2.4.22 chart's `configs.jetstream.versions`, the only version `ArgoEvents` offers (see
   * JETSTREAM_VERSION).
   */
  nats: { repository: 'nats', tag: '2.10.10' },
  natsMetricsExporter: { repository: 'natsio/prometheus-nats-exporter', tag: '0.14.0' },
  natsConfigReloader: { repository: 'natsio/nats-server-config-reloader', tag: '0.14.0' },
  /**
   * ClickHouse server for Langfuse: the tag the pinned Langfuse chart 2.0.0 gives its own ClickHouse
   * (`clickhouse.cluster.image.tag`, "aligned with the version recommended for Langfuse v4"; v4
   * needs ≥ 25.12). Runs as uid/gid 101 (`CLICKHOUSE_DEFAULTS`).
   */
  clickhouse: { repository: 'clickhouse/clickhouse-server', tag: '26.4' },
  /**
   * KServe's storage initializer, same release as the KServe charts: `ModelMirror` downloads a
   * Hugging Face model with it (`initializer-entrypoint <hf://…> <dir>`, uid 1000).
   */
  kserveStorageInitializer: { repository: 'kserve/storage-initializer', tag: 'v0.20.0' },
  /** AWS CLI v2 (`ModelMirror` uploads the weights with `aws s3 sync`; reads EKS Pod Identity credentials). */
  awsCli: { repository: 'amazon/aws-cli', tag: '2.32.8' },
} as const satisfies Record<string, PinnedImage>;

/** uid and gid of the curl image's `curl_user` (what its jobs run as). */
export const CURL_IMAGE_USER = { uid: 100, gid: 101 } as const;

/** uid and gid of the `postgres` user of the Alpine postgres image (what `PostgresAppDatabaseJob` runs as). */
export const POSTGRES_IMAGE_USER = { uid: 70, gid: 70 } as const;

/**
 * EKS-optimized AMI aliases for Karpenter's `amiSelectorTerms` (`family@version`). A pinned alias
 * keeps node images from changing under a running platform; bump it here to roll nodes.
 */
export const AMI_ALIASES = {
  al2023: 'al2023@v20251108',
  bottlerocket: 'bottlerocket@v1.50.0',
} as const;

/** AMI type of the managed system node group (EKS picks the release for KUBERNETES_VERSION). */
export const SYSTEM_NODE_AMI_TYPE = 'AL2023_x86_64_STANDARD';

/** Engine versions of managed data stores. */
export const ENGINES = {
  /** RDS for PostgreSQL, MLflow's backend store. */
  postgres: '17.6',
  /** ElastiCache for Redis OSS, Feast's online store. */
  redis: '7.1',
} as const;

/**
 * Lambda runtimes of the library's apply-time functions (`RedisRbacUser`): Node.js with the AWS SDK
 * for JavaScript v3 built in, so the handlers ship without dependencies.
 */
export const LAMBDA_RUNTIMES = {
  nodejs: 'nodejs22.x',
} as const;
