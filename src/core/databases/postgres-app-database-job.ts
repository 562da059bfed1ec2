/**
 * `PostgresAppDatabaseJob` (platform or workloads layer): a Kubernetes Job that makes a
 * {@link PostgresAppUser} exist on a PostgreSQL instance — the login role with the generated
 * password and the database it owns — connecting as the instance's master user (script:
 * `postgres-database-script.ts`). Terraform cannot declare PostgreSQL roles without network access
 * to a private database, so a Job inside the cluster does it; Terraform waits for it
 * (`wait_for_completion`).
 *
 * Secrets: the master credentials and the user's come from Kubernetes Secrets the caller provides
 * (a `WriteOnlyKubernetesSecret` in the platform layer, a `SyncedSecret` in the workloads layer),
 * through `secretKeyRef` env only; nothing secret is in the synthesized JSON.
 *
 * Rotation: bump the user's `version`. The Job's `EXPECTED_VERSION` changes, which makes Terraform
 * replace the Job; the new Job retries until the user Secret holds that version, then sets the new
 * password. The application re-reads its Secret (or restarts) to pick it up.
 *
 * Network: the pod needs to reach the instance (its security group must admit the cluster's nodes,
 * and NetworkPolicies of `namespace` must allow egress to it and to DNS).
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesJobV1 } from '../resources/pod-spec';
import { z } from 'zod';
import { k8sName } from '../naming';
import { containerSecurityContext, providerPodSecurityContext } from '../pod-security';
import { Schemas, validateProps } from '../validation';
import { IMAGES, POSTGRES_IMAGE_USER } from '../versions';
import { POSTGRES_APP_DATABASE_JOB_ENV, postgresAppDatabaseScript } from './postgres-app-database-script';
import { POSTGRES_APP_USER_SECRET_KEYS } from './postgres-app-user';

/** Longest the Job may run (waiting for the server and for the rotated Secret included). */
export const POSTGRES_APP_DATABASE_JOB_DEADLINE_SECONDS = 900;

/** libpq TLS modes the Job accepts (RDS with `rds.force_ssl = 1` refuses plain text). */
export type PostgresSslMode = 'require' | 'verify-ca' | 'verify-full';

/** A PostgreSQL server as the Job reaches it. */
export interface PostgresEndpoint {
  /** Host name (e.g. the RDS instance address). */
  readonly host: string;
  /** Port. @default 5432 */
  readonly port?: number;
  /** libpq `sslmode`. @default 'require' */
  readonly sslMode?: PostgresSslMode;
}

/** Keys of a Kubernetes Secret holding a username and a password. */
export interface CredentialsSecretRef {
  /** Name of the Secret (in the Job's namespace). */
  readonly secretName: string;
  /** @default 'username' */
  readonly usernameKey?: string;
  /** @default 'password' */
  readonly passwordKey?: string;
}

/** What the Job needs to know of the user it creates (a `PostgresAppUser` satisfies it). */
export interface PostgresAppUserRef {
  readonly username: string;
  readonly databaseName: string;
  readonly version: number;
}

/** Props of {@link PostgresAppDatabaseJob}. */
export interface PostgresAppDatabaseJobProps {
  /** Namespace of the Job (and of both Secrets). */
  readonly namespace: string;
  /**
   * Name of the Job.
   * @default - `<construct id>` as a Kubernetes name
   */
  readonly jobName?: string;
  /** The server. */
  readonly endpoint: PostgresEndpoint;
  /** Secret with the master user's credentials (for RDS: the synced or copied master user secret). */
  readonly masterCredentials: CredentialsSecretRef;
  /** The role and database to create. */
  readonly user: PostgresAppUserRef;
  /**
   * Secret with the user's `username`, `password` and `version` keys (a copy of the
   * `PostgresAppUser` secret).
   */
  readonly userSecretName: string;
  /**
   * Node selector of the pod.
   * @default - none
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Labels of the Job and its pod. @default - `app.kubernetes.io/name: postgres-database` */
  readonly labels?: Readonly<Record<string, string>>;
  /** What must exist first: both Secrets (and the namespace). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.object({
  namespace: Schemas.k8sName(),
  user: Schemas.construct('a PostgresAppUser', { username: z.string(), databaseName: z.string(), version: z.number() }),
  nodeSelector: Schemas.labels().optional(),
  labels: Schemas.labels().optional(),
  dependsOn: z.array(z.any()).optional(),
  jobName: Schemas.k8sName().optional(),
  endpoint: Schemas.object({
    host: z.string().min(1, { message: 'is empty; pass the instance address' }),
    port: z.number().int().min(1).max(65535, { message: 'is not a TCP port; use 1-65535' }).optional(),
    sslMode: z.enum(['require', 'verify-ca', 'verify-full'], { message: 'must be "require", "verify-ca" or "verify-full"; the Job never connects without TLS' }).optional(),
  }),
  masterCredentials: Schemas.object({ secretName: Schemas.k8sName(), usernameKey: Schemas.secretKey().optional(), passwordKey: Schemas.secretKey().optional() }),
  userSecretName: Schemas.k8sName(),
});

/** The Job that creates (or re-passwords) a PostgreSQL role and its database. */
export class PostgresAppDatabaseJob extends Construct {
  public readonly job: KubernetesJobV1;

  constructor(scope: Construct, id: string, props: PostgresAppDatabaseJobProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const e = POSTGRES_APP_DATABASE_JOB_ENV;
    const k = POSTGRES_APP_USER_SECRET_KEYS;
    const labels = { ...(props.labels ?? { 'app.kubernetes.io/name': 'postgres-database' }) };
    const fromSecret = (name: string, secretName: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secretName, key } } });
    const master = props.masterCredentials;
    const value = (name: string, v: string) => ({ name, value: v });
    this.job = new KubernetesJobV1(this, 'job', {
      metadata: { name: props.jobName ?? k8sName(id), namespace: props.namespace, labels },
      waitForCompletion: true,
      timeouts: { create: '20m', update: '20m' },
      spec: {
        // retries wait for the rotated Secret and for the server (10 s, 20 s, 40 s, … between pods)
        backoffLimit: 6,
        activeDeadlineSeconds: POSTGRES_APP_DATABASE_JOB_DEADLINE_SECONDS,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: providerPodSecurityContext(POSTGRES_IMAGE_USER.uid, POSTGRES_IMAGE_USER.gid),
            nodeSelector: props.nodeSelector ? { ...props.nodeSelector } : undefined,
            container: [
              {
                name: 'create-database',
                image: `${IMAGES.postgres.repository}:${IMAGES.postgres.tag}`,
                command: ['/bin/sh', '-c', postgresAppDatabaseScript()],
                env: [
                  value('PGHOST', props.endpoint.host),
                  value('PGPORT', String(props.endpoint.port ?? 5432)),
                  value('PGSSLMODE', props.endpoint.sslMode ?? 'require'),
                  value('PGDATABASE', 'postgres'),
                  value('PGCONNECT_TIMEOUT', '10'),
                  value('PGAPPNAME', 'cdktf-mlops-database-job'),
                  fromSecret('PGUSER', master.secretName, master.usernameKey ?? 'username'),
                  fromSecret('PGPASSWORD', master.secretName, master.passwordKey ?? 'password'),
                  value(e.role, props.user.username),
                  value(e.database, props.user.databaseName),
                  fromSecret(e.password, props.userSecretName, k.password),
                  fromSecret(e.secretVersion, props.userSecretName, k.version),
                  value(e.expectedVersion, String(props.user.version)),
                ],
                resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
                volumeMount: [{ name: 'tmp', mountPath: '/tmp' }],
                securityContext: containerSecurityContext(),
              },
            ],
            volume: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } }],
          },
        },
      },
      dependsOn: props.dependsOn,
    });
  }
}
