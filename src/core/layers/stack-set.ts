/**
 * `StackSet`: the data → cloud → platform → workloads stacks of one environment, deployed in that
 * order by `cdktf deploy '*'` and destroyed in reverse by `cdktf destroy '*'` (workloads first, so
 * Karpenter still runs when its NodePools go and terminates their nodes, and the controllers still
 * run when the load balancers and volumes they made for Ingresses, Services and PVCs go; the data
 * layer last).
 *
 * The data stack holds what must outlive the cluster; the three compute stacks can be destroyed
 * and rebuilt without it (`cdktf destroy <set>-workloads <set>-platform <set>-cloud`).
 */
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { IClusterRef } from './cluster-connection';
import { Schemas } from '../schemas';
import { validateValue } from '../validation';
import { CloudStack, DataStack, MlopsStackProps, PlatformStack, STACK_NAME_SCHEMA, WorkloadsStack } from './mlops-stack';

/** Props of {@link StackSet}. */
export interface StackSetProps extends MlopsStackProps {
  /**
   * Prefix of the stack names: stacks are `<name>-<environment>-data|cloud|platform|workloads`, so
   * two environments never collide.
   * @default - the project
   */
  readonly name?: string;
}

const NAMES_SCHEMA = Schemas.object({ name: STACK_NAME_SCHEMA.optional(), project: STACK_NAME_SCHEMA, environment: STACK_NAME_SCHEMA });

/** The four layer stacks of one environment. */
export class StackSet {
  /**
   * Layer 0: what must outlive the cluster. Stateful resources of constructs created in `cloud`
   * land here by themselves (see `dataScope`); create wholly stateful constructs (a `Network`, a
   * `SecureBucket` of your own) here directly.
   */
  public readonly data: DataStack;
  /** Layer 1: the cluster, IAM, queues; depends on `data`. */
  public readonly cloud: CloudStack;
  private readonly scope: Construct;
  private readonly props: MlopsStackProps;
  private readonly prefix: string;
  private _platform?: PlatformStack;
  private _workloads?: WorkloadsStack;

  constructor(scope: App | Construct, props: StackSetProps) {
    const { name, ...stackProps } = props ?? ({} as StackSetProps);
    this.scope = scope;
    // The names go into the stack ids: check them before cdktf refuses an id it cannot use.
    this.prefix = `${name ?? stackProps.project}-${stackProps.environment}`;
    validateValue(this.prefix, NAMES_SCHEMA, { name, project: stackProps.project, environment: stackProps.environment });
    this.props = stackProps;
    this.data = new DataStack(scope, `${this.prefix}-data`, stackProps);
    this.cloud = new CloudStack(scope, `${this.prefix}-cloud`, { ...stackProps, dataStack: this.data });
  }

  /**
   * Creates the platform and workloads stacks, with their kubernetes/helm providers configured from
   * `cluster` (usually `ClusterRef.fromEksCluster(cluster)` of an `EksCluster` in `this.cloud`, or
   * `ClusterRef.fromName(...)` for a cluster that already exists).
   */
  public connect(cluster: IClusterRef): { platform: PlatformStack; workloads: WorkloadsStack } {
    if (this._platform) throw new Error(`${this.prefix}: StackSet.connect() was already called; a stack set has one cluster`);
    this._platform = new PlatformStack(this.scope, `${this.prefix}-platform`, { ...this.props, cluster });
    this._workloads = new WorkloadsStack(this.scope, `${this.prefix}-workloads`, { ...this.props, cluster });
    this._platform.addDependency(this.cloud);
    this._workloads.addDependency(this._platform);
    return { platform: this._platform, workloads: this._workloads };
  }

  /** The platform stack (after {@link connect}). */
  public get platform(): PlatformStack {
    if (!this._platform) throw new Error(`${this.prefix}: call StackSet.connect(cluster) before using the platform stack`);
    return this._platform;
  }

  /** The workloads stack (after {@link connect}). */
  public get workloads(): WorkloadsStack {
    if (!this._workloads) throw new Error(`${this.prefix}: call StackSet.connect(cluster) before using the workloads stack`);
    return this._workloads;
  }

  /** Names of the stacks, in deploy order. */
  public get stackNames(): string[] {
    return this.stacks.map((s) => s.node.id);
  }

  /** Names of the compute stacks (cloud, platform, workloads) in destroy order: what `cdktf destroy` of compute names. */
  public get computeStackNames(): string[] {
    return this.stacks
      .filter((s) => s !== this.data)
      .map((s) => s.node.id)
      .reverse();
  }

  private get stacks(): Array<DataStack | CloudStack | PlatformStack | WorkloadsStack> {
    return [this.data, this.cloud, this._platform, this._workloads].filter((s) => s !== undefined);
  }
}
