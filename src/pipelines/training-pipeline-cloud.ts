/**
 * `TrainingPipelineCloud` (cloud layer): the AWS half of one training pipeline —
 * - the **steps' role**: Pod Identity for the service account `<name>-steps` that the user steps
 *   (validate, train, evaluate, register) and their Argo executor run under: read and write the
 *   pipeline's own artifacts (`<artifactPrefix>/<name>/`), plus exactly the data grants given
 *   (e.g. read the training data, write model versions where the InferenceService reads them);
 * - the **new-data trigger** (`newData`): an {@link S3ObjectCreatedQueue} and the role of the SQS
 *   EventSource's service account `<name>-new-data` in `argo-events`.
 *
 * Pass it to `TrainingPipeline` (workloads).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { PolicyDocument, policyDocument } from '../core/iam';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { joinName } from '../core/naming';
import { PodIdentityRole } from '../core/pod-identity-role';
import { s3AccessStatements, S3PrefixAccessLevel } from '../core/s3-access';
import { failProp, Schemas, validateProps } from '../core/validation';
import { ArgoWorkflowsStorage } from './argo-workflows-storage';
import { PIPELINE_DEFAULTS } from './constants';
import { IEventBridgeBucket, S3ObjectCreatedQueue } from './s3-object-created-queue';

/** Service accounts of a pipeline (the library creates them in the workloads layer). */
export function pipelineServiceAccounts(name: string) {
  return {
    /** User steps (Pod Identity: data and artifacts). */
    steps: `${name}-steps`,
    /** The library's gate and analysis steps and the exit handler's controller-facing parts (no AWS, no extra RBAC). */
    runner: `${name}-runner`,
    /** Canary, promote, rollback: may patch only the InferenceServices and route of the rollout. */
    rollout: `${name}-rollout`,
    /** The Sensor (events namespace): may create Workflows in the pipeline namespace. */
    sensor: `${name}-sensor`,
    /** The SQS EventSource (events namespace; Pod Identity: the trigger queue). */
    newData: `${name}-new-data`,
  } as const;
}

/** A grant on S3 prefixes to the pipeline's steps. */
export interface PipelineDataGrant {
  /** ARN of the bucket. */
  readonly bucketArn: string;
  /** Key prefixes (no leading or trailing slash). */
  readonly prefixes: readonly string[];
  readonly access: S3PrefixAccessLevel;
  /** Customer managed KMS key of the bucket. @default - none */
  readonly kmsKeyArn?: string;
}

/** Props of {@link TrainingPipelineCloud}. */
export interface TrainingPipelineCloudProps {
  /** Pipeline name (a Kubernetes name, ≤ 40 characters; it prefixes object names). */
  readonly name: string;
  /** EKS cluster name (Pod Identity associations). */
  readonly clusterName: string;
  /** Argo Workflows' artifact bucket (the pipeline's artifacts go under `<artifactPrefix>/<name>/`). */
  readonly storage: ArgoWorkflowsStorage;
  /** Namespace the pipeline runs in (one of `ArgoWorkflows`' pipeline namespaces). @default 'ml-pipelines' */
  readonly namespace?: string;
  /** S3 grants of the steps (data to read, model versions to write). @default - none */
  readonly data?: readonly PipelineDataGrant[];
  /**
   * Start runs on new objects under a prefix (with `TrainingPipeline({ triggers: { newData: true } })`).
   * @default - no new-data trigger
   */
  readonly newData?: { readonly bucket: IEventBridgeBucket; readonly prefix: string; readonly markerSuffix?: string };
  /** Extra permissions of the steps. @default - none */
  readonly policy?: PolicyDocument;
}

const schema = Schemas.object({
  storage: Schemas.construct('an ArgoWorkflowsStorage', { artifactPrefix: z.string() }),
  newData: Schemas.object({ bucket: Schemas.construct('a bucket (a SecureBucket)', { bucketName: z.string() }), prefix: z.string(), markerSuffix: z.string().optional() }).optional(),
  policy: Schemas.policyDocument().optional(),
  name: Schemas.k8sName().max(40, { message: 'is longer than 40 characters; use a shorter pipeline name (it prefixes object names)' }),
  clusterName: z.string().min(1, { message: 'is empty; pass the EKS cluster name' }),
  namespace: Schemas.k8sName().optional(),
  data: z
    .array(
      Schemas.object({
        bucketArn: z.string().min(1),
        prefixes: z.array(z.string().regex(/^[^/*?\s]([^*?\s]*[^/*?\s])?$/, { message: 'is not a plain key prefix; no leading or trailing "/" and no wildcards' })).min(1),
        access: z.enum(['read', 'read-write'], { message: 'must be "read" or "read-write"' }),
        kmsKeyArn: Schemas.kmsKeyArn().optional(),
      }),
    )
    .optional(),
});

/** IAM roles and the new-data queue of one training pipeline. */
export class TrainingPipelineCloud extends Construct {
  /** Pipeline name. */
  public readonly name: string;
  /** Namespace it runs in. */
  public readonly namespace: string;
  /** The steps' role. */
  public readonly stepsRole: PodIdentityRole;
  /** The new-data trigger, when configured. */
  public readonly newData?: S3ObjectCreatedQueue;
  /** Region of the queue and buckets. */
  public readonly region: string;
  public readonly storage: ArgoWorkflowsStorage;

  constructor(scope: Construct, id: string, props: TrainingPipelineCloudProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'TrainingPipelineCloud');
    const stack = TerraformStack.of(this);
    this.region = stack instanceof MlopsStack ? stack.region : '';
    if (!this.region && (props.data ?? []).some((d) => d.kmsKeyArn) ) {
      failProp(this, 'data', props.data, 'uses a KMS key outside a library stack, where the region is unknown; create the construct in a CloudStack');
    }
    this.name = props.name;
    this.namespace = props.namespace ?? PIPELINE_DEFAULTS.pipelineNamespace;
    this.storage = props.storage;
    const accounts = pipelineServiceAccounts(props.name);
    const artifacts = props.storage.artifactBucket;
    const statements = [
      ...s3AccessStatements({ bucketArn: artifacts.bucketArn, kmsKeyArn: artifacts.kmsKeyArn, region: this.region, bucketKey: true }, 'read-write', { sid: 'Artifacts', prefixes: [`${props.storage.artifactPrefix}/${props.name}`] }),
      ...(props.data ?? []).flatMap((d, i) => s3AccessStatements({ bucketArn: d.bucketArn, kmsKeyArn: d.kmsKeyArn, region: this.region, bucketKey: true }, d.access, { sid: `Data${i}`, prefixes: d.prefixes })),
      ...(props.policy?.Statement ?? []),
    ];
    this.stepsRole = new PodIdentityRole(this, 'steps-role', {
      clusterName: props.clusterName,
      namespace: this.namespace,
      serviceAccount: accounts.steps,
      policy: policyDocument(...statements),
    });
    if (props.newData) {
      this.newData = new S3ObjectCreatedQueue(this, 'new-data', {
        name: joinName(props.clusterName, props.name, 'new-data'),
        bucket: props.newData.bucket,
        prefix: props.newData.prefix,
        markerSuffix: props.newData.markerSuffix,
        reader: { clusterName: props.clusterName, namespace: PIPELINE_DEFAULTS.eventsNamespace, serviceAccount: accounts.newData },
      });
    }
  }
}
