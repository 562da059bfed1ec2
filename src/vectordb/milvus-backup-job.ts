/**
 * `MilvusBackupJob`: the scheduled backup of a Milvus database — milvus-backup (pinned) creating a
 * backup of every collection, with index extras and dynamic-field schemas from etcd, in the backup
 * bucket. Milvus schedules none itself, and its bucket alone is not restorable (the metadata lives
 * in etcd).
 *
 * - configuration in a ConfigMap (`<name>-backup-config`, no secrets: see `milvusBackupConfig`);
 * - the root password as `MILVUS_PASSWORD` from the synced Secret;
 * - AWS access through the `<name>-backup` service account's Pod Identity role
 *   (`VectorDatabaseCloud.backupRole`): read Milvus' data, write backups;
 * - reaches the proxy (19530, 9091) and etcd (2379) inside the namespace, which its same-namespace
 *   NetworkPolicy allows.
 * Backups are named by milvus-backup (`backup_<date>_<time>`) and expire with the bucket's lifecycle.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { toYaml } from '../core/helm-chart';
import { IMAGES } from '../core/versions';
import { VECTOR_DB_COMPONENT, VECTOR_DB_LABELS } from './constants';
import { MILVUS_BACKUP_PASSWORD_ENV, MilvusBackupConfigContext, milvusBackupConfig } from './engines/milvus-backup-config';
import { MILVUS_UID } from './engines/milvus-values';
import { VectorDatabaseSnapshotJob } from './snapshot-cron-job';
import { z } from 'zod';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { KubernetesConfigMapV1 } from '../core/resources/kubernetes-core';

/** Where the configuration is mounted, and its file name. */
export const MILVUS_BACKUP_CONFIG_DIR = '/etc/milvus-backup';
export const MILVUS_BACKUP_CONFIG_FILE = 'backup.yaml';

/** Props of {@link MilvusBackupJob}. */
export interface MilvusBackupJobProps extends MilvusBackupConfigContext {
  /** Cron schedule (UTC). */
  readonly schedule: string;
  /** Service account bound to the backup role. */
  readonly serviceAccountName: string;
  /** Secret and key with the root password. */
  readonly passwordSecret: { readonly name: string; readonly key: string };
  /** Resources that must exist first (the Milvus release). */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<MilvusBackupJobProps>()({
  releaseName: Schemas.k8sName(),
  namespace: Schemas.k8sName(),
  region: Schemas.region(),
  dataBucketName: Schemas.bucketName(),
  backupBucketName: Schemas.bucketName(),
  schedule: Schemas.cron(),
  serviceAccountName: Schemas.dnsSubdomain(),
  passwordSecret: Schemas.object({ name: Schemas.dnsSubdomain(), key: Schemas.secretKey() }),
  dependsOn: z.array(z.any()).optional(),
});

/** A scheduled milvus-backup run. */
export class MilvusBackupJob extends Construct {
  public readonly configMap: KubernetesConfigMapV1;
  public readonly job: VectorDatabaseSnapshotJob;

  constructor(scope: Construct, id: string, props: MilvusBackupJobProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const name = `${props.releaseName}-backup`;
    this.configMap = new KubernetesConfigMapV1(this, 'config', {
      metadata: {
        name: `${name}-config`,
        namespace: props.namespace,
        labels: { [VECTOR_DB_LABELS.component]: VECTOR_DB_COMPONENT, [VECTOR_DB_LABELS.name]: name },
      },
      data: { [MILVUS_BACKUP_CONFIG_FILE]: toYaml(milvusBackupConfig(props)) },
    });
    this.job = new VectorDatabaseSnapshotJob(this, 'job', {
      name,
      namespace: props.namespace,
      schedule: props.schedule,
      serviceAccountName: props.serviceAccountName,
      runAs: { uid: MILVUS_UID, gid: MILVUS_UID },
      container: {
        name: 'backup',
        image: `${IMAGES.milvusBackup.repository}:${IMAGES.milvusBackup.tag}`,
        command: ['/app/milvus-backup', 'create', '--config', `${MILVUS_BACKUP_CONFIG_DIR}/${MILVUS_BACKUP_CONFIG_FILE}`, '--backup_index_extra'],
        env: [{ name: MILVUS_BACKUP_PASSWORD_ENV, valueFrom: { secretKeyRef: { name: props.passwordSecret.name, key: props.passwordSecret.key } } }],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
        volumeMounts: [
          { name: 'config', mountPath: MILVUS_BACKUP_CONFIG_DIR, readOnly: true },
          { name: 'tmp', mountPath: '/tmp' },
        ],
      },
      volumes: [
        { name: 'config', configMap: { name: this.configMap.metadata.name } },
        { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
      ],
      dependsOn: [...(props.dependsOn ?? []), this.configMap],
    });
  }
}
