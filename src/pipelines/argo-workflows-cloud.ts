/**
 * `ArgoWorkflowsCloud` (cloud layer): the AWS identity of the Argo Server — a Pod Identity role
 * for its service account that may read (not write) the workflow artifacts, so the UI can show
 * reports and logs stored there. No static keys exist anywhere: the workflow pods write artifacts
 * with their own Pod Identity roles (`TrainingPipelineCloud`), the controller needs no S3 access.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { policyDocument } from '../core/iam';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { PodIdentityRole } from '../core/pod-identity-role';
import { s3AccessStatements } from '../core/s3-access';
import { Schemas, validateProps } from '../core/validation';
import { ArgoWorkflowsStorage } from './argo-workflows-storage';
import { PIPELINE_DEFAULTS } from './constants';

/** Service accounts the `ArgoWorkflows` chart values name. */
export const ARGO_SERVICE_ACCOUNTS = {
  controller: `${PIPELINE_DEFAULTS.workflowsRelease}-workflow-controller`,
  server: `${PIPELINE_DEFAULTS.workflowsRelease}-server`,
} as const;

/** Props of {@link ArgoWorkflowsCloud}. */
export interface ArgoWorkflowsCloudProps {
  /** Name of the EKS cluster (Pod Identity association). */
  readonly clusterName: string;
  /** Artifact bucket and archive credentials. */
  readonly storage: ArgoWorkflowsStorage;
}

const schema = Schemas.object({
  clusterName: z.string().min(1, { message: 'is empty; pass the EKS cluster name' }),
  storage: Schemas.construct('an ArgoWorkflowsStorage', { artifactBucket: Schemas.construct('a SecureBucket') }),
});

/** The Argo Server's read-only access to the artifacts. */
export class ArgoWorkflowsCloud extends Construct {
  public readonly storage: ArgoWorkflowsStorage;
  /** The server's role. */
  public readonly serverRole: PodIdentityRole;
  /** EKS cluster name. */
  public readonly clusterName: string;
  /** Region of the bucket and the cluster. */
  public readonly region: string;

  constructor(scope: Construct, id: string, props: ArgoWorkflowsCloudProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'ArgoWorkflowsCloud');
    const stack = TerraformStack.of(this);
    this.region = stack instanceof MlopsStack ? stack.region : '';
    this.storage = props.storage;
    this.clusterName = props.clusterName;
    const bucket = props.storage.artifactBucket;
    this.serverRole = new PodIdentityRole(this, 'server-role', {
      clusterName: props.clusterName,
      namespace: PIPELINE_DEFAULTS.workflowsNamespace,
      serviceAccount: ARGO_SERVICE_ACCOUNTS.server,
      policy: policyDocument(
        ...s3AccessStatements({ bucketArn: bucket.bucketArn, kmsKeyArn: bucket.kmsKeyArn, region: this.region, bucketKey: true }, 'read', { sid: 'Artifacts', prefixes: [props.storage.artifactPrefix] }),
      ),
    });
  }
}
