/**
 * The `backup.yaml` of milvus-backup v0.5.16 (IMAGES.milvusBackup) for a Milvus installed by
 * `milvusValues`. Keys are milvus-backup's (`internal/cfg/cfg.go`: it reads the file named by
 * `--config`, then env vars, then `--set`; keys are case-insensitive):
 * - `milvus.*`: the proxy (standalone) service; the root password is not here but in the
 *   `MILVUS_PASSWORD` env var, from the synced Secret;
 * - `milvus.etcd.*`: the bundled etcd's client service, read with `--backup_index_extra` (index
 *   parameters and dynamic-field schemas DescribeCollection does not return);
 * - `minio.*`: Milvus' object storage (`storageType: aws`, the same bucket and root path as
 *   `externalS3`) and the backup bucket, both through IAM (`useIAM`: minio-go's IAM chain, which
 *   reads EKS Pod Identity's `AWS_CONTAINER_CREDENTIALS_FULL_URI`); static keys are set empty so
 *   milvus-backup's `minioadmin` defaults never apply;
 * - `backup.gcPause`: Milvus' garbage collection is paused during a backup through the proxy's
 *   management port, so segments being copied are not collected.
 * Logs go to the console only (`log.file.filename: ""`): the root filesystem is read-only.
 */
import { PlainObject } from '../../core/merge';
import { MILVUS_BACKUP_FACTS, MILVUS_ROOT_PATH, MILVUS_ROOT_USER, VECTOR_DB_SERVICE_PORTS } from '../constants';
import { vectorDbServiceHost } from './engine-profile';

/** What the backup configuration points at. */
export interface MilvusBackupConfigContext {
  /** Helm release name (= fullnameOverride) of the Milvus chart. */
  readonly releaseName: string;
  readonly namespace: string;
  readonly region: string;
  /** Milvus' object storage bucket. */
  readonly dataBucketName: string;
  /** Bucket the backups go to. */
  readonly backupBucketName: string;
}

/** Env var milvus-backup reads the Milvus password from. */
export const MILVUS_BACKUP_PASSWORD_ENV = 'MILVUS_PASSWORD';

/**
 * Name of the bundled etcd's client service: the chart's rule (`config.tpl`): the release name if it
 * contains "etcd", else `<release>-etcd`.
 */
export function milvusEtcdServiceName(releaseName: string): string {
  return releaseName.includes('etcd') ? releaseName : `${releaseName}-etcd`;
}

/** One S3 storage of milvus-backup through IAM (`prefix` '' for Milvus' storage, 'backup' for backups). */
function s3Storage(prefix: '' | 'backup', region: string, bucketName: string, rootPath: string): PlainObject {
  const key = (name: string) => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name);
  return {
    [key('storageType')]: 'aws',
    [key('address')]: `s3.${region}.amazonaws.com`,
    [key('port')]: 443,
    [key('region')]: region,
    [key('useSSL')]: true,
    [key('useIAM')]: true,
    // milvus-backup spells this one `backupIamEndpoint`
    [prefix ? 'backupIamEndpoint' : 'iamEndpoint']: '',
    [key('accessKeyID')]: '',
    [key('secretAccessKey')]: '',
    [key('bucketName')]: bucketName,
    [key('rootPath')]: rootPath,
  };
}

/** The milvus-backup configuration (no secrets: the password comes from the env). */
export function milvusBackupConfig(ctx: MilvusBackupConfigContext): PlainObject {
  const milvusHost = vectorDbServiceHost(ctx.releaseName, ctx.namespace);
  const etcdHost = vectorDbServiceHost(milvusEtcdServiceName(ctx.releaseName), ctx.namespace);
  return {
    log: { level: 'info', console: true, file: { filename: '' } },
    milvus: {
      address: milvusHost,
      port: VECTOR_DB_SERVICE_PORTS.milvus.grpc,
      user: MILVUS_ROOT_USER,
      tlsMode: 0,
      etcd: { endpoints: `${etcdHost}:${MILVUS_BACKUP_FACTS.etcdPort}`, rootPath: MILVUS_BACKUP_FACTS.etcdRootPath },
    },
    minio: {
      ...s3Storage('', ctx.region, ctx.dataBucketName, MILVUS_ROOT_PATH),
      ...s3Storage('backup', ctx.region, ctx.backupBucketName, MILVUS_BACKUP_FACTS.backupRootPath),
      crossStorage: false,
    },
    backup: { gcPause: { enable: true, address: `http://${milvusHost}:${MILVUS_BACKUP_FACTS.managementPort}` } },
  };
}
