/**
 * Helm values of the qdrant chart (CHARTS.qdrant).
 *
 * - Auth: `QDRANT__SERVICE__API_KEY` / `QDRANT__SERVICE__READ_ONLY_API_KEY` from the synced Secret
 *   (Qdrant reads `QDRANT__`-prefixed env with `__` as separator, src/settings.rs). The chart's own
 *   `apiKey` values are not used: with `valueFrom` they copy the key into a second, chart-made Secret
 *   through Helm `lookup` at render time, which also needs the Secret before the release.
 *   `/readyz`, `/livez`, `/healthz` are whitelisted from auth (src/actix/mod.rs), so probes work.
 * - Backups: `config.storage.snapshots_config` with `snapshots_storage: s3` and only `bucket` and
 *   `region`: Qdrant v1.19.0 builds its client with object_store's `AmazonS3Builder::from_env()`
 *   (`lib/collection/src/common/snapshots_manager.rs`; `Cargo.lock`: object_store 0.14.1), which
 *   uses the EKS Pod Identity agent (`AWS_CONTAINER_CREDENTIALS_FULL_URI` +
 *   `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` → `EKSPodCredentialProvider`, arrow-rs-object-store
 *   v0.14.1 `src/aws/builder.rs`) when no static keys are set — so none are.
 * - Runs the `-unprivileged` image as uid 1000 without the root `chown` init container.
 */
import { PlainObject } from '../../core/merge';
import { VECTOR_DB_SECRET_KEYS, VECTOR_DB_LABELS } from '../constants';
import { containerSecurityContext, EngineValuesContext, podSecurityContext, resourcesValues, secretEnv, zoneAntiAffinity } from './common-values';

/** uid/gid of the qdrant unprivileged image (the chart's defaults). */
export const QDRANT_UID = 1000;
export const QDRANT_GID = 2000;
export const QDRANT_FS_GROUP = 3000;

/** Pod labels of the qdrant chart (selector labels with `fullnameOverride`/no `nameOverride`). */
export function qdrantPodLabels(releaseName: string): Record<string, string> {
  return { [VECTOR_DB_LABELS.name]: 'qdrant', [VECTOR_DB_LABELS.instance]: releaseName };
}

/** Values of the qdrant chart. */
export function qdrantValues(ctx: EngineValuesContext): PlainObject {
  const { spec } = ctx;
  const prod = spec.preset === 'prod';
  return {
    fullnameOverride: spec.name,
    replicaCount: spec.replicas,
    image: { useUnprivilegedImage: true },
    updateVolumeFsOwnership: false,
    service: { type: 'ClusterIP' },
    env: [
      secretEnv('QDRANT__SERVICE__API_KEY', ctx.secretName, VECTOR_DB_SECRET_KEYS.apiKey),
      secretEnv('QDRANT__SERVICE__READ_ONLY_API_KEY', ctx.secretName, VECTOR_DB_SECRET_KEYS.readOnlyApiKey),
    ],
    config: {
      cluster: { enabled: spec.qdrantClusterMode },
      service: { enable_tls: false },
      storage: {
        snapshots_config: {
          snapshots_storage: 's3',
          s3_config: { bucket: ctx.bucketName, region: ctx.region },
        },
      },
    },
    persistence: { size: spec.storageSize, storageClassName: ctx.storageClassName },
    resources: resourcesValues(spec),
    podSecurityContext: podSecurityContext(QDRANT_UID, QDRANT_GID, QDRANT_FS_GROUP),
    containerSecurityContext: containerSecurityContext(QDRANT_UID, QDRANT_GID, true),
    affinity: prod ? zoneAntiAffinity(qdrantPodLabels(spec.name)) : {},
    podDisruptionBudget: { enabled: prod && spec.replicas > 1, maxUnavailable: 1 },
  };
}
