/**
 * The values of the community `mlflow` chart (`CHARTS.mlflow`, 1.11.5) as the library sets them.
 * Every key exists in the chart's values.yaml and validates against its values.schema.json
 * (contract test `test/contract/mlflow.contract.test.ts`). No secret is in the values: the chart is
 * pointed at Kubernetes Secrets by name.
 *
 * How the chart uses them (`templates/deployment.yaml`, `configmap.yaml`, `auth_ini_configmap.yaml`):
 * - `backendStore.postgres` + `existingDatabaseSecret`: `--backend-store-uri=postgresql://` with
 *   libpq's `PGHOST/PGPORT/PGDATABASE` (ConfigMap) and `PGUSER/PGPASSWORD` (from the Secret);
 *   `PGSSLMODE=require` (extraEnvVars) makes the server's connections TLS;
 * - `backendStore.databaseMigration`: an init container runs MLflow's schema migrations on every
 *   rollout (so `helm upgrade` to a newer MLflow migrates the database first);
 * - `artifactRoot.proxiedArtifactStorage` + `s3`: `--artifacts-destination=s3://<bucket>/<prefix>`
 *   and `--serve-artifacts`: clients upload and download through the server (`mlflow-artifacts:/`);
 * - `auth`: `--app-name=basic-auth`, the admin from `existingAdminSecret`, users and permissions in
 *   the same PostgreSQL database (`auth.postgres`, its own `alembic_version_auth` table since MLflow 3.6).
 */
import { systemNodeSelector } from '../core/labels';
import { PlainObject } from '../core/merge';
import { byPreset, Preset } from '../core/presets';
import { IMAGES } from '../core/versions';
import { MLFLOW_PORTS, MLFLOW_SECRET_KEYS, mlflowPodLabels, MLFLOW_POSTGRES_SSL_MODE } from './constants';

/** Requests and limits of the server container (and the migration init container). */
export interface MlflowResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Default resources by preset. */
export const MLFLOW_RESOURCES: Readonly<Record<Preset, MlflowResources>> = {
  dev: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
  prod: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
};

/** Default replicas by preset. */
export const MLFLOW_REPLICAS: Readonly<Record<Preset, number>> = { dev: 1, prod: 2 };

/** Container security context (the image runs as uid/gid 1001; the chart mounts an emptyDir on /tmp). */
export const MLFLOW_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsGroup: 1001,
  runAsNonRoot: true,
  runAsUser: 1001,
} as const;

/** Optional ingress (e.g. an internal ALB). */
export interface MlflowIngress {
  /** Host name clients use. */
  readonly host: string;
  /** Ingress class. @default 'alb' */
  readonly className?: string;
  /**
   * Ingress annotations.
   * @default { 'alb.ingress.kubernetes.io/scheme': 'internal', 'alb.ingress.kubernetes.io/target-type': 'ip' }
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Default annotations of the optional ingress: an internal ALB with IP targets. */
export const MLFLOW_INGRESS_ANNOTATIONS: Readonly<Record<string, string>> = {
  'alb.ingress.kubernetes.io/scheme': 'internal',
  'alb.ingress.kubernetes.io/target-type': 'ip',
};

/** What the values are built from. */
export interface MlflowValuesInput {
  readonly preset: Preset;
  readonly releaseName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly region: string;
  readonly databaseHost: string;
  readonly databasePort: number;
  readonly databaseName: string;
  readonly databaseSecretName: string;
  readonly adminSecretName: string;
  readonly bucketName: string;
  readonly artifactPrefix: string;
  readonly replicas?: number;
  readonly resources?: MlflowResources;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly defaultPermission?: 'READ' | 'EDIT' | 'MANAGE' | 'NO_PERMISSIONS';
  readonly ingress?: MlflowIngress;
  /** Host names of a front door in front of the server (allowed Host headers). */
  readonly externalHosts?: readonly string[];
}

/** Host headers the server accepts (MLflow ≥ 3.5 rejects others; `/health` is exempt). */
export function mlflowAllowedHosts(releaseName: string, namespace: string, ...externalHosts: ReadonlyArray<string | undefined>): string[] {
  const names = [releaseName, `${releaseName}.${namespace}`, `${releaseName}.${namespace}.svc`, `${releaseName}.${namespace}.svc.cluster.local`];
  for (const host of externalHosts) if (host && !names.includes(host)) names.push(host);
  return names.flatMap((n) => [n, `${n}:*`]);
}

/** The chart values (before user overrides). */
export function mlflowValues(input: MlflowValuesInput): PlainObject {
  const resources = (): PlainObject => structuredClone(input.resources ?? MLFLOW_RESOURCES[input.preset]) as unknown as PlainObject;
  const probe = (initialDelaySeconds: number): PlainObject => ({ initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 });
  const ha = byPreset(input.preset, { dev: false, prod: true });
  const postgres = { enabled: true, host: input.databaseHost, port: input.databasePort, database: input.databaseName };
  const values: PlainObject = {
    replicaCount: input.replicas ?? MLFLOW_REPLICAS[input.preset],
    image: { repository: IMAGES.mlflow.repository, tag: IMAGES.mlflow.tag, pullPolicy: 'IfNotPresent' },
    initImages: { mlflowDbMigration: { repository: IMAGES.mlflow.repository, tag: IMAGES.mlflow.tag, pullPolicy: 'IfNotPresent' } },
    serviceAccount: { create: true, automount: false, name: input.serviceAccount },
    podSecurityContext: { fsGroup: 1001, fsGroupChangePolicy: 'OnRootMismatch' },
    securityContext: structuredClone(MLFLOW_SECURITY_CONTEXT) as unknown as PlainObject,
    service: { enabled: true, type: 'ClusterIP', port: MLFLOW_PORTS.service, containerPort: MLFLOW_PORTS.container },
    telemetry: { enabled: false },
    backendStore: {
      databaseMigration: true,
      databaseConnectionCheck: true,
      postgres,
      existingDatabaseSecret: { name: input.databaseSecretName, usernameKey: MLFLOW_SECRET_KEYS.username, passwordKey: MLFLOW_SECRET_KEYS.password },
    },
    artifactRoot: { proxiedArtifactStorage: true, s3: { enabled: true, bucket: input.bucketName, path: input.artifactPrefix } },
    auth: {
      enabled: true,
      appName: 'basic-auth',
      defaultPermission: input.defaultPermission ?? 'READ',
      existingAdminSecret: { name: input.adminSecretName, usernameKey: MLFLOW_SECRET_KEYS.username, passwordKey: MLFLOW_SECRET_KEYS.password },
      postgres: {
        ...postgres,
        existingSecret: { name: input.databaseSecretName, usernameKey: MLFLOW_SECRET_KEYS.username, passwordKey: MLFLOW_SECRET_KEYS.passwordUrlEncoded },
      },
    },
    extraEnvVars: { AWS_DEFAULT_REGION: input.region, AWS_REGION: input.region, PGSSLMODE: MLFLOW_POSTGRES_SSL_MODE },
    serverAllowedHosts: mlflowAllowedHosts(input.releaseName, input.namespace, input.ingress?.host, ...(input.externalHosts ?? [])),
    resources: resources(),
    livenessProbe: probe(30),
    readinessProbe: probe(10),
    nodeSelector: systemNodeSelector(input.nodeSelector),
  };
  if (ha) {
    values.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: mlflowPodLabels(input.releaseName) } } },
        ],
      },
    };
  }
  if (input.ingress) {
    values.ingress = {
      enabled: true,
      className: input.ingress.className ?? 'alb',
      annotations: { ...(input.ingress.annotations ?? MLFLOW_INGRESS_ANNOTATIONS) },
      hosts: [{ host: input.ingress.host, paths: [{ path: '/', pathType: 'Prefix' }] }],
    };
  }
  return values;
}
