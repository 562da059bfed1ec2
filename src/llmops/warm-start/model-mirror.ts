/**
 * Warm starts of LLM replicas: a new replica must not download its weights from the Hugging Face
 * hub (through the NAT gateway, rate-limited, at the hub's mercy). The library mirrors the weights
 * **once** into the platform's S3 bucket, and the InferenceService reads them from there
 * (`s3://…`): KServe's storage initializer downloads them in-region through the VPC's S3 gateway
 * endpoint (no NAT charge), with the service's read-only Pod Identity role. Why not the other
 * options (docs/catalog/llmops.md, "Warm starts"): a node-local cache (KServe `LocalModelCache`)
 * helps only replicas on nodes that already hold the model, and Karpenter's new GPU nodes start
 * empty; streaming from S3 with vLLM's Run:ai streamer (`--load-format runai_streamer`, installed in
 * the pinned image) is not reachable through KServe v0.20's Hugging Face server, which resolves a
 * model id through the hub API and loads what the storage initializer downloaded.
 *
 * - `ModelMirrorIdentity` (cloud): the Pod Identity role of the mirror job — read and write under
 *   the mirror prefix only;
 * - `ModelMirror` (workloads): a Job, named after a hash of the source, that runs once per model
 *   revision: KServe's storage initializer downloads `hf://org/model[:revision]` into an emptyDir
 *   (init container), then the AWS CLI uploads it to `s3://<bucket>/<prefix>/` (`aws s3 sync`, the
 *   hub's cache metadata excluded). Terraform waits for it (`wait_for_completion`); the
 *   InferenceService waits for the Job (`dependsOn: [mirror.job]`). Changing the revision makes a
 *   new Job and a new prefix; the old prefix stays until deleted by hand.
 */
import { createHash } from 'crypto';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { policyDocument } from '../../core/iam';
import { MlopsStack, requireLayer } from '../../core/layers/mlops-stack';
import { k8sName } from '../../core/naming';
import { containerSecurityContext, providerPodSecurityContext } from '../../core/pod-security';
import { PodIdentityRole } from '../../core/pod-identity-role';
import { s3AccessStatements, withoutSlash } from '../../core/s3-access';
import { SyncedSecret } from '../../core/secrets/synced-secret';
import { failProp, Schemas, validateProps } from '../../core/validation';
import { IMAGES } from '../../core/versions';
import { s3Uri } from '../../serving/storage-uri';
import { KubernetesJobV1 } from '../../core/resources/pod-spec';
import { KubernetesServiceAccountV1 } from '../../core/resources/kubernetes-core';

/** Service account of the mirror jobs. */
export const MODEL_MIRROR_SERVICE_ACCOUNT = 'model-mirror';

/** uid/gid of the storage initializer's user `kserve`. */
export const STORAGE_INITIALIZER_USER = 1000;

/** `hf://org/model` or `hf://org/model:revision`. */
const HF_URI = /^hf:\/\/([A-Za-z0-9][A-Za-z0-9._-]*)\/([A-Za-z0-9][A-Za-z0-9._-]*)(?::([A-Za-z0-9._-]+))?$/;

/** Where a mirrored model lives under the mirror prefix: `<org>/<model>/<revision or main>/`. */
export function mirrorPath(source: string): string {
  const m = HF_URI.exec(source);
  if (!m) throw new Error(`mirrorPath: ${source} is not hf://org/model[:revision]`);
  return `${m[1]}/${m[2]}/${m[3] ?? 'main'}/`;
}

/** Props of {@link ModelMirrorIdentity}. */
export interface ModelMirrorIdentityProps {
  readonly clusterName: string;
  /** Namespace of the mirror jobs. */
  readonly namespace: string;
  /** The bucket. */
  readonly bucket: { readonly bucketName: string; readonly bucketArn: string; readonly kmsKeyArn?: string };
  /** Key prefix of the mirrors, ending with `/`. @default 'models/hub/' */
  readonly prefix?: string;
  /** Region of the bucket. @default - the enclosing stack's */
  readonly region?: string;
}

/** The mirror jobs' role: read and write under the mirror prefix. */
export class ModelMirrorIdentity extends Construct {
  public readonly role: PodIdentityRole;
  public readonly namespace: string;
  public readonly bucketName: string;
  public readonly prefix: string;
  public readonly kmsKeyArn?: string;
  public readonly region: string;

  constructor(scope: Construct, id: string, props: ModelMirrorIdentityProps) {
    super(scope, id);
    validateProps(this, identitySchema, props);
    requireLayer(this, 'cloud', 'ModelMirrorIdentity');
    const stack = TerraformStack.of(this);
    const region = props.region ?? (stack instanceof MlopsStack ? stack.region : undefined);
    if (region === undefined) failProp(this, 'region', region, 'is required outside a CloudStack; pass the region of the bucket');
    this.region = region;
    this.namespace = props.namespace;
    this.bucketName = props.bucket.bucketName;
    this.prefix = props.prefix ?? 'models/hub/';
    this.kmsKeyArn = props.bucket.kmsKeyArn;
    this.role = new PodIdentityRole(this, 'role', {
      clusterName: props.clusterName,
      namespace: props.namespace,
      serviceAccount: MODEL_MIRROR_SERVICE_ACCOUNT,
      policy: policyDocument(...s3AccessStatements({ bucketArn: props.bucket.bucketArn, region, kmsKeyArn: props.bucket.kmsKeyArn, bucketKey: true }, 'read-write', { sid: 'Mirror', prefixes: [withoutSlash(this.prefix)] })),
    });
  }
}

const identitySchema = Schemas.props<ModelMirrorIdentityProps>()({
  clusterName: Schemas.eksClusterName(),
  namespace: Schemas.k8sName(),
  bucket: Schemas.construct('a bucket (a SecureBucket, or { bucketName, bucketArn, kmsKeyArn? })', { bucketName: z.string(), bucketArn: z.string(), kmsKeyArn: z.string().optional() }),
  prefix: z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/, { message: 'is not a key prefix ending with "/"; use e.g. "models/hub/"' }).optional(),
  region: Schemas.region().optional(),
});

/** Props of {@link ModelMirror}. */
export interface ModelMirrorProps {
  /** The mirror role (cloud layer); its namespace runs the Job. */
  readonly identity: ModelMirrorIdentity;
  /** The model: `hf://org/model` or `hf://org/model:revision` (pin a revision for reproducible replicas). */
  readonly source: string;
  /** A SyncedSecret with key `HF_TOKEN` in the namespace, for gated models. @default - none */
  readonly hubToken?: SyncedSecret;
  /** Scratch space for the weights on the node (emptyDir, ephemeral storage). @default '40Gi' */
  readonly scratchSize?: string;
  /** Node selector. @default - any node */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** The service account, when another mirror in the namespace already created it. @default - created here */
  readonly serviceAccount?: KubernetesServiceAccountV1;
}

const schema = Schemas.props<ModelMirrorProps>()({
  identity: z.custom<ModelMirrorIdentity>((v) => v instanceof ModelMirrorIdentity, { message: 'is not a ModelMirrorIdentity; pass the ModelMirrorIdentity of the cloud layer' }),
  source: z.string().regex(HF_URI, { message: 'is not a Hugging Face model; use "hf://org/model" or "hf://org/model:revision"' }),
  hubToken: z.custom<SyncedSecret>((v) => v instanceof SyncedSecret, { message: 'is not a SyncedSecret; sync the token with a SyncedSecret (key HF_TOKEN) in the namespace' }).optional(),
  scratchSize: Schemas.memory().optional(),
  nodeSelector: Schemas.labels().optional(),
  serviceAccount: z.custom<KubernetesServiceAccountV1>((v) => v instanceof KubernetesServiceAccountV1, { message: 'is not a KubernetesServiceAccountV1; pass ModelMirror.serviceAccount of another mirror in the namespace, or leave it out' }).optional(),
});

/** A one-off copy of a Hugging Face model into S3. */
export class ModelMirror extends Construct {
  public readonly job: KubernetesJobV1;
  public readonly serviceAccount: KubernetesServiceAccountV1;
  /** `s3://<bucket>/<prefix><org>/<model>/<revision>`: the InferenceService's `storageUri`. */
  public readonly storageUri: string;
  /** Where the copy is, as `InferenceServiceIdentity.models` takes it (prefix without slashes at the ends). */
  public readonly location: { readonly bucket: string; readonly prefix: string };

  constructor(scope: Construct, id: string, props: ModelMirrorProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'ModelMirror');
    const { identity } = props;
    if (props.hubToken && props.hubToken.namespace !== identity.namespace) {
      failProp(this, 'hubToken', props.hubToken.secretName, `is in namespace "${props.hubToken.namespace}", not the mirror's "${identity.namespace}"; sync HF_TOKEN into that namespace`);
    }
    const keyPrefix = `${identity.prefix}${mirrorPath(props.source)}`.replace(/\/$/, '');
    this.location = { bucket: identity.bucketName, prefix: keyPrefix };
    this.storageUri = s3Uri(identity.bucketName, keyPrefix);
    const name = k8sName('mirror', createHash('sha256').update(props.source).digest('hex').slice(0, 10));
    const labels = { 'app.kubernetes.io/name': 'model-mirror', 'app.kubernetes.io/component': 'warm-start' };
    this.serviceAccount =
      props.serviceAccount ??
      new KubernetesServiceAccountV1(this, 'service-account', { metadata: { name: MODEL_MIRROR_SERVICE_ACCOUNT, namespace: identity.namespace, labels: { ...labels } }, automountServiceAccountToken: false });
    const scratch = props.scratchSize ?? '40Gi';
    const mounts = [
      { name: 'weights', mountPath: '/mnt/models' },
      { name: 'tmp', mountPath: '/tmp' },
    ];
    this.job = new KubernetesJobV1(this, 'job', {
      metadata: { name, namespace: identity.namespace, labels: { ...labels }, annotations: { 'mlops.cdktf.io/model-source': props.source } },
      waitForCompletion: true,
      timeouts: { create: '90m', update: '90m' },
      spec: {
        backoffLimit: 3,
        activeDeadlineSeconds: 5400,
        ttlSecondsAfterFinished: String(7 * 24 * 3600),
        template: {
          metadata: { labels: { ...labels } },
          spec: {
            restartPolicy: 'Never',
            serviceAccountName: MODEL_MIRROR_SERVICE_ACCOUNT,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: providerPodSecurityContext(STORAGE_INITIALIZER_USER, STORAGE_INITIALIZER_USER),
            nodeSelector: props.nodeSelector ? { ...props.nodeSelector } : undefined,
            initContainer: [
              {
                name: 'download',
                image: `${IMAGES.kserveStorageInitializer.repository}:${IMAGES.kserveStorageInitializer.tag}`,
                args: [props.source, '/mnt/models'],
                env: [{ name: 'HF_HOME', value: '/tmp/hf' }, ...(props.hubToken ? [props.hubToken.envVar('HF_TOKEN', 'HF_TOKEN')] : [])],
                resources: { requests: { cpu: '1', memory: '2Gi', 'ephemeral-storage': scratch }, limits: { cpu: '2', memory: '4Gi', 'ephemeral-storage': scratch } },
                securityContext: containerSecurityContext(),
                volumeMount: mounts,
              },
            ],
            container: [
              {
                name: 'upload',
                image: `${IMAGES.awsCli.repository}:${IMAGES.awsCli.tag}`,
                command: ['aws', 's3', 'sync', '/mnt/models', `${this.storageUri}/`, '--exclude', '.cache/*', '--only-show-errors', '--no-progress'],
                env: [
                  { name: 'HOME', value: '/tmp' },
                  { name: 'AWS_REGION', value: identity.region },
                ],
                resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } },
                securityContext: containerSecurityContext(),
                volumeMount: mounts,
              },
            ],
            volume: [
              { name: 'weights', emptyDir: { sizeLimit: scratch } },
              { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
            ],
          },
        },
      },
      dependsOn: [this.serviceAccount, ...(props.hubToken ? [props.hubToken.manifest] : [])],
    });
  }
}
