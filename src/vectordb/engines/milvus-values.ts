/**
 * Helm values of the milvus chart (CHARTS.milvus, Milvus 2.6).
 *
 * Minimal but complete dependencies:
 * - object storage: the component's S3 bucket (`externalS3` with `useIAM`, `cloudProvider: aws`),
 *   no bundled MinIO, no static keys; Milvus' data lives there (the bucket is its primary storage);
 * - message queue / WAL: Woodpecker embedded (standalone pod or streaming nodes) writing to the same
 *   object storage (`mq.type: woodpecker`, `streaming.woodpecker.storage.type: minio`); the chart's
 *   default Pulsar v3 is off, and so is the separate Woodpecker service (its image is `latest`);
 * - metadata: the bundled etcd (bitnami, pinned `milvusdb/etcd`), 1 member for standalone, 3 for
 *   cluster, on encrypted gp3 volumes.
 * `standalone` (dev default) is one pod with embedded coordinators; `cluster` (prod default) runs
 * proxies, a mix coordinator, query, data and streaming nodes.
 *
 * Auth: `common.security.authorizationEnabled: true` in `extraConfigFiles` user.yaml; the root
 * password from the synced Secret as `COMMON_SECURITY_DEFAULTROOTPASSWORD` (Milvus reads env vars
 * as config keys, lowercased with `_`/`.` removed, and env outranks config files), set on the pods
 * that create the root user (standalone, mix coordinator). It only applies when the root user is
 * first created.
 */
import { PlainObject } from '../../core/merge';
import { toYaml } from '../../core/helm-chart';
import { MILVUS_ROOT_PATH, VECTOR_DB_SECRET_KEYS, VECTOR_DB_LABELS } from '../constants';
import { containerSecurityContext, EngineValuesContext, podSecurityContext, resourcesValues, secretEnv, zoneAntiAffinity } from './common-values';

/** uid/gid Milvus pods run as. */
export const MILVUS_UID = 1000;

/** Env var Milvus reads as `common.security.defaultRootPassword`. */
export const MILVUS_ROOT_PASSWORD_ENV = 'COMMON_SECURITY_DEFAULTROOTPASSWORD';

/** Milvus cluster components that scale with `replicas`, with their chart `component` label. */
export const MILVUS_SCALED_COMPONENTS = {
  proxy: 'proxy',
  queryNode: 'querynode',
  dataNode: 'datanode',
  streamingNode: 'streamingnode',
} as const;

/** Pod labels of one Milvus component. */
export function milvusPodLabels(releaseName: string, component: string): Record<string, string> {
  return { [VECTOR_DB_LABELS.instance]: releaseName, component };
}

/** The `user.yaml` Milvus merges over its milvus.yaml. */
export function milvusUserConfig(): PlainObject {
  return {
    common: { security: { authorizationEnabled: true } },
    mq: { type: 'woodpecker' },
  };
}

/** Values of the milvus chart. */
export function milvusValues(ctx: EngineValuesContext): PlainObject {
  const { spec } = ctx;
  const cluster = spec.milvusMode === 'cluster';
  const prod = spec.preset === 'prod';
  const rootPassword = [secretEnv(MILVUS_ROOT_PASSWORD_ENV, ctx.secretName, VECTOR_DB_SECRET_KEYS.password)];
  const values: PlainObject = {
    fullnameOverride: spec.name,
    cluster: { enabled: cluster },
    serviceAccount: { create: true, name: ctx.serviceAccountName },
    service: { type: 'ClusterIP' },
    securityContext: podSecurityContext(MILVUS_UID, MILVUS_UID, MILVUS_UID),
    containerSecurityContext: containerSecurityContext(MILVUS_UID, MILVUS_UID, false),
    extraConfigFiles: { 'user.yaml': toYaml(milvusUserConfig()) },
    minio: { enabled: false },
    pulsarv3: { enabled: false },
    woodpecker: { enabled: false },
    streaming: { enabled: true, woodpecker: { embedded: true, storage: { type: 'minio' } } },
    externalS3: {
      enabled: true,
      host: `s3.${ctx.region}.amazonaws.com`,
      port: '443',
      useSSL: true,
      bucketName: ctx.bucketName,
      rootPath: MILVUS_ROOT_PATH,
      useIAM: true,
      cloudProvider: 'aws',
      iamEndpoint: '',
      region: ctx.region,
      accessKey: '',
      secretKey: '',
    },
    etcd: {
      replicaCount: cluster ? 3 : 1,
      persistence: { enabled: true, storageClass: ctx.storageClassName, size: spec.milvusEtcdStorageSize },
    },
  };
  if (!cluster) {
    values.standalone = {
      messageQueue: 'woodpecker',
      resources: resourcesValues(spec),
      extraEnv: rootPassword,
      persistence: { enabled: true, persistentVolumeClaim: { storageClass: ctx.storageClassName, size: spec.storageSize } },
    };
    return values;
  }
  values.mixCoordinator = { enabled: true, replicas: 1, extraEnv: rootPassword };
  for (const [key, component] of Object.entries(MILVUS_SCALED_COMPONENTS)) {
    values[key] = {
      replicas: spec.replicas,
      resources: resourcesValues(spec),
      ...(prod ? { affinity: zoneAntiAffinity(milvusPodLabels(spec.name, component)) } : {}),
    };
  }
  return values;
}
