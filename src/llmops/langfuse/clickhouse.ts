/**
 * `LangfuseClickHouse` (workloads layer): the single-node ClickHouse the library runs for Langfuse
 * when no external one is given — the pinned official image (`IMAGES.clickhouse`), one replica on an
 * encrypted gp3 volume (`prevent_destroy` in prod), a ClusterIP Service on the HTTP (8123) and
 * native (9000) ports, and a nightly backup to S3.
 *
 * Why not the ClickHouse operator that Langfuse's chart 2.0.0 renders resources for: it is alpha
 * (clickhouse-operator-helm 0.0.x), its chart and CRDs are not in the pinned upstream data, and its
 * ClickHouseCluster needs a three-node Keeper even for one replica. One node is what Langfuse
 * documents for self-hosting without a ClickHouse cluster (`CLICKHOUSE_CLUSTER_ENABLED=false`); for
 * high availability give `LangfuseData` an external ClickHouse (ClickHouse Cloud, Altinity).
 *
 * Configuration (mounted read-only from a ConfigMap; the entrypoint's user setup is skipped):
 * - `config.d/langfuse.xml`: listen on all IPv4 addresses, log to the console only, no trace/text/
 *   metric log tables, and the backup bucket's endpoint with `use_environment_credentials` (the
 *   server reads the Pod Identity credentials of service account `clickhouse`);
 * - `users.d/langfuse.xml`: the built-in `default` user limited to localhost, and the user
 *   `langfuse` (all privileges of a users.xml user) whose password comes from the environment
 *   (`from_env`), i.e. from the synced Secret.
 * The image writes to its root file system at start (it prepares directories under /etc and
 * /var/log), so that stays writable; everything else is locked down (non-root 101:101, no
 * capabilities, no service account token).
 *
 * Backups: `ClickHouseBackupJob`. Restore: `RESTORE DATABASE default FROM S3('<backupUrl>/<name>/')`
 * (docs/catalog/llmops.md).
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerResources } from '../../core/pod-security';
import { SingleReplicaService } from '../../core/single-replica-service';
import { IMAGES } from '../../core/versions';
import { CLICKHOUSE_DEFAULTS, LANGFUSE_COMPONENT, LANGFUSE_LABELS, LANGFUSE_PORTS } from './constants';
import { KubernetesConfigMapV1, KubernetesServiceAccountV1 } from '../../core/resources/kubernetes-core';

/** Env var the users.d file reads the password from. */
export const CLICKHOUSE_PASSWORD_ENV = 'CLICKHOUSE_LANGFUSE_PASSWORD';

/** Props of {@link LangfuseClickHouse}. */
export interface LangfuseClickHouseProps {
  readonly namespace: string;
  /** Secret and key of the `langfuse` user's password. */
  readonly passwordSecret: { readonly name: string; readonly key: string };
  /** `https://<backup bucket>.s3.<region>.amazonaws.com/clickhouse` (no trailing slash). */
  readonly backupUrl: string;
  readonly storage: string;
  readonly resources: ContainerResources;
  readonly preventDestroy: boolean;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly dependsOn: ITerraformDependable[];
}

/** The server's configuration file. */
export function clickhouseConfigXml(backupUrl: string): string {
  return [
    '<clickhouse>',
    '  <listen_host>0.0.0.0</listen_host>',
    '  <logger><level>warning</level><console>1</console><log remove="1"/><errorlog remove="1"/></logger>',
    '  <trace_log remove="1"/>',
    '  <text_log remove="1"/>',
    '  <metric_log remove="1"/>',
    '  <asynchronous_metric_log remove="1"/>',
    '  <opentelemetry_span_log remove="1"/>',
    '  <s3>',
    `    <backups><endpoint>${backupUrl}/</endpoint><use_environment_credentials>true</use_environment_credentials></backups>`,
    '  </s3>',
    '</clickhouse>',
    '',
  ].join('\n');
}

/** The users file: `default` only from localhost, `langfuse` with its password from the environment. */
export function clickhouseUsersXml(): string {
  return [
    '<clickhouse>',
    '  <users>',
    '    <default><networks replace="replace"><ip>::1</ip><ip>127.0.0.1</ip></networks></default>',
    `    <${CLICKHOUSE_DEFAULTS.user}>`,
    `      <password from_env="${CLICKHOUSE_PASSWORD_ENV}"/>`,
    '      <networks><ip>::/0</ip></networks>',
    '      <profile>default</profile>',
    '      <quota>default</quota>',
    `    </${CLICKHOUSE_DEFAULTS.user}>`,
    '  </users>',
    '</clickhouse>',
    '',
  ].join('\n');
}

/** ClickHouse for Langfuse. */
export class LangfuseClickHouse extends Construct {
  public readonly serviceAccount: KubernetesServiceAccountV1;
  public readonly config: KubernetesConfigMapV1;
  public readonly server: SingleReplicaService;
  /** Host name of the Service. */
  public readonly host: string;

  constructor(scope: Construct, id: string, props: LangfuseClickHouseProps) {
    super(scope, id);
    const name = CLICKHOUSE_DEFAULTS.name;
    const labels = { [LANGFUSE_LABELS.component]: LANGFUSE_COMPONENT, [LANGFUSE_LABELS.name]: name };
    this.serviceAccount = new KubernetesServiceAccountV1(this, 'service-account', {
      metadata: { name: CLICKHOUSE_DEFAULTS.serviceAccount, namespace: props.namespace, labels: { ...labels } },
      automountServiceAccountToken: false,
    });
    this.config = new KubernetesConfigMapV1(this, 'config', {
      metadata: { name, namespace: props.namespace, labels: { ...labels } },
      data: { 'config.xml': clickhouseConfigXml(props.backupUrl), 'users.xml': clickhouseUsersXml() },
    });
    this.server = new SingleReplicaService(this, 'server', {
      name,
      namespace: props.namespace,
      labels,
      image: IMAGES.clickhouse,
      env: [
        { name: CLICKHOUSE_PASSWORD_ENV, secretKeyRef: { ...props.passwordSecret } },
        { name: 'CLICKHOUSE_SKIP_USER_SETUP', value: '1' },
        { name: 'CLICKHOUSE_DO_NOT_CHOWN', value: '1' },
      ],
      port: LANGFUSE_PORTS.clickhouseHttp,
      extraPorts: [{ name: 'native', port: LANGFUSE_PORTS.clickhouseNative }],
      readinessPath: '/ping',
      livenessPath: '/ping',
      resources: props.resources,
      uid: CLICKHOUSE_DEFAULTS.uid,
      gid: CLICKHOUSE_DEFAULTS.gid,
      dataPath: '/var/lib/clickhouse',
      storage: props.storage,
      preventDestroy: props.preventDestroy,
      nodeSelector: props.nodeSelector,
      serviceAccountName: CLICKHOUSE_DEFAULTS.serviceAccount,
      configMounts: [
        { configMapName: name, mountPath: '/etc/clickhouse-server/config.d/langfuse.xml', subPath: 'config.xml' },
        { configMapName: name, mountPath: '/etc/clickhouse-server/users.d/langfuse.xml', subPath: 'users.xml' },
      ],
      writableRootFilesystem: true,
      dependsOn: [this.serviceAccount, this.config, ...props.dependsOn],
    });
    this.host = `${name}.${props.namespace}.svc.cluster.local`;
  }
}
