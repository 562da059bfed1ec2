/**
 * `ArgoWorkflowsStorage` (cloud layer today, the data layer once stacks have one): what Argo
 * Workflows keeps that must outlive the cluster —
 * - the artifact repository: a {@link SecureBucket} (versioned, SSE-KMS, TLS-only,
 *   `prevent_destroy`), with current objects expiring after `artifactExpirationDays` (step reports
 *   and intermediate files, not models: models live in MLflow and the serving bucket);
 * - the workflow archive's credentials: a {@link PostgresAppUser} (`argo_workflows`, its own
 *   database on a shared PostgreSQL instance such as MLflow's), when the archive is on.
 *
 * Logical ids (pinned by tests): `<id>/artifacts/bucket`, `<id>/archive-user/secret/secret`.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresAppUser } from '../core/databases/postgres-app-user';
import { MlopsStack } from '../core/layers/mlops-stack';
import { Preset, presetSchema } from '../core/presets';
import { SecureBucket } from '../core/secure-bucket';
import { failProp, Schemas, validateProps } from '../core/validation';
import { PIPELINE_DEFAULTS } from './constants';

/** Defaults of {@link ArgoWorkflowsStorage}. */
export const ARGO_STORAGE_DEFAULTS = {
  /** Days a workflow artifact is kept. */
  artifactExpirationDays: 90,
  /** Role and database of the archive. */
  archiveUser: 'argo_workflows',
} as const;

/** Props of {@link ArgoWorkflowsStorage}. */
export interface ArgoWorkflowsStorageProps {
  /** `dev` or `prod`. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Customer managed KMS key of the bucket and the archive secret.
   * @default - AWS managed keys (`aws/s3`, `aws/secretsmanager`)
   */
  readonly kmsKeyArn?: string;
  /**
   * Days a workflow artifact is kept before it expires.
   * @default 90
   */
  readonly artifactExpirationDays?: number;
  /**
   * Keep finished workflows in a PostgreSQL archive (its credentials are created here; the
   * database itself by `ArgoWorkflows` on the instance you give it). Bump `version` to rotate the
   * password.
   * @default - no archive
   */
  readonly archive?: { readonly version?: number };
  /**
   * Prefix of Secrets Manager names (`<prefix>/argo-workflows/archive-db`).
   * @default - `<project>/<environment>` of the enclosing stack
   */
  readonly secretsPrefix?: string;
}

const schema = Schemas.object({
  preset: presetSchema.optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
  artifactExpirationDays: Schemas.positiveInt('number of days').optional(),
  archive: Schemas.object({ version: Schemas.positiveInt('version').optional() }).optional(),
  secretsPrefix: Schemas.secretsPrefix().optional(),
});

/** Artifact bucket and archive credentials of Argo Workflows. */
export class ArgoWorkflowsStorage extends Construct {
  /** The artifact repository bucket. */
  public readonly artifactBucket: SecureBucket;
  /** Key prefix of the artifacts in the bucket. */
  public readonly artifactPrefix: string = PIPELINE_DEFAULTS.artifactPrefix;
  /** The archive's role and database, when the archive is on. */
  public readonly archiveUser?: PostgresAppUser;

  constructor(scope: Construct, id: string, props: ArgoWorkflowsStorageProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    const stack = TerraformStack.of(this);
    const mlops = stack instanceof MlopsStack ? stack : undefined;
    if (!mlops && props.archive && props.secretsPrefix === undefined) {
      failProp(this, 'secretsPrefix', undefined, 'is required outside a library stack; pass the prefix of the Secrets Manager names, e.g. "mlops/dev"');
    }
    this.artifactBucket = new SecureBucket(this, 'artifacts', {
      kmsKeyArn: props.kmsKeyArn,
      expirationDays: props.artifactExpirationDays ?? ARGO_STORAGE_DEFAULTS.artifactExpirationDays,
    });
    if (props.archive) {
      const prefix = props.secretsPrefix ?? `${mlops!.project}/${mlops!.environment}`;
      this.archiveUser = new PostgresAppUser(this, 'archive-user', {
        secretName: `${prefix}/argo-workflows/archive-db`,
        username: ARGO_STORAGE_DEFAULTS.archiveUser,
        version: props.archive.version,
        kmsKeyArn: props.kmsKeyArn,
        preset: props.preset,
      });
    }
  }

  /** ARN of the artifact objects of one pipeline (`<bucket>/<artifactPrefix>/<pipeline>/*`), or all of them. */
  public artifactObjectsArn(pipeline?: string): string {
    return this.artifactBucket.objectsArn(pipeline ? `${this.artifactPrefix}/${pipeline}` : this.artifactPrefix);
  }
}
