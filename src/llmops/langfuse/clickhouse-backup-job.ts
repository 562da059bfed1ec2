/**
 * `ClickHouseBackupJob` (workloads layer): the nightly backup of Langfuse's ClickHouse — a CronJob
 * (busybox sh + curl of the pinned curl image) that asks the server for
 * `BACKUP DATABASE default TO S3('<backupUrl>/<UTC timestamp>/') ASYNC` over its HTTP interface and
 * polls `system.backups` until the backup is created (exit 0) or failed (exit 1). The server writes
 * to S3 with its own Pod Identity role; the job needs no AWS access. The backup bucket expires
 * backups after the retention of `LangfuseData` (`backupRetentionDays`).
 *
 * The credentials reach curl through a config file (`-K`) in a memory-backed emptyDir, never its
 * command line. The script has no `${` and writes no `%{`.
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { containerSecurityContext, providerPodSecurityContext } from '../../core/pod-security';
import { DAILY_JOB_RUNS, scheduledJob } from '../../core/scheduled-job';
import { Schemas } from '../../core/schemas';
import { validateProps } from '../../core/validation';
import { CURL_IMAGE_USER, IMAGES } from '../../core/versions';
import { CLICKHOUSE_DEFAULTS, LANGFUSE_COMPONENT, LANGFUSE_LABELS } from './constants';
import { KubernetesCronJobV1 } from '../../core/resources/pod-spec';

/** Env var names of the script. */
export const CLICKHOUSE_BACKUP_ENV = { url: 'CLICKHOUSE_URL', user: 'CLICKHOUSE_USER', password: 'CLICKHOUSE_PASSWORD', backupUrl: 'BACKUP_URL' } as const;

/** Longest a backup run may take. */
export const CLICKHOUSE_BACKUP_DEADLINE_SECONDS = 6 * 3600;

/** The backup script (`workDir` is a memory-backed scratch directory). */
export function clickhouseBackupScript(workDir = '/tmp'): string {
  const e = CLICKHOUSE_BACKUP_ENV;
  return [
    'set -eu',
    'umask 077',
    `printf 'user = "%s:%s"\\n' "$${e.user}" "$${e.password}" > ${workDir}/clickhouse.curlrc`,
    `query() { curl -fsS --connect-timeout 5 --max-time 60 -K ${workDir}/clickhouse.curlrc --data-binary @- "$${e.url}/"; }`,
    'name=$(date -u +%Y%m%dT%H%M%SZ)',
    `id=$(printf "BACKUP DATABASE ${CLICKHOUSE_DEFAULTS.database} TO S3('%s/%s/') ASYNC FORMAT TabSeparated" "$${e.backupUrl}" "$name" | query | cut -f1)`,
    '[ -n "$id" ] || { echo "the server returned no backup id"; exit 1; }',
    'while true; do',
    `  status=$(printf "SELECT status, error FROM system.backups WHERE id = '%s' FORMAT TabSeparated" "$id" | query)`,
    '  case "$status" in',
    '    BACKUP_CREATED*) echo "backup $name written"; exit 0 ;;',
    '    CREATING_BACKUP*|SCHEDULED_TO_CREATE_BACKUP*) sleep 10 ;;',
    '    *) echo "backup $name failed: $status"; exit 1 ;;',
    '  esac',
    'done',
  ].join('\n');
}

/** Props of {@link ClickHouseBackupJob}. */
export interface ClickHouseBackupJobProps {
  readonly namespace: string;
  /** Cron schedule (UTC). */
  readonly schedule: string;
  /** In-cluster HTTP URL of ClickHouse. */
  readonly clickhouseUrl: string;
  /** `https://<backup bucket>.s3.<region>.amazonaws.com/clickhouse`. */
  readonly backupUrl: string;
  /** Secret and key of the `langfuse` user's password. */
  readonly passwordSecret: { readonly name: string; readonly key: string };
  readonly dependsOn: ITerraformDependable[];
}

const schema = Schemas.props<ClickHouseBackupJobProps>()({
  namespace: Schemas.k8sName(),
  schedule: Schemas.cron(),
  clickhouseUrl: Schemas.httpUrl('pass the in-cluster ClickHouse HTTP URL'),
  backupUrl: Schemas.httpUrl('pass the S3 URL of the backup bucket'),
  passwordSecret: Schemas.object({ name: Schemas.dnsSubdomain(), key: Schemas.secretKey() }),
  dependsOn: z.array(z.any()),
});

/** The CronJob that backs ClickHouse up to S3. */
export class ClickHouseBackupJob extends Construct {
  public readonly cronJob: KubernetesCronJobV1;

  constructor(scope: Construct, id: string, props: ClickHouseBackupJobProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const e = CLICKHOUSE_BACKUP_ENV;
    const name = `${CLICKHOUSE_DEFAULTS.name}-backup`;
    this.cronJob = scheduledJob(this, {
      name,
      namespace: props.namespace,
      labels: { [LANGFUSE_LABELS.component]: LANGFUSE_COMPONENT, [LANGFUSE_LABELS.name]: name },
      schedule: props.schedule,
      ...DAILY_JOB_RUNS,
      activeDeadlineSeconds: CLICKHOUSE_BACKUP_DEADLINE_SECONDS,
      pod: {
        enableServiceLinks: false,
        automountServiceAccountToken: false,
        securityContext: providerPodSecurityContext(CURL_IMAGE_USER.uid, CURL_IMAGE_USER.gid),
        container: [
          {
            name: 'backup',
            image: `${IMAGES.curl.repository}:${IMAGES.curl.tag}`,
            command: ['/bin/sh', '-c', clickhouseBackupScript()],
            env: [
              { name: e.url, value: props.clickhouseUrl },
              { name: e.user, value: CLICKHOUSE_DEFAULTS.user },
              { name: e.password, valueFrom: { secretKeyRef: { ...props.passwordSecret } } },
              { name: e.backupUrl, value: props.backupUrl },
            ],
            resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
            volumeMount: [{ name: 'tmp', mountPath: '/tmp' }],
            securityContext: containerSecurityContext(),
          },
        ],
        volume: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } }],
      },
      dependsOn: props.dependsOn,
    });
  }
}
