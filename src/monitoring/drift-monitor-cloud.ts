/**
 * `DriftMonitorCloud` (cloud layer): the AWS side of a drift monitor —
 * - the Evidently API token as a `GeneratedSecret` (generated at apply, never in JSON or state);
 * - per model, the Pod Identity role of its drift job: read-only S3 access to exactly the reference
 *   and current data prefixes (`s3:ListBucket` with an `s3:prefix` condition, `s3:GetObject` on
 *   `<prefix>*`), and `kms:Decrypt` through S3 only for the listed data keys;
 * - per model with `retraining.policy`, the Pod Identity role of its retraining Job.
 *
 * Its `spec` is what the platform and workloads halves build from.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { PolicyDocument, policyDocument, PolicyStatement } from '../core/iam';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { PodIdentityRole } from '../core/pod-identity-role';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { GeneratedSecret } from '../core/secrets/generated-secret';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { DRIFT_DEFAULTS } from './constants';
import { MonitoredModelSpec, monitoredModelSchema, parseS3PrefixUri, DataLocation } from './drift-spec';
import { kmsViaS3Statement, s3ListStatement } from '../core/s3-access';

/** Props of {@link DriftMonitorCloud}. */
export interface DriftMonitorCloudProps {
  /** EKS cluster name (for the Pod Identity associations). */
  readonly clusterName: string;
  /** The monitored models (at least one). */
  readonly models: readonly MonitoredModelSpec[];
  /**
   * Namespace of Evidently, the Pushgateway, the drift jobs and the retraining Jobs.
   * @default 'mlops-drift'
   */
  readonly namespace?: string;
  /**
   * Prefix of the Secrets Manager secret name (`<prefix>/<namespace>/evidently`).
   * @default - `<project>/<environment>` of the enclosing CloudStack, else 'mlops'
   */
  readonly secretsPrefix?: string;
  /** `dev`: deletable state; `prod`: volumes and the secret protected from destroy. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Region of the data buckets (the `kms:ViaService` condition names `s3.<region>.amazonaws.com`).
   * @default - the region of the enclosing CloudStack
   */
  readonly region?: string;
  /**
   * Customer managed KMS key of the secret (Terraform, which copies it into the cluster, decrypts it).
   * @default - the AWS managed key aws/secretsmanager
   */
  readonly kmsKeyArn?: string;
}

const schema = Schemas.props<DriftMonitorCloudProps>()({
  clusterName: Schemas.eksClusterName(),
  models: z.array(monitoredModelSchema).min(1, { message: 'is empty; monitor at least one model' }),
  namespace: Schemas.k8sName().optional(),
  secretsPrefix: Schemas.secretsPrefix().optional(),
  preset: presetSchema.optional(),
  region: Schemas.region().optional(),
  kmsKeyArn: Schemas.kmsKeyArn().optional(),
});

/** S3 read actions of a drift job. */
export const DRIFT_DATA_READ_ACTIONS = { list: 's3:ListBucket', get: 's3:GetObject' } as const;

/** Service account names of a model's drift job and retraining Job. */
export function driftServiceAccounts(model: string): { drift: string; retrain: string } {
  return { drift: `${model}-drift`, retrain: `${model}-retrain` };
}

/** The AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Read-only access to exactly `locations` (one ListBucket statement per bucket with its prefixes,
 * one GetObject statement on the prefixes' objects), plus decryption through S3 for `kmsKeyArns`.
 */
export function driftDataReadPolicy(locations: readonly DataLocation[], region: string, kmsKeyArns: readonly string[] = []): PolicyDocument {
  const partition = partitionOf(region);
  const bucketArn = (b: string) => `arn:${partition}:s3:::${b}`;
  const byBucket = new Map<string, string[]>();
  for (const l of locations) {
    const prefixes = byBucket.get(l.bucket) ?? [];
    if (!prefixes.includes(l.prefix)) prefixes.push(l.prefix);
    byBucket.set(l.bucket, prefixes);
  }
  const buckets = [...byBucket.keys()].sort();
  const statements: PolicyStatement[] = buckets.map((b, i) => s3ListStatement(`ListDataPrefixes${i}`, bucketArn(b), byBucket.get(b)!.sort().map((p) => `${p}*`), [DRIFT_DATA_READ_ACTIONS.list]));
  statements.push({
    Sid: 'ReadDataObjects',
    Effect: 'Allow',
    Action: DRIFT_DATA_READ_ACTIONS.get,
    Resource: buckets.flatMap((b) => byBucket.get(b)!.map((p) => `${bucketArn(b)}/${p}*`)),
  });
  if (kmsKeyArns.length > 0) statements.push(kmsViaS3Statement('DecryptDataViaS3', [...kmsKeyArns].sort(), region, 'read'));
  return policyDocument(...statements);
}

/** Secrets, data-read roles and retraining roles of a drift monitor. */
export class DriftMonitorCloud extends Construct {
  /** The models, validated. */
  public readonly models: readonly MonitoredModelSpec[];
  /** Namespace of the drift monitor's Kubernetes objects. */
  public readonly namespace: string;
  /** EKS cluster name. */
  public readonly clusterName: string;
  /** The preset. */
  public readonly preset: Preset;
  /** The Evidently API token (plain string). */
  public readonly evidentlySecret: GeneratedSecret;
  /** Drift-job role per model name. */
  public readonly driftRoles: Readonly<Record<string, PodIdentityRole>>;
  /** Retraining-job role per model name (models with `retraining.policy`). */
  public readonly retrainRoles: Readonly<Record<string, PodIdentityRole>>;

  constructor(scope: Construct, id: string, props: DriftMonitorCloudProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'DriftMonitorCloud');
    const names = props.models.map((m) => m.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) failProp(this, 'models', dup, 'names a model twice; give each monitored model a unique name');
    props.models.forEach((m, i) => {
      if (m.retraining?.policy && m.retraining.policy.Statement.length === 0) {
        failProp(this, `models[${i}].retraining.policy`, m.retraining.policy, 'has no statements; grant at least one permission or omit the policy');
      }
    });
    const stack = TerraformStack.of(this);
    const mlops = stack instanceof MlopsStack ? stack : undefined;
    const region = props.region ?? mlops?.region;
    if (region === undefined) failProp(this, 'region', region, 'is required outside a CloudStack; pass the region of the data buckets');
    this.models = props.models;
    this.clusterName = props.clusterName;
    this.preset = props.preset ?? 'prod';
    this.namespace = props.namespace ?? DRIFT_DEFAULTS.namespace;
    const prefix = props.secretsPrefix ?? (mlops ? `${mlops.project}/${mlops.environment}` : 'mlops');

    this.evidentlySecret = new GeneratedSecret(this, 'evidently-secret', {
      secretName: `${prefix}/${this.namespace}/${DRIFT_DEFAULTS.evidentlyName}`,
      description: `API token of the Evidently service in ${this.namespace}`,
      preset: this.preset,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: byPreset(this.preset, { dev: false, prod: true }),
    });

    const driftRoles: Record<string, PodIdentityRole> = {};
    const retrainRoles: Record<string, PodIdentityRole> = {};
    for (const m of props.models) {
      const sa = driftServiceAccounts(m.name);
      driftRoles[m.name] = new PodIdentityRole(this, `${m.name}-drift-role`, {
        clusterName: props.clusterName,
        namespace: this.namespace,
        serviceAccount: sa.drift,
        policy: driftDataReadPolicy([parseS3PrefixUri(m.referenceDataUri), parseS3PrefixUri(m.currentDataUri)], region, m.dataKmsKeyArns),
      });
      if (m.retraining?.policy) {
        retrainRoles[m.name] = new PodIdentityRole(this, `${m.name}-retrain-role`, {
          clusterName: props.clusterName,
          namespace: this.namespace,
          serviceAccount: sa.retrain,
          policy: m.retraining.policy,
        });
      }
    }
    this.driftRoles = driftRoles;
    this.retrainRoles = retrainRoles;
  }
}
