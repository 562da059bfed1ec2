/**
 * Values of the pinned `feast-feature-server` chart (0.66.0) for one mode, and the container
 * settings the materialization CronJob shares with the servers (same image, config, identity,
 * env and hardening). Every key set here is a key of the chart's values.yaml; what the templates
 * do with them (templates/deployment.yaml, templates/service.yaml):
 *
 * - `feature_store_yaml_base64` → env `FEATURE_STORE_YAML_BASE64` (Feast writes it to a temp dir
 *   and loads it, expanding `$FEAST_REDIS_PASSWORD`);
 * - `feast_mode` → command (`feast serve`, `serve_offline` or `ui`) and container port;
 * - `metrics.enabled` → `feast serve --metrics` (Prometheus on 8000), a `metrics` Service port and
 *   the OpenTelemetry auto-instrumentation annotation (inert without the OTel operator);
 * - `serviceAccount.name` → `serviceAccountName` (the chart creates no service account);
 * - `livenessProbe`/`readinessProbe` → TCP probes on the mode's port with these timings;
 * - `extraEnvs`, `volumes`, `volumeMounts`, `podSecurityContext`, `securityContext`, `resources`,
 *   `affinity` → copied to the pod spec as given.
 */
import { PlainObject } from '../core/merge';
import { containerSecurityContext, resourcesBlock } from '../core/pod-security';
import { ContainerResources } from '../core/secrets/external-secrets-operator';
import { IMAGES } from '../core/versions';
import { FEAST_CHART_POD_NAME, FEAST_ENV, FEAST_IMAGE_UID, FEAST_LABELS, FEAST_TMP_DIR, FEAST_TMP_SIZE_LIMIT, FeastServerMode, REDIS_AUTH_SECRET_KEY } from './constants';

/** What the values of one server release are built from. */
export interface FeatureServerValuesInputs {
  readonly mode: FeastServerMode;
  /** Release name (also the Deployment/Service name through `fullnameOverride`). */
  readonly releaseName: string;
  readonly replicas: number;
  /** `Fn.base64encode(feature_store.yaml)`. */
  readonly featureStoreYamlBase64: string;
  readonly serviceAccountName: string;
  /** Name of the Kubernetes Secret with the Redis AUTH token. */
  readonly redisSecretName: string;
  readonly region: string;
  readonly resources: ContainerResources;
  /** Prometheus metrics (online mode only). */
  readonly metrics: boolean;
}

/** Probe timings (seconds) of the servers: TCP probes on the mode's port (the chart's probe type). */
export const FEAST_PROBES = {
  liveness: { initialDelaySeconds: 30, periodSeconds: 20 },
  readiness: { initialDelaySeconds: 10, periodSeconds: 10 },
} as const;

/** A container env var: a literal or a Secret reference. */
export interface FeastEnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly secretKeyRef: { readonly name: string; readonly key: string } };
}

/** Environment shared by the servers and the materialization job (no secret values: references only). */
export function feastEnv(redisSecretName: string, region: string): FeastEnvVar[] {
  return [
    { name: FEAST_ENV.redisPassword, valueFrom: { secretKeyRef: { name: redisSecretName, key: REDIS_AUTH_SECRET_KEY } } },
    { name: 'AWS_REGION', value: region },
    { name: 'AWS_DEFAULT_REGION', value: region },
    { name: 'HOME', value: FEAST_TMP_DIR },
  ];
}

/** Pod security context: the image's non-root uid, RuntimeDefault seccomp. */
export function feastPodSecurityContext(): { runAsNonRoot: boolean; runAsUser: number; seccompProfile: { type: string } } {
  return { runAsNonRoot: true, runAsUser: FEAST_IMAGE_UID, seccompProfile: { type: 'RuntimeDefault' } };
}


/** Values of one `feast-feature-server` release. */
export function featureServerValues(i: FeatureServerValuesInputs): PlainObject {
  const values: PlainObject = {
    fullnameOverride: i.releaseName,
    replicaCount: i.replicas,
    image: { repository: IMAGES.feast.repository, tag: IMAGES.feast.tag },
    feature_store_yaml_base64: i.featureStoreYamlBase64,
    feast_mode: i.mode,
    metrics: { enabled: i.metrics },
    serviceAccount: { name: i.serviceAccountName },
    podSecurityContext: feastPodSecurityContext(),
    // The UI writes its project list into the installed package (`feast/ui/build/projects-list.json`),
    // so only the UI keeps a writable root file system.
    securityContext: containerSecurityContext(i.mode !== 'ui'),
    resources: resourcesBlock(i.resources),
    livenessProbe: { ...FEAST_PROBES.liveness },
    readinessProbe: { ...FEAST_PROBES.readiness },
    extraEnvs: feastEnv(i.redisSecretName, i.region),
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: FEAST_TMP_SIZE_LIMIT } }],
    volumeMounts: [{ name: 'tmp', mountPath: FEAST_TMP_DIR }],
  };
  if (i.replicas > 1) {
    // Spread replicas over nodes (soft: a one-node dev cluster still schedules them).
    values.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: {
              topologyKey: 'kubernetes.io/hostname',
              labelSelector: { matchLabels: { [FEAST_LABELS.name]: FEAST_CHART_POD_NAME, [FEAST_LABELS.instance]: i.releaseName } },
            },
          },
        ],
      },
    };
  }
  return values;
}
