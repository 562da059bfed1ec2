/**
 * `MlflowClientUser`: a Kubernetes Job that makes the basic-auth user `mlflow-client` exist with the
 * password of its synced Secret, through MLflow's auth REST API as the admin. MLflow keeps users in
 * its database and manages them only through that API, so Terraform cannot declare them.
 *
 * The script (busybox sh + curl of the pinned curl image):
 * 1. fails (the Job retries with a new pod) until the Secret holds the expected credentials version,
 *    so a rotation never re-sets the old password;
 * 2. waits for `/health`;
 * 3. reads the user (`GET /api/2.0/mlflow/users/get`): 200 → `PATCH users/update-password`, 404 →
 *    `POST users/create` with the JSON body on curl's stdin; anything else fails the Job.
 * The admin credentials reach curl through a config file (`-K`) in a memory-backed emptyDir, never
 * its command line. Every call has a connect and a total timeout. Terraform waits for the Job
 * (`wait_for_completion`).
 *
 * Rotation: bump `MlflowCloud`'s `clientCredentialsVersion` and apply all stacks in one run. The
 * secret's value carries the version next to the new password (one write-only value); the ESO
 * templates carry it in a Go-template comment, so the ExternalSecrets re-sync at once; the Job's
 * `EXPECTED_VERSION` env changes, which makes Terraform replace the Job (a container env change
 * forces a new Job), and the Job retries until the synced Secret holds that version.
 *
 * The script has no `${` and writes `%{` as `%%{` (Terraform template syntax in a string).
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesJobV1 } from '../core/resources/pod-spec';
import { containerSecurityContext } from '../core/pod-security';
import { CURL_IMAGE_USER, IMAGES } from '../core/versions';
import { MLFLOW_SECRET_KEYS } from './constants';
import { z } from 'zod';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';

/** Env var names of the script. */
export const MLFLOW_CLIENT_USER_ENV = {
  adminUser: 'ADMIN_USER',
  adminPassword: 'ADMIN_PASSWORD',
  clientUser: 'CLIENT_USER',
  clientPassword: 'CLIENT_PASSWORD',
  /** The credentials version the client Secret holds. */
  secretVersion: 'SECRET_VERSION',
  /** The version this Job was created for. */
  expectedVersion: 'EXPECTED_VERSION',
} as const;

/** Longest the Job may run (waiting for the server included). */
export const MLFLOW_CLIENT_USER_DEADLINE_SECONDS = 600;

/** Props of {@link MlflowClientUser}. */
export interface MlflowClientUserProps {
  readonly namespace: string;
  /** In-cluster URL of the tracking server. */
  readonly trackingUri: string;
  /** Secret with the admin's `username` and `password`. */
  readonly adminSecretName: string;
  /** Secret with the client user's `username`, `password` and credentials `version`. */
  readonly clientSecretName: string;
  /** Version of the client credentials the Job waits for and sets (see the file comment). */
  readonly clientSecretVersion: number;
  /** Labels of the Job and its pod. */
  readonly labels: Readonly<Record<string, string>>;
  /** What must exist first: the release and both synced Secrets. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The script; `$NAME` variables only (Terraform would read `${…}` as an interpolation). `workDir` is
 * its scratch directory (the pod's memory-backed `/tmp`).
 */
export function mlflowClientUserScript(trackingUri: string, workDir = '/tmp'): string {
  const e = MLFLOW_CLIENT_USER_ENV;
  const api = `${trackingUri}/api/2.0/mlflow/users`;
  return [
    'set -eu',
    'umask 077',
    `[ "$${e.secretVersion}" = "$${e.expectedVersion}" ] || { echo "the client Secret holds version $${e.secretVersion}, not $${e.expectedVersion} yet"; exit 1; }`,
    `until curl -fsS --connect-timeout 5 --max-time 10 -o /dev/null "${trackingUri}/health"; do echo "waiting for MLflow"; sleep 5; done`,
    // the admin credentials go to curl in a config file, not on its command line
    `printf 'user = "%s:%s"\\n' "$${e.adminUser}" "$${e.adminPassword}" > ${workDir}/admin.curlrc`,
    `admin() { curl -sS --connect-timeout 5 --max-time 30 -K ${workDir}/admin.curlrc -o ${workDir}/out -w '%%{http_code}' "$@"; }`,
    `code=$(admin "${api}/get?username=$${e.clientUser}")`,
    'case "$code" in',
    '  200) method=PATCH; path=update-password ;;',
    '  404) method=POST; path=create ;;',
    `  *) echo "reading the user failed: HTTP $code"; cat ${workDir}/out; exit 1 ;;`,
    'esac',
    `code=$(printf '{"username":"%s","password":"%s"}' "$${e.clientUser}" "$${e.clientPassword}" | admin -X "$method" -H 'Content-Type: application/json' --data-binary @- "${api}/$path")`,
    `[ "$code" = 200 ] || { echo "$path failed: HTTP $code"; cat ${workDir}/out; exit 1; }`,
    `echo "user $${e.clientUser}: $path done"`,
  ].join('\n');
}

const schema = Schemas.props<MlflowClientUserProps>()({
  namespace: Schemas.k8sName(),
  trackingUri: Schemas.httpUrl('pass the tracking server URL (MlflowTrackingServer.trackingUri)'),
  adminSecretName: Schemas.dnsSubdomain(),
  clientSecretName: Schemas.dnsSubdomain(),
  clientSecretVersion: Schemas.positiveInt('credentials version'),
  labels: Schemas.labels(),
  dependsOn: z.array(z.any()),
});

/** The Job that creates (or re-passwords) the MLflow client user. */
export class MlflowClientUser extends Construct {
  public readonly job: KubernetesJobV1;

  constructor(scope: Construct, id: string, props: MlflowClientUserProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const e = MLFLOW_CLIENT_USER_ENV;
    const fromSecret = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
    this.job = new KubernetesJobV1(this, 'job', {
      metadata: { name: 'mlflow-client-user', namespace: props.namespace, labels: { ...props.labels } },
      waitForCompletion: true,
      timeouts: { create: '15m', update: '15m' },
      spec: {
        // retries wait for the Secret's new version after a rotation (10 s, 20 s, 40 s, … between pods)
        backoffLimit: 6,
        activeDeadlineSeconds: MLFLOW_CLIENT_USER_DEADLINE_SECONDS,
        template: {
          metadata: { labels: { ...props.labels } },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, runAsUser: String(CURL_IMAGE_USER.uid), runAsGroup: String(CURL_IMAGE_USER.gid), seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: 'client-user',
                image: `${IMAGES.curl.repository}:${IMAGES.curl.tag}`,
                command: ['/bin/sh', '-c', mlflowClientUserScript(props.trackingUri)],
                env: [
                  fromSecret(e.adminUser, props.adminSecretName, MLFLOW_SECRET_KEYS.username),
                  fromSecret(e.adminPassword, props.adminSecretName, MLFLOW_SECRET_KEYS.password),
                  fromSecret(e.clientUser, props.clientSecretName, MLFLOW_SECRET_KEYS.username),
                  fromSecret(e.clientPassword, props.clientSecretName, MLFLOW_SECRET_KEYS.password),
                  fromSecret(e.secretVersion, props.clientSecretName, MLFLOW_SECRET_KEYS.credentialsVersion),
                  { name: e.expectedVersion, value: String(props.clientSecretVersion) },
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
