/**
 * The four layers of a stack set (see DESIGN.md): `DataStack` (AWS only, what must outlive the
 * cluster), `CloudStack` (AWS only: network-independent compute, IAM, queues), `PlatformStack` (Helm
 * releases and core Kubernetes kinds) and `WorkloadsStack` (custom resources whose CRDs the platform
 * installed). Every stack gets an AWS provider with the common tags, a backend, and the
 * deployability check.
 */
import { Fn, IAspect, LocalBackend, S3Backend, TerraformElement, TerraformStack, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { z } from 'zod';
import { commonTags } from '../tags';
import { Schemas } from '../schemas';
import { failProp, validateProps } from '../validation';
import { ClusterAttributes, IClusterRef } from './cluster-connection';
import { enableDeployabilityCheck } from './deployability-check';
import { Layer } from './layer';
import { enableNamespaceOrdering } from './namespace-ordering';
import { aspectsAffecting, invokePreparedAspects, PREPARE_RESOLVER, PreparedAspect, recordOverride, terraformElementsOf, terraformJson } from './prepared-synth';
import { bindCluster } from './stack-region';
import { endSynth, startSynth } from './synth-memo';

export type { Layer } from './layer';
export { LAYER_ORDER } from './layer';

/** Where Terraform keeps a stack's state. */
export type BackendConfig =
  | {
      readonly type: 'local';
      /**
       * Directory of the state files, relative to the stack's working directory
       * (`cdktf.out/stacks/<stack>`).
       * @default '../../..' (the project directory, as cdktf does, but relative so synth output does not depend on where the project is checked out)
       */
      readonly directory?: string;
    }
  | {
      readonly type: 's3';
      /** State bucket (create it once per account, versioned and encrypted). */
      readonly bucket: string;
      /** Region of the bucket. @default - the stack's region */
      readonly region?: string;
      /** Key prefix; the key is `<prefix>/<stack name>.tfstate`. @default 'cdktf-mlops' */
      readonly keyPrefix?: string;
      /** Use S3 native state locking (`use_lockfile`, Terraform ≥ 1.10). @default true */
      readonly useLockfile?: boolean;
      /** DynamoDB table for locking (older Terraform). @default - none */
      readonly dynamodbTable?: string;
      /** KMS key for the state objects. @default - bucket default encryption */
      readonly kmsKeyId?: string;
    };

/** Props shared by all layer stacks. */
export interface MlopsStackProps {
  /** Project name, used in tags and names. */
  readonly project: string;
  /** Environment name (`dev`, `prod`, …), used in tags and names. */
  readonly environment: string;
  /** AWS region. */
  readonly region: string;
  /**
   * State backend.
   * @default { type: 'local' }
   */
  readonly backend?: BackendConfig;
  /**
   * Extra tags for every AWS resource.
   * @default - none
   */
  readonly tags?: Record<string, string>;
  /**
   * AWS account ids the provider may act in (a guard against deploying to the wrong account).
   * @default - any
   */
  readonly allowedAccountIds?: string[];
}

/** Props of stacks that talk to the cluster. */
export interface KubernetesStackProps extends MlopsStackProps {
  /** The cluster the providers are configured for. */
  readonly cluster: IClusterRef;
}

/** Project, environment and stack-set names: they go into resource names. */
export const STACK_NAME_SCHEMA = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, {
  message: 'must be lowercase letters, digits and "-", starting with a letter, at most 31 characters; it goes into resource names',
});

/** Schema of {@link BackendConfig} (also used by environment config files). */
export const BACKEND_SCHEMA = z.discriminatedUnion(
  'type',
  [
    Schemas.object({ type: z.literal('local'), directory: z.string().min(1, { message: 'is empty; give a directory or leave it out' }).optional() }),
    Schemas.object({
      type: z.literal('s3'),
      bucket: Schemas.bucketName(),
      region: Schemas.region().optional(),
      keyPrefix: z
        .string()
        .regex(/^[^/].*[^/]$|^[^/]$/, { message: 'starts or ends with "/"; give a key prefix such as "cdktf-mlops" (the key is <prefix>/<stack>.tfstate)' })
        .optional(),
      useLockfile: z.boolean().optional(),
      dynamodbTable: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: 'is not a DynamoDB table name; use 3-255 letters, digits, "_", "-" and "."' }).optional(),
      kmsKeyId: z.string().min(1).optional(),
    }),
  ],
  { message: 'is not a backend; use { type: "local" } or { type: "s3", bucket }' },
);

const stackSchema = Schemas.props<KubernetesStackProps>()({
  project: STACK_NAME_SCHEMA,
  environment: STACK_NAME_SCHEMA,
  region: Schemas.region(),
  allowedAccountIds: z.array(Schemas.accountId()).optional(),
  backend: BACKEND_SCHEMA.optional(),
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).optional(),
  // Validated by the KubernetesStack constructor (only platform and workloads stacks take it).
  cluster: Schemas.construct('a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)', { clusterName: z.string(), region: z.string() }).optional(),
});

/** A stack's Terraform JSON, typed as cdktf types it. */
type TerraformJson = ReturnType<TerraformStack['toTerraform']>;

/** What {@link MlopsStack.prepareStack} resolved, for the `toTerraform()` of the same synth. */
interface Prepared {
  /** Each element's resolved `toTerraform()` fragment. */
  readonly fragments: Map<TerraformElement, Record<string, unknown>>;
  /** The aspects that affected the stack at prepare (all {@link PreparedAspect}s, already run). */
  readonly aspects: readonly IAspect[];
}

/**
 * Base of the layer stacks. A synth resolves each of them once: cdktf 0.21's `App.synth()` resolves
 * every stack in its prepare pass (`prepareStack()`) and again when writing it (`toTerraform()`);
 * this class keeps the prepare pass's fragments and writes them, building the JSON as cdktf 0.21's
 * `TerraformStack.toTerraform()` does (see {@link MlopsStack.prepareStack} for when it falls back to
 * cdktf's own resolve). test/stacks/prepared-synth.checks.ts compares the result with cdktf's for
 * every reference stack, byte for byte: it fails on a cdktf (or CDK Terrain) release that changes
 * or renames what this mirrors.
 */
export abstract class MlopsStack extends TerraformStack {
  /** Which layer this stack is. */
  public abstract readonly layer: Layer;
  public readonly project: string;
  public readonly environment: string;
  public readonly region: string;
  public readonly awsProvider: AwsProvider;
  /** See {@link MlopsStack.terraformForValidation}. */
  private resolvedForSynth?: TerraformJson;
  /** See {@link MlopsStack.prepareStack}. */
  private prepared?: Prepared;
  /** The stack-level overrides, as cdktf keeps them (its copy is private). */
  private readonly stackOverrides: Record<string, unknown> = {};
  /** An `addOverride` on the stack after {@link MlopsStack.prepareStack}: the prepared fragments are not used. */
  private overriddenSincePrepare = false;

  protected constructor(scope: Construct, id: string, props: MlopsStackProps) {
    super(scope, id);
    validateProps(this, stackSchema, props);
    this.project = props.project;
    this.environment = props.environment;
    this.region = props.region;
    this.awsProvider = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: props.allowedAccountIds,
      defaultTags: [{ tags: commonTags(props.project, props.environment, id, props.tags) }],
    });
    configureBackend(this, id, props.backend ?? { type: 'local' }, props.region);
    enableDeployabilityCheck(this);
  }

  /**
   * This stack's Terraform JSON for the validations of a synth (the policy pack's): resolved once
   * and kept for the `toTerraform()` with which cdktf writes the stack right after its validations,
   * instead of resolving the whole stack a second time. Aspects have run by then and validations
   * do not change the stack. What is kept is dropped when validation starts or fails and by the
   * next `toTerraform()` or `toHclTerraform()`, so it never outlives the synth that made it.
   */
  public terraformForValidation(): TerraformJson {
    const resolved = this.resolvedForSynth ?? this.fromPrepared() ?? super.toTerraform();
    this.resolvedForSynth = resolved;
    return resolved;
  }

  public override runAllValidations(): void {
    this.resolvedForSynth = undefined;
    try {
      super.runAllValidations();
    } catch (e) {
      this.resolvedForSynth = undefined;
      endSynth(this, true);
      throw e;
    }
  }

  public override toTerraform(): TerraformJson {
    const resolved = this.resolvedForSynth;
    this.resolvedForSynth = undefined;
    endSynth(this);
    return resolved ?? this.fromPrepared() ?? super.toTerraform();
  }

  public override toHclTerraform(): ReturnType<TerraformStack['toHclTerraform']> {
    this.resolvedForSynth = undefined;
    this.prepared = undefined;
    endSynth(this);
    return super.toHclTerraform();
  }

  /**
   * cdktf 0.21's prepare pass (`App.synth()` runs it on every stack before writing any), kept for
   * the write. When every aspect that affects this stack is one of the library's
   * ({@link PreparedAspect}), they run here, first — cdktf's own invocation afterwards skips what
   * they did — and then each element is resolved as cdktf's `prepareStack()` resolves it
   * (`preparing`, which registers cross-stack references) and its fragment is kept. The next
   * `toTerraform()` builds the JSON from the kept fragments as cdktf's `TerraformStack.toTerraform()`
   * does (metadata, outputs map, merged fragments, stack overrides, a final resolve); elements added
   * since (cross-stack outputs and remote-state data sources that other stacks' prepare creates) are
   * resolved then. It falls back to cdktf's full resolve when another aspect affects the stack (at
   * prepare or when writing), when `addOverride` was called on the stack since, for HCL output and
   * for any later `toTerraform()`. An `addOverride` or property change on an element after prepare
   * by something other than an aspect (a validation, custom synthesis) is not detected: the library
   * does none. `test/stacks/prepared-synth.checks.ts` compares the result with cdktf's own for every
   * reference stack, which guards this against a cdktf (or CDK Terrain) release that changes it.
   */
  public override prepareStack(): void {
    this.prepared = undefined;
    this.overriddenSincePrepare = false;
    const aspects = aspectsAffecting(this);
    if (!aspects.every((a) => a instanceof PreparedAspect)) {
      startSynth(this, false);
      super.prepareStack();
      return;
    }
    startSynth(this, true);
    this.ensureBackendExists();
    invokePreparedAspects(this);
    const fragments = new Map<TerraformElement, Record<string, unknown>>();
    for (const element of terraformElementsOf(this)) {
      fragments.set(element, Tokenization.resolve(element.toTerraform(), { scope: this, preparing: true, resolver: PREPARE_RESOLVER }));
    }
    this.prepared = { fragments, aspects };
  }

  public override addOverride(path: string, value: unknown): void {
    super.addOverride(path, value);
    recordOverride(this.stackOverrides, path, value);
    if (this.prepared) this.overriddenSincePrepare = true;
  }

  /** The JSON built from what {@link MlopsStack.prepareStack} kept, or undefined when it may be stale. */
  private fromPrepared(): TerraformJson | undefined {
    const prepared = this.prepared;
    this.prepared = undefined;
    if (!prepared || this.overriddenSincePrepare) return undefined;
    const aspects = aspectsAffecting(this);
    if (aspects.length !== prepared.aspects.length || !aspects.every((a) => prepared.aspects.includes(a))) return undefined;
    return terraformJson(this, prepared.fragments, this.stackOverrides);
  }
}

function configureBackend(stack: TerraformStack, id: string, backend: BackendConfig, region: string): void {
  if (backend.type === 'local') {
    new LocalBackend(stack, { path: `${backend.directory ?? '../../..'}/terraform.${id}.tfstate` });
    return;
  }
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: `${backend.keyPrefix ?? 'cdktf-mlops'}/${id}.tfstate`,
    region: backend.region ?? region,
    encrypt: true,
    kmsKeyId: backend.kmsKeyId,
    dynamodbTable: backend.dynamodbTable,
  });
  if (backend.useLockfile ?? true) s3.addOverride('use_lockfile', true);
}

/**
 * Layer 0: AWS only, what must outlive the cluster — KMS keys, buckets, databases, caches, Secrets
 * Manager secrets, and the VPC the databases and caches sit in. Deployed first, destroyed last;
 * the compute layers (cloud, platform, workloads) can be destroyed and rebuilt without touching it.
 */
export class DataStack extends MlopsStack {
  public readonly layer: Layer = 'data';
  constructor(scope: Construct, id: string, props: MlopsStackProps) {
    super(scope, id, props);
  }
}

/** Props of {@link CloudStack}. */
export interface CloudStackProps extends MlopsStackProps {
  /**
   * The data stack of the same environment. The library's stateful resources created under this
   * stack (`SecureBucket`, `GeneratedSecret`, `customerManagedKey`, `Network`, the MLflow database,
   * the Feast online store, the EKS secrets key) are then placed in it, at the same construct path
   * (see `dataScope`), and this stack depends on it.
   * @default - none: stateful resources stay in this stack
   */
  readonly dataStack?: DataStack;
}

/** Layer 1: AWS only (EKS, IAM, queues; with no data stack also keys, buckets, databases, caches). */
export class CloudStack extends MlopsStack {
  public readonly layer: Layer = 'cloud';
  /** Where the stateful resources of constructs in this stack go, when given. */
  public readonly dataStack?: DataStack;
  constructor(scope: Construct, id: string, props: CloudStackProps) {
    const { dataStack, ...rest } = props ?? ({} as CloudStackProps);
    super(scope, id, rest);
    if (dataStack !== undefined && !(dataStack instanceof DataStack)) {
      failProp(this, 'dataStack', dataStack, 'is not a DataStack; pass the DataStack of the same environment (new DataStack(...) or StackSet.data) or leave it out');
    }
    this.dataStack = dataStack;
    if (dataStack) this.addDependency(dataStack);
  }
}

/**
 * Base of the stacks that configure kubernetes and helm providers from a `ClusterRef`. Namespaced
 * objects in them are ordered after the namespace the same stack creates (`enableNamespaceOrdering`).
 */
export abstract class KubernetesStack extends MlopsStack {
  /** The cluster as this stack sees it. */
  public readonly cluster: IClusterRef;
  /** The cluster's attributes bound to this stack. */
  public readonly clusterAttributes: ClusterAttributes;
  public readonly kubernetesProvider: KubernetesProvider;
  public readonly helmProvider: HelmProvider;

  protected constructor(scope: Construct, id: string, props: KubernetesStackProps) {
    super(scope, id, props);
    this.clusterAttributes = bindCluster(this, 'cluster', props.cluster);
    this.cluster = props.cluster;
    const exec = eksTokenExec(this.clusterAttributes.clusterName, this.clusterAttributes.region);
    this.kubernetesProvider = new KubernetesProvider(this, 'kubernetes', {
      host: this.clusterAttributes.endpoint,
      clusterCaCertificate: Fn.base64decode(this.clusterAttributes.certificateAuthorityData),
      exec: [exec],
    });
    this.helmProvider = new HelmProvider(this, 'helm', {
      kubernetes: {
        host: this.clusterAttributes.endpoint,
        clusterCaCertificate: Fn.base64decode(this.clusterAttributes.certificateAuthorityData),
        exec,
      },
    });
    enableNamespaceOrdering(this);
  }
}

/** `aws eks get-token` exec credentials: short-lived tokens, nothing stored in state. */
export function eksTokenExec(clusterName: string, region: string): { apiVersion: string; command: string; args: string[] } {
  return {
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    command: 'aws',
    args: ['eks', 'get-token', '--cluster-name', clusterName, '--region', region, '--output', 'json'],
  };
}

/** Layer 2: Helm releases (controllers and their CRDs) and core Kubernetes kinds. */
export class PlatformStack extends KubernetesStack {
  public readonly layer: Layer = 'platform';
  constructor(scope: Construct, id: string, props: KubernetesStackProps) {
    super(scope, id, props);
  }
}

/** Layer 3: custom resources whose CRDs the platform layer installed. */
export class WorkloadsStack extends KubernetesStack {
  public readonly layer: Layer = 'workloads';
  constructor(scope: Construct, id: string, props: KubernetesStackProps) {
    super(scope, id, props);
  }
}

/** The layer stack that contains `scope`, or undefined for stacks not made by this library. */
export function layerOf(scope: Construct): Layer | undefined {
  const stack = TerraformStack.of(scope);
  return stack instanceof MlopsStack ? stack.layer : undefined;
}

/**
 * Fails when a construct is created in a library layer stack other than the one (or ones) it
 * belongs to. Stacks not made by this library are not checked (the deployability check still runs
 * on them when enabled).
 */
export function requireLayer(scope: Construct, expected: Layer | readonly Layer[], what: string): void {
  const allowed: readonly Layer[] = typeof expected === 'string' ? [expected] : expected;
  const actual = layerOf(scope);
  if (actual === undefined || allowed.includes(actual)) return;
  const stack = TerraformStack.of(scope);
  const layers = allowed.join(' or ');
  throw new Error(
    `${scope.node.path}: ${what} belongs in the ${layers} layer but was created in ${actual} stack "${stack.node.id}"; ` +
      `create it in the ${layers} stack of the stack set (${allowed.map((l) => `stackSet.${l}`).join(' or ')}).`,
  );
}
