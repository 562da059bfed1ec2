/**
 * `LangfuseCloud` (cloud layer): the AWS identities of Langfuse, none of them stateful —
 *
 * - the Pod Identity role of Langfuse's web and worker pods (service account `langfuse`): list,
 *   read, write and delete under the `events/`, `media/` and `exports/` prefixes of the Langfuse
 *   bucket and nothing else. No static S3 keys exist: with `s3.deploy: false` and no access key in
 *   the values, chart 2.0.0 renders no `LANGFUSE_S3_*_ACCESS_KEY_ID` variables ("return an empty
 *   value (e.g. for role IRSA on AWS)", `templates/_helpers.tpl` `langfuse.getS3ValueOrSecret`)
 *   and Langfuse builds its S3 client without credentials, so the AWS SDK's default chain uses the
 *   Pod Identity agent — as the official langfuse-terraform-aws module does with IRSA;
 * - the role of the in-cluster ClickHouse (service account `clickhouse`): read and write under
 *   `clickhouse/` of the backup bucket (`BACKUP … TO S3` runs in the server, which reads EKS Pod
 *   Identity credentials (`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`) since ClickHouse PR #82422 of
 *   June 2025, backported to 24.8 and 25.3–25.5; the pinned 26.4 has it);
 * - read grants of every Langfuse secret for the External Secrets Operator.
 */
import { Construct } from 'constructs';
import { policyDocument } from '../../core/iam';
import { requireLayer } from '../../core/layers/mlops-stack';
import { PodIdentityRole } from '../../core/pod-identity-role';
import { s3AccessStatements, withoutSlash } from '../../core/s3-access';
import { ExternalSecretsAccess } from '../../core/secrets/external-secrets-access';
import { Schemas, validateProps } from '../../core/validation';
import { CLICKHOUSE_DEFAULTS, LANGFUSE_DEFAULTS } from './constants';
import { LangfuseData } from './langfuse-data';

/** Props of {@link LangfuseCloud}. */
export interface LangfuseCloudProps {
  /** The stateful half. */
  readonly data: LangfuseData;
  /** EKS cluster name (Pod Identity associations). */
  readonly clusterName: string;
  /** The External Secrets Operator's role: every Langfuse secret is granted to it. */
  readonly secretsAccess: ExternalSecretsAccess;
  /** Namespace of Langfuse. @default 'langfuse' */
  readonly namespace?: string;
}

const schema = Schemas.props<LangfuseCloudProps>()({
  data: Schemas.construct('the LangfuseData of the data layer'),
  clusterName: Schemas.eksClusterName(),
  secretsAccess: Schemas.construct('the ExternalSecretsAccess of the cloud layer'),
  namespace: Schemas.k8sName().optional(),
});

/** Roles and secret grants of Langfuse. */
export class LangfuseCloud extends Construct {
  public readonly data: LangfuseData;
  public readonly namespace: string;
  /** Role of the web and worker pods. */
  public readonly role: PodIdentityRole;
  /** Role of the in-cluster ClickHouse (absent with an external ClickHouse). */
  public readonly clickhouseRole?: PodIdentityRole;

  constructor(scope: Construct, id: string, props: LangfuseCloudProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'LangfuseCloud');
    const { data } = props;
    this.data = data;
    this.namespace = props.namespace ?? LANGFUSE_DEFAULTS.namespace;
    const p = LANGFUSE_DEFAULTS.prefixes;
    this.role = new PodIdentityRole(this, 'role', {
      clusterName: props.clusterName,
      namespace: this.namespace,
      serviceAccount: LANGFUSE_DEFAULTS.serviceAccount,
      policy: policyDocument(
        ...s3AccessStatements({ bucketArn: data.bucket.bucketArn, region: data.region, kmsKeyArn: data.kmsKeyArn, bucketKey: true }, 'read-write', { sid: 'Langfuse', prefixes: [p.events, p.media, p.exports].map(withoutSlash) }),
      ),
    });
    if (data.backupBucket) {
      this.clickhouseRole = new PodIdentityRole(this, 'clickhouse-role', {
        clusterName: props.clusterName,
        namespace: this.namespace,
        serviceAccount: CLICKHOUSE_DEFAULTS.serviceAccount,
        policy: policyDocument(
          ...s3AccessStatements({ bucketArn: data.backupBucket.bucketArn, region: data.region, kmsKeyArn: data.kmsKeyArn, bucketKey: true }, 'read-write', { sid: 'Backups', prefixes: [CLICKHOUSE_DEFAULTS.backupPrefix] }),
        ),
      });
    }
    for (const secret of data.secrets) props.secretsAccess.grantRead(secret);
  }
}
