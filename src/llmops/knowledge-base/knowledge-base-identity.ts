/**
 * `KnowledgeBaseIdentity` (cloud layer): the Pod Identity role of a knowledge base's ingestion job —
 * read-only on the documents' S3 prefix (list it, get its objects, decrypt them through S3), nothing
 * else. The embedding image the user supplies gets these credentials through the AWS SDK's default
 * chain.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { policyDocument } from '../../core/iam';
import { MlopsStack, requireLayer } from '../../core/layers/mlops-stack';
import { k8sName } from '../../core/naming';
import { PodIdentityRole } from '../../core/pod-identity-role';
import { s3AccessStatements, withoutSlash } from '../../core/s3-access';
import { failProp, Schemas, validateProps } from '../../core/validation';

/** Where the documents are. */
export interface DocumentSource {
  /** Name of the bucket. */
  readonly bucketName: string;
  /** ARN of the bucket. */
  readonly bucketArn: string;
  /** Key prefix of the documents, ending with `/` (literal). */
  readonly prefix: string;
  /** KMS key of the bucket (SSE-KMS). @default - none */
  readonly kmsKeyArn?: string;
}

/** Props of {@link KnowledgeBaseIdentity}. */
export interface KnowledgeBaseIdentityProps {
  readonly clusterName: string;
  /** Namespace of the ingestion job. */
  readonly namespace: string;
  /** Name of the knowledge base (its job's service account is `<name>-ingest`). */
  readonly name: string;
  readonly source: DocumentSource;
  /** Region of the bucket. @default - the region of the enclosing stack */
  readonly region?: string;
}

const schema = Schemas.props<KnowledgeBaseIdentityProps>()({
  clusterName: Schemas.eksClusterName(),
  namespace: Schemas.k8sName(),
  name: Schemas.k8sName(),
  source: Schemas.props<DocumentSource>()({
    bucketName: Schemas.bucketName(),
    bucketArn: z.string().regex(/^arn:aws[a-z-]*:s3:::/, { message: 'is not an S3 bucket ARN; pass arn:aws:s3:::<bucket> (SecureBucket.bucketArn)' }),
    prefix: z.string().refine((p) => p.length > 1 && p.endsWith('/') && !p.startsWith('/') && !/[*?]/.test(p), {
      message: 'is not a key prefix; give a literal prefix ending with "/" and without a leading "/", e.g. "documents/handbook/"',
    }),
    kmsKeyArn: Schemas.kmsKeyArn().optional(),
  }),
  region: Schemas.region().optional(),
});

/** The ingestion job's service account name of a knowledge base. */
export function knowledgeBaseServiceAccount(name: string): string {
  return k8sName(name, 'ingest');
}

/** The read-only role of a knowledge base's ingestion job. */
export class KnowledgeBaseIdentity extends Construct {
  public readonly role: PodIdentityRole;
  public readonly namespace: string;
  public readonly serviceAccountName: string;
  public readonly source: DocumentSource;
  public readonly region: string;

  constructor(scope: Construct, id: string, props: KnowledgeBaseIdentityProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'KnowledgeBaseIdentity');
    const stack = TerraformStack.of(this);
    const region = props.region ?? (stack instanceof MlopsStack ? stack.region : undefined);
    if (region === undefined) failProp(this, 'region', region, 'is required outside a CloudStack; pass the region of the bucket');
    this.region = region;
    this.namespace = props.namespace;
    this.source = props.source;
    this.serviceAccountName = knowledgeBaseServiceAccount(props.name);
    this.role = new PodIdentityRole(this, 'role', {
      clusterName: props.clusterName,
      namespace: props.namespace,
      serviceAccount: this.serviceAccountName,
      policy: policyDocument(...s3AccessStatements({ bucketArn: props.source.bucketArn, region, kmsKeyArn: props.source.kmsKeyArn, bucketKey: true }, 'read', { sid: 'Documents', prefixes: [withoutSlash(props.source.prefix)] })),
    });
  }
}
