/**
 * Helm values of the weaviate chart (CHARTS.weaviate).
 *
 * - Auth: anonymous access off; API keys through env (`AUTHENTICATION_APIKEY_ENABLED`,
 *   `AUTHENTICATION_APIKEY_USERS`) with the keys themselves from the synced Secret via `envSecrets`
 *   (`AUTHENTICATION_APIKEY_ALLOWED_KEYS`, read by templates/weaviateStatefulset.yaml as a
 *   `secretKeyRef`); the admin list gives `admin` write and `reader` read-only access.
 * - Services are ClusterIP: the chart defaults both `service` and `grpcService` to LoadBalancer.
 * - Backups: the backup-s3 module with `BACKUP_S3_BUCKET`, `BACKUP_S3_PATH`, `AWS_REGION`; the module
 *   uses minio-go's IAM provider (`credentials.NewIAM`), which since minio-go v7.0.69 reads the EKS
 *   Pod Identity agent variables (Weaviate 1.38 ships v7.0.97) — no static keys.
 * - The privileged `sysctl` init container (image `alpine:latest`) is off: it changes a node-wide
 *   kernel setting as root. Nodes should set `vm.max_map_count` themselves (AL2023/Bottlerocket
 *   user data) for large datasets; its image is still pinned should a user turn it on.
 * - The chart creates no service account: `VectorDatabasePlatform` creates it.
 */
import { PlainObject } from '../../core/merge';
import { IMAGES } from '../../core/versions';
import { VECTOR_DB_BACKUP_PREFIXES, VECTOR_DB_SECRET_KEYS, WEAVIATE_USERS } from '../constants';
import { containerSecurityContext, EngineValuesContext, podSecurityContext, resourcesValues, zoneAntiAffinity } from './common-values';

/** Weaviate's chart names its StatefulSet, services and labels `weaviate`, whatever the release. */
export const WEAVIATE_FIXED_NAME = 'weaviate';

/** uid/gid Weaviate runs as. */
export const WEAVIATE_UID = 1000;

/** Pod labels of the weaviate chart (fixed, not per release). */
export function weaviatePodLabels(): Record<string, string> {
  return { app: WEAVIATE_FIXED_NAME };
}

/** Values of the weaviate chart. */
export function weaviateValues(ctx: EngineValuesContext): PlainObject {
  const { spec } = ctx;
  const prod = spec.preset === 'prod';
  return {
    replicas: spec.replicas,
    serviceAccountName: ctx.serviceAccountName,
    initContainers: {
      sysctlInitContainer: {
        enabled: false,
        image: { repo: IMAGES.alpine.repository, tag: IMAGES.alpine.tag },
      },
    },
    service: { type: 'ClusterIP' },
    grpcService: { enabled: true, type: 'ClusterIP' },
    storage: { size: spec.storageSize, storageClassName: ctx.storageClassName },
    resources: resourcesValues(spec),
    securityContext: podSecurityContext(WEAVIATE_UID, WEAVIATE_UID, WEAVIATE_UID),
    containerSecurityContext: containerSecurityContext(WEAVIATE_UID, WEAVIATE_UID, false),
    authentication: { anonymous_access: { enabled: false }, oidc: { enabled: false } },
    authorization: {
      admin_list: { enabled: true, users: [WEAVIATE_USERS.admin], read_only_users: [WEAVIATE_USERS.readOnly] },
    },
    env: {
      AUTHENTICATION_APIKEY_ENABLED: 'true',
      AUTHENTICATION_APIKEY_USERS: `${WEAVIATE_USERS.admin},${WEAVIATE_USERS.readOnly}`,
    },
    envSecrets: { [VECTOR_DB_SECRET_KEYS.weaviateAllowedKeys]: ctx.secretName },
    backups: {
      s3: {
        enabled: true,
        envconfig: {
          BACKUP_S3_BUCKET: ctx.bucketName,
          BACKUP_S3_PATH: VECTOR_DB_BACKUP_PREFIXES.weaviate,
          AWS_REGION: ctx.region,
        },
      },
    },
    affinity: prod ? zoneAntiAffinity(weaviatePodLabels()) : {},
    podDisruptionBudgets: { weaviate: { enabled: prod && spec.replicas > 1 } },
  };
}
