/**
 * `InferenceServiceIdentity` (cloud layer): the AWS identity of one InferenceService's pods — an IAM
 * role assumed through EKS Pod Identity by the service's own Kubernetes service account, allowed to
 * read exactly its model prefixes (and decrypt them with the bucket's KMS key when there is one).
 *
 * KServe's storage initializer (an init container of the predictor pod) runs with the pod's service
 * account, so the AWS SDK's default credential chain finds the Pod Identity credentials: no access
 * keys exist anywhere. The Kubernetes service account itself is created by `InferenceService` in
 * the workloads layer with the same name (`serviceAccountName`).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { PolicyStatement, policyDocument } from '../core/iam';
import { ArtifactLocation, artifactReadStatements } from '../mlflow/artifact-policy';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { k8sName } from '../core/naming';
import { PodIdentityRole } from '../core/pod-identity-role';
import { kmsViaS3Statement } from '../core/s3-access';
import { Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import type { IInferenceServiceIdentity } from './inference-service';
import { modelReadStatements, S3Location, s3Uri } from './storage-uri';

/** What the identity needs of an MLflow tracking server's artifact store (`MlflowCloud` has these). */
export interface IMlflowArtifacts {
  readonly bucketName: string;
  readonly artifactPrefix: string;
  readonly artifactLocation: ArtifactLocation;
}

/** `s3://<artifact bucket>/<artifactPrefix>/<modelPrefix>`: the storageUri of a model registered in MLflow. */
export function mlflowModelUri(mlflow: IMlflowArtifacts, modelPrefix: string): string {
  return s3Uri(mlflow.bucketName, `${mlflow.artifactPrefix}/${modelPrefix}`);
}

/** Props of {@link InferenceServiceIdentity}. */
export interface InferenceServiceIdentityProps {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** Namespace of the InferenceService. */
  readonly namespace: string;
  /** Name of the InferenceService (the service account is `<name>-sa` unless given). */
  readonly serviceName: string;
  /**
   * Service account name.
   * @default `${serviceName}-sa`
   */
  readonly serviceAccountName?: string;
  /**
   * S3 model prefixes the service reads (the bucket may be a Terraform reference, the prefix must
   * be literal). Include the canary's prefix when it reads another one.
   */
  readonly models?: readonly S3Location[];
  /**
   * Models registered in MLflow, read straight from its artifact bucket: read-only on
   * `<artifactPrefix>/<modelPrefix>` and decrypt with the bucket's KMS key (MLflow's own
   * `artifactReadStatements`). Use {@link mlflowModelUri} for the matching `storageUri`.
   * @default - none
   */
  readonly mlflowModels?: ReadonlyArray<{ readonly mlflow: IMlflowArtifacts; readonly modelPrefix: string }>;
  /**
   * KMS keys that encrypt the model objects (SSE-KMS); `kms:Decrypt` is granted only through S3 in
   * `region` (`kms:ViaService`).
   * @default - none (SSE-S3)
   */
  readonly kmsKeyArns?: readonly string[];
  /**
   * Region of the model buckets (the `kms:ViaService` condition of `kmsKeyArns`).
   * @default - the region of the stack (a library cloud stack); required with `kmsKeyArns` in other stacks
   */
  readonly region?: string;
  /**
   * Extra read statements (e.g. an MLflow handle's read-only model statement).
   * @default - none
   */
  readonly extraStatements?: readonly PolicyStatement[];
}

const schema = Schemas.props<InferenceServiceIdentityProps>()({
  clusterName: Schemas.eksClusterName(),
  namespace: Schemas.k8sName(),
  serviceName: Schemas.k8sName(),
  serviceAccountName: Schemas.dnsSubdomain().optional(),
  models: z
    .array(
      Schemas.object({
        bucket: Schemas.bucketName(),
        prefix: z
          .string()
          .min(1, { message: 'is empty; grant a model prefix, never a whole bucket' })
          .refine((p) => !/[*?]/.test(p), { message: 'contains a wildcard; give the exact model prefix' }),
      }),
    )
    .optional(),
  mlflowModels: z
    .array(
      Schemas.object({
        mlflow: Schemas.construct('an MLflow handle (MlflowCloud)', { bucketName: z.string(), artifactPrefix: z.string() }),
        modelPrefix: z.string().regex(/^[^/*?]+(\/[^/*?]+)*$/, { message: 'is not an exact key prefix; give e.g. "1/models/m-abc123/artifacts" without leading/trailing "/" or wildcards' }),
      }),
    )
    .optional(),
  kmsKeyArns: z.array(Schemas.kmsKeyArn()).optional(),
  region: Schemas.region().optional(),
  extraStatements: z.array(Schemas.policyStatement()).optional(),
});

/** The Pod Identity role of one InferenceService. */
export class InferenceServiceIdentity extends Construct implements IInferenceServiceIdentity {
  /** The role and its association. */
  public readonly podIdentity: PodIdentityRole;
  /** ARN of the role. */
  public readonly roleArn: string;
  /** Namespace of the service account. */
  public readonly namespace: string;
  /** Name of the service account the InferenceService must use. */
  public readonly serviceAccountName: string;
  /** The statements of the role's inline policy. */
  public readonly statements: readonly PolicyStatement[];
  /** The S3 model prefixes the role may read. */
  public readonly models: readonly S3Location[];

  constructor(scope: Construct, id: string, props: InferenceServiceIdentityProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'InferenceServiceIdentity');
    for (const [i, m] of (props.models ?? []).entries()) {
      if (m.prefix.startsWith('/') || m.prefix.endsWith('/')) {
        failProp(this, `models[${i}].prefix`, m.prefix, 'starts or ends with "/"; give the prefix without surrounding slashes, e.g. "models/churn/v3"');
      }
    }
    this.namespace = props.namespace;
    const direct = props.models ?? [];
    const mlflow = props.mlflowModels ?? [];
    if (direct.length + mlflow.length === 0) {
      failProp(this, 'models', props.models, 'is empty; name the S3 prefix of the model (s3://<bucket>/<prefix>) the service reads, or a model in mlflowModels');
    }
    this.models = [
      ...direct.map((m) => ({ bucket: m.bucket, prefix: m.prefix })),
      ...mlflow.map((m) => ({ bucket: m.mlflow.bucketName, prefix: `${m.mlflow.artifactPrefix}/${m.modelPrefix}` })),
    ];
    this.serviceAccountName = props.serviceAccountName ?? defaultServiceAccountName(props.serviceName);
    const statements: PolicyStatement[] = [];
    (props.models ?? []).forEach((m, i) => {
      for (const s of modelReadStatements(m)) statements.push({ ...s, Sid: `${s.Sid}${i}` });
    });
    mlflow.forEach((m, i) => {
      for (const s of artifactReadStatements(m.mlflow.artifactLocation, m.modelPrefix)) statements.push({ ...s, Sid: `${s.Sid}${i}` });
    });
    if (props.kmsKeyArns && props.kmsKeyArns.length > 0) {
      const stack = TerraformStack.of(this);
      const region = props.region ?? (stack instanceof MlopsStack ? stack.region : undefined);
      if (!region) failProp(this, 'region', props.region, 'is required with kmsKeyArns outside a library cloud stack; give the region of the model buckets');
      statements.push(kmsViaS3Statement('DecryptModelObjects', props.kmsKeyArns, region, 'read'));
    }
    statements.push(...(props.extraStatements ?? []));
    this.statements = statements;
    this.podIdentity = new PodIdentityRole(this, 'role', {
      clusterName: props.clusterName,
      namespace: props.namespace,
      serviceAccount: this.serviceAccountName,
      policy: policyDocument(...statements),
    });
    this.roleArn = this.podIdentity.roleArn;
  }
}

/** `<service>-sa`, a valid Kubernetes name. */
export function defaultServiceAccountName(serviceName: string): string {
  return k8sName(serviceName, 'sa');
}
