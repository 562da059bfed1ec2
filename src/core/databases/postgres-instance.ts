/**
 * `PostgresInstance` (data layer): an RDS for PostgreSQL instance for the platform's components (MLflow's backend store,
 * Langfuse's database, and any other application that gets its own database and user on it with
 * `PostgresAppUser` + `PostgresAppDatabase`).
 *
 * - private: DB subnet group of the cluster's private subnets, `publicly_accessible = false`, a
 *   security group that admits 5432 only from the cluster's node security group;
 * - TLS only: a parameter group with `rds.force_ssl = 1` (plain-text connections are refused);
 * - encrypted with the given KMS key (storage, Performance Insights, the master user secret);
 * - the master password is generated and kept by RDS in Secrets Manager
 *   (`manage_master_user_password`): it is never in the synthesized JSON, the plan or the state;
 * - protected: deletion protection, a final snapshot, `prevent_destroy`, ≥ 7 days of backups;
 * - `prod`: Multi-AZ, `db.m7g.large`, Performance Insights; `dev`: single-AZ `db.t4g.micro`.
 *
 * Engine version: `ENGINES.postgres` with automatic minor upgrades. When RDS applies a newer minor
 * in a maintenance window, bump `ENGINES.postgres` (or pass `engineVersion`) to it; a plan would
 * otherwise show a downgrade that RDS refuses. Pass the major alone (e.g. `'17'`) to let RDS own the minor.
 *
 * Layers: in a `CloudStack` with a data stack, the instance and its subnet, security and parameter
 * groups go to the data stack (`dataScope`), so the database does not depend on the cluster and
 * outlives it; the rule admitting the cluster's nodes stays with the construct in the cloud stack
 * (it goes and comes back with the cluster's security group). Give it `vpcId`/`subnetIds` valid in
 * the data stack (literals, the `Network`'s, or `cluster.bind(dataScope(component))`).
 *
 * Logical ids: `<id>/instance`, `<id>/subnet-group`, `<id>/security-group`, `<id>/parameter-group`
 * (tests of the components pin them: renaming the instance's path replaces the database).
 */
import { Token } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { z } from 'zod';
import { dataScope } from '../layers/data-scope';
import { requireLayer } from '../layers/mlops-stack';
import { Preset, presetSchema } from '../presets';
import { ISecretsManagerSecret, rdsManagedMasterUserSecret } from '../secrets/secret-source';
import { Schemas } from '../schemas';
import { failProp, PropIssue, validateProps } from '../validation';
import { ENGINES } from '../versions';
import { AwsDbParameterGroup, AwsDbSubnetGroup } from '../resources/aws-databases';
import { AwsVpcSecurityGroupIngressRule } from '../resources/aws-network';
import { attributeString } from '../resources/reference-tokens';

/** Port of the instances. */
export const POSTGRES_PORT = 5432;

/** Size defaults of the instance by preset. */
export const POSTGRES_INSTANCE_PRESETS = {
  dev: { instanceClass: 'db.t4g.micro', allocatedStorage: 20, maxAllocatedStorage: 100, backupRetentionDays: 7, multiAz: false, performanceInsights: false },
  prod: { instanceClass: 'db.m7g.large', allocatedStorage: 50, maxAllocatedStorage: 500, backupRetentionDays: 14, multiAz: true, performanceInsights: true },
} as const;

/** Fewest days of automated backups the construct accepts. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/** Parameters of the instance's parameter group. */
export const POSTGRES_TLS_PARAMETERS: Readonly<Record<string, string>> = {
  /** Refuse connections without TLS. */
  'rds.force_ssl': '1',
};

/** What an application database needs of an instance (`PostgresInstance` implements it). */
export interface IPostgresInstance {
  /** Host name of the instance. */
  readonly address: string;
  /** Port. */
  readonly port: number;
  /** The RDS-managed master user secret (JSON `username`, `password`; rotated by RDS). */
  readonly masterUserSecret: ISecretsManagerSecret;
}

/** Settings of the instance a user may change. */
export interface PostgresInstanceOptions {
  /** `dev` or `prod`. @default 'prod' */
  readonly preset?: Preset;
  /** Instance class. @default 'db.m7g.large' (prod), 'db.t4g.micro' (dev) */
  readonly instanceClass?: string;
  /** Engine version. @default ENGINES.postgres */
  readonly engineVersion?: string;
  /** Initial storage in GiB (gp3). @default 50 (prod), 20 (dev) */
  readonly allocatedStorage?: number;
  /** Storage autoscaling ceiling in GiB. @default 500 (prod), 100 (dev) */
  readonly maxAllocatedStorage?: number;
  /** Days of automated backups (7–35). @default 14 (prod), 7 (dev) */
  readonly backupRetentionDays?: number;
  /** Multi-AZ standby. @default true (prod), false (dev) */
  readonly multiAz?: boolean;
}

/** Props of {@link PostgresInstance}. */
export interface PostgresInstanceProps extends PostgresInstanceOptions {
  /** RDS instance identifier (also names the subnet group, security group and parameter group). */
  readonly identifier: string;
  /** VPC of the cluster. */
  readonly vpcId: string;
  /** Private subnets (at least two AZs) of the DB subnet group. */
  readonly subnetIds: string[];
  /** Security group of the cluster's nodes: the only source admitted on 5432. */
  readonly clientSecurityGroupId: string;
  /** KMS key for storage, Performance Insights and the master user secret. */
  readonly kmsKeyArn: string;
  /** Database created with the instance (`db_name`). */
  readonly databaseName: string;
  /** Master user name (its password is managed by RDS in Secrets Manager). */
  readonly masterUsername: string;
  /**
   * What the instance is for, in the descriptions of its subnet group, security group and parameter
   * group (a changed security group description replaces the group: keep it stable).
   * @default 'PostgreSQL'
   */
  readonly purpose?: string;
}

/** The PostgreSQL major the library supports (its parameter group family is `postgres<major>`). */
export const POSTGRES_MAJOR = ENGINES.postgres.split('.')[0];

/** Largest gp3 volume of an RDS for PostgreSQL instance, in GiB. */
export const POSTGRES_MAX_STORAGE_GIB = 65536;

/** Schema of the settings a user may change (components check them before they create anything). */
export const postgresInstanceOptionsSchema = Schemas.props<PostgresInstanceOptions>()({
  preset: presetSchema.optional(),
  instanceClass: z.string().regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, { message: 'is not an RDS instance class; use e.g. "db.t4g.micro" or "db.m7g.large"' }).optional(),
  engineVersion: z
    .string()
    .regex(/^\d+(\.\d+)?$/, { message: 'is not a PostgreSQL engine version; use e.g. "17.6" or "17"', abort: true })
    .refine((v) => v.split('.')[0] === POSTGRES_MAJOR, {
      message: `is not a PostgreSQL major the library supports; use ${POSTGRES_MAJOR} or ${POSTGRES_MAJOR}.<minor> (ENGINES.postgres; major upgrades are not automated)`,
    })
    .optional(),
  allocatedStorage: z
    .number()
    .int()
    .min(20, { message: 'is under 20 GiB, the gp3 minimum; use at least 20' })
    .max(POSTGRES_MAX_STORAGE_GIB, { message: `is over ${POSTGRES_MAX_STORAGE_GIB} GiB, the RDS maximum` })
    .optional(),
  maxAllocatedStorage: z.number().int().max(POSTGRES_MAX_STORAGE_GIB, { message: `is over ${POSTGRES_MAX_STORAGE_GIB} GiB, the RDS maximum` }).optional(),
  backupRetentionDays: z
    .number()
    .int({ message: 'must be a whole number of days' })
    .min(MIN_BACKUP_RETENTION_DAYS, { message: `is under ${MIN_BACKUP_RETENTION_DAYS} days; keep at least ${MIN_BACKUP_RETENTION_DAYS} days of automated backups` })
    .max(35, { message: 'is over 35 days, the RDS maximum; use 7–35 (take manual snapshots for longer)' })
    .optional(),
  multiAz: z.boolean().optional(),
});

/**
 * The storage options that contradict each other once the preset's defaults are applied, or
 * undefined (`maxAllocatedStorage` must be above `allocatedStorage` for storage autoscaling).
 */
export function postgresStorageProblem(options: PostgresInstanceOptions, preset: Preset | undefined): PropIssue | undefined {
  const sizes = POSTGRES_INSTANCE_PRESETS[preset ?? 'prod'];
  const allocated = options.allocatedStorage ?? sizes.allocatedStorage;
  const max = options.maxAllocatedStorage ?? sizes.maxAllocatedStorage;
  if (Token.isUnresolved(allocated) || Token.isUnresolved(max) || max > allocated) return undefined;
  const prop = options.maxAllocatedStorage !== undefined ? 'maxAllocatedStorage' : 'allocatedStorage';
  return {
    prop,
    value: prop === 'maxAllocatedStorage' ? max : allocated,
    message:
      prop === 'maxAllocatedStorage'
        ? `is not above allocatedStorage (${allocated} GiB); storage autoscaling needs a higher ceiling, raise maxAllocatedStorage or lower allocatedStorage`
        : `is not below the storage autoscaling ceiling (maxAllocatedStorage ${max} GiB of the preset); lower it or set maxAllocatedStorage above it`,
  };
}

/** A PostgreSQL identifier the library creates (database, role): lowercase, no quoting needed. */
export const postgresIdentifierSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'is not a plain PostgreSQL identifier; use lowercase letters, digits and "_", starting with a letter or "_", at most 63 characters' });

const schema = postgresInstanceOptionsSchema.extend({
  identifier: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, { message: 'is not an RDS identifier; use lowercase letters, digits and "-", starting with a letter (see rdsIdentifier)' }),
  vpcId: z.string().min(1, { message: 'is empty; pass the VPC of the cluster' }),
  subnetIds: z.array(z.string()).min(2, { message: 'has fewer than 2 subnets; a DB subnet group needs subnets in at least 2 availability zones' }),
  clientSecurityGroupId: z.string().min(1, { message: 'is empty; pass the security group of the cluster nodes' }),
  kmsKeyArn: Schemas.kmsKeyArn(),
  databaseName: postgresIdentifierSchema,
  masterUsername: postgresIdentifierSchema,
  purpose: z.string().min(1).max(200).optional(),
});

/** Private, encrypted, TLS-only, backed-up RDS for PostgreSQL. */
export class PostgresInstance extends Construct implements IPostgresInstance {
  /** The `aws_db_instance`. */
  public readonly instance: DbInstance;
  /** Its security group. */
  public readonly securityGroup: SecurityGroup;
  /** Host name of the instance. */
  public readonly address: string;
  /** Port (5432). */
  public readonly port: number = POSTGRES_PORT;
  /** Database created with the instance. */
  public readonly databaseName: string;
  /** ARN of the RDS-managed master user secret (JSON `username`, `password`). */
  public readonly masterUserSecretArn: string;
  /** The RDS-managed master user secret as the secrets constructs see it. */
  public readonly masterUserSecret: ISecretsManagerSecret;

  constructor(scope: Construct, id: string, props: PostgresInstanceProps) {
    super(scope, id);
    validateProps(this, schema, props);
    const storage = postgresStorageProblem(props, props.preset);
    if (storage) failProp(this, storage.prop, storage.value, storage.message);
    requireLayer(this, ['data', 'cloud'], 'PostgresInstance');
    // Stateful: in the data stack when the cloud stack has one (dataScope); the ingress rule from the
    // cluster's nodes stays here, in the cloud stack, so the data layer never references the cluster.
    const data = dataScope(this);
    const sizes = POSTGRES_INSTANCE_PRESETS[props.preset ?? 'prod'];
    const engineVersion = props.engineVersion ?? ENGINES.postgres;
    const family = `postgres${engineVersion.split('.')[0]}`;
    const purpose = props.purpose ?? 'PostgreSQL';
    this.databaseName = props.databaseName;

    const subnetGroup = new AwsDbSubnetGroup(data, 'subnet-group', {
      name: props.identifier,
      description: `Private subnets of ${purpose} ${props.identifier}`,
      subnetIds: props.subnetIds,
    });
    this.securityGroup = new SecurityGroup(data, 'security-group', {
      name: `${props.identifier}-db`,
      description: `${purpose} ${props.identifier}: PostgreSQL from the cluster nodes only`,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
    });
    new AwsVpcSecurityGroupIngressRule(this, 'ingress-from-nodes', {
      securityGroupId: this.securityGroup.id,
      description: 'PostgreSQL from the EKS node security group',
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      referencedSecurityGroupId: props.clientSecurityGroupId,
    });
    const parameterGroup = new AwsDbParameterGroup(data, 'parameter-group', {
      name: `${props.identifier}-${family}`,
      family,
      description: `${purpose} ${props.identifier}: TLS only`,
      parameter: Object.entries(POSTGRES_TLS_PARAMETERS).map(([name, value]) => ({ name, value, applyMethod: 'pending-reboot' })),
      lifecycle: { createBeforeDestroy: true },
    });
    const performanceInsights: boolean = sizes.performanceInsights;
    this.instance = new DbInstance(data, 'instance', {
      identifier: props.identifier,
      engine: 'postgres',
      engineVersion,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      instanceClass: props.instanceClass ?? sizes.instanceClass,
      storageType: 'gp3',
      allocatedStorage: props.allocatedStorage ?? sizes.allocatedStorage,
      maxAllocatedStorage: props.maxAllocatedStorage ?? sizes.maxAllocatedStorage,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbName: props.databaseName,
      username: props.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      port: POSTGRES_PORT,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: parameterGroup.name,
      publiclyAccessible: false,
      multiAz: props.multiAz ?? sizes.multiAz,
      iamDatabaseAuthenticationEnabled: false,
      backupRetentionPeriod: props.backupRetentionDays ?? sizes.backupRetentionDays,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.identifier}-final`,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      performanceInsightsEnabled: performanceInsights,
      ...(performanceInsights ? { performanceInsightsKmsKeyId: props.kmsKeyArn, performanceInsightsRetentionPeriod: 7 } : {}),
      applyImmediately: false,
      lifecycle: { preventDestroy: true },
    });
    // Read across stacks (the apps' config and secrets): references without a stack trace.
    this.address = attributeString(this.instance, 'address');
    this.masterUserSecretArn = attributeString(this.instance, 'master_user_secret[0].secret_arn');
    this.masterUserSecret = rdsManagedMasterUserSecret(this.masterUserSecretArn, props.kmsKeyArn);
  }
}
