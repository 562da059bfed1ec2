/**
 * `MlflowDatabase` (data layer): the RDS for PostgreSQL instance behind MLflow's tracking store,
 * model registry and basic-auth users.
 *
 * - private: DB subnet group of the cluster's private subnets, `publicly_accessible = false`, a
 *   security group that admits 5432 only from the cluster's node security group;
 * - TLS only: a parameter group with `rds.force_ssl = 1` (plain-text connections are refused);
 * - encrypted with the given KMS key (storage, Performance Insights, the master user secret);
 * - the master password is generated and kept by RDS in Secrets Manager
 *   (`manage_master_user_password`): it is never in the synthesized JSON, the plan or the state;
 * - protected: deletion protection, a final snapshot, `prevent_destroy`, ≥ 7 days of backups;
 * - layers: in a `CloudStack` with a data stack, the instance, its subnet group, security group and
 *   parameter group go to the data stack (`dataScope`); the one rule that admits the cluster's nodes
 *   stays with the construct in the cloud stack, so the database does not depend on the cluster and
 *   outlives it (the rule goes and comes back with the cluster's security group);
 * - `prod`: Multi-AZ, `db.m7g.large`, Performance Insights; `dev`: single-AZ `db.t4g.micro`.
 *
 * Engine version: `ENGINES.postgres` with automatic minor upgrades. When RDS applies a newer minor
 * in a maintenance window, bump `ENGINES.postgres` (or pass `engineVersion`) to it; a plan would
 * otherwise show a downgrade that RDS refuses. Pass the major alone (e.g. `'17'`) to let RDS own the minor.
 */
import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { z } from 'zod';
import { dataScope } from '../core/layers/data-scope';
import { requireLayer } from '../core/layers/mlops-stack';
import { Preset, presetSchema } from '../core/presets';
import { validateProps } from '../core/validation';
import { ENGINES } from '../core/versions';
import { MLFLOW_DEFAULTS, MLFLOW_PORTS } from './constants';

/** Size defaults of the instance by preset. */
export const MLFLOW_DATABASE_PRESETS = {
  dev: { instanceClass: 'db.t4g.micro', allocatedStorage: 20, maxAllocatedStorage: 100, backupRetentionDays: 7, multiAz: false, performanceInsights: false },
  prod: { instanceClass: 'db.m7g.large', allocatedStorage: 50, maxAllocatedStorage: 500, backupRetentionDays: 14, multiAz: true, performanceInsights: true },
} as const;

/** Fewest days of automated backups the construct accepts. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/** Parameters of the instance's parameter group. */
export const MLFLOW_DB_PARAMETERS: Readonly<Record<string, string>> = {
  /** Refuse connections without TLS. */
  'rds.force_ssl': '1',
};

/** Props of {@link MlflowDatabase}. */
export interface MlflowDatabaseProps {
  /** RDS instance identifier (also names the subnet group, security group and parameter group). */
  readonly identifier: string;
  /** VPC of the cluster (a value of the data stack, or a literal, when the construct is in a cloud stack with one). */
  readonly vpcId: string;
  /** Private subnets (at least two AZs) of the DB subnet group (like `vpcId`). */
  readonly subnetIds: string[];
  /** Security group of the cluster's nodes: the only source admitted on 5432 (the rule stays in the construct's own stack). */
  readonly clientSecurityGroupId: string;
  /** KMS key for storage, Performance Insights and the master user secret. */
  readonly kmsKeyArn: string;
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

/** Schema of the settings a user may change (also checked by `MlflowCloud` before it creates anything). */
export const mlflowDatabaseOptionsSchema = z.object({
  preset: presetSchema.optional(),
  instanceClass: z.string().regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, { message: 'is not an RDS instance class; use e.g. "db.t4g.micro" or "db.m7g.large"' }).optional(),
  engineVersion: z.string().regex(/^\d+(\.\d+)?$/, { message: 'is not a PostgreSQL engine version; use e.g. "17.6" or "17"' }).optional(),
  allocatedStorage: z.number().int().min(20, { message: 'is under 20 GiB, the gp3 minimum; use at least 20' }).optional(),
  maxAllocatedStorage: z.number().int().optional(),
  backupRetentionDays: z
    .number()
    .int({ message: 'must be a whole number of days' })
    .min(MIN_BACKUP_RETENTION_DAYS, { message: `is under ${MIN_BACKUP_RETENTION_DAYS} days; keep at least ${MIN_BACKUP_RETENTION_DAYS} days of automated backups` })
    .max(35, { message: 'is over 35 days, the RDS maximum; use 7–35 (take manual snapshots for longer)' })
    .optional(),
  multiAz: z.boolean().optional(),
});

const schema = mlflowDatabaseOptionsSchema.extend({
  identifier: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, { message: 'is not an RDS identifier; use lowercase letters, digits and "-", starting with a letter (see rdsIdentifier)' }),
  kmsKeyArn: z.string().regex(/^arn:aws[a-z-]*:kms:/, { message: 'is not a KMS key ARN; pass the key\'s ARN (arn:aws:kms:…:key/…)' }),
});

/** Private, encrypted, TLS-only, backed-up RDS for PostgreSQL for MLflow. */
export class MlflowDatabase extends Construct {
  /** The `aws_db_instance`. */
  public readonly instance: DbInstance;
  /** Its security group. */
  public readonly securityGroup: SecurityGroup;
  /** Host name of the instance. */
  public readonly address: string;
  /** Port (5432). */
  public readonly port: number = MLFLOW_PORTS.postgres;
  /** Database name. */
  public readonly databaseName: string = MLFLOW_DEFAULTS.databaseName;
  /** ARN of the RDS-managed master user secret (JSON `username`, `password`). */
  public readonly masterUserSecretArn: string;

  constructor(scope: Construct, id: string, props: MlflowDatabaseProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'MlflowDatabase');
    const data = dataScope(this);
    const sizes = MLFLOW_DATABASE_PRESETS[props.preset ?? 'prod'];
    const engineVersion = props.engineVersion ?? ENGINES.postgres;
    const family = `postgres${engineVersion.split('.')[0]}`;

    const subnetGroup = new DbSubnetGroup(data, 'subnet-group', {
      name: props.identifier,
      description: `Private subnets of MLflow database ${props.identifier}`,
      subnetIds: props.subnetIds,
    });
    this.securityGroup = new SecurityGroup(data, 'security-group', {
      name: `${props.identifier}-db`,
      description: `MLflow database ${props.identifier}: PostgreSQL from the cluster nodes only`,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
    });
    new VpcSecurityGroupIngressRule(this, 'ingress-from-nodes', {
      securityGroupId: this.securityGroup.id,
      description: 'PostgreSQL from the EKS node security group',
      ipProtocol: 'tcp',
      fromPort: MLFLOW_PORTS.postgres,
      toPort: MLFLOW_PORTS.postgres,
      referencedSecurityGroupId: props.clientSecurityGroupId,
    });
    const parameterGroup = new DbParameterGroup(data, 'parameter-group', {
      name: `${props.identifier}-${family}`,
      family,
      description: `MLflow database ${props.identifier}: TLS only`,
      parameter: Object.entries(MLFLOW_DB_PARAMETERS).map(([name, value]) => ({ name, value, applyMethod: 'pending-reboot' })),
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
      dbName: MLFLOW_DEFAULTS.databaseName,
      username: MLFLOW_DEFAULTS.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      port: MLFLOW_PORTS.postgres,
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
    this.address = this.instance.address;
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;
  }
}
