/**
 * The scheduling contract: GPU node pools register what they offer (labels, taints, extended
 * resources per instance type, limits); constructs that run GPU workloads check their pod's request
 * against those offers and fail at construction, with the reason per pool, when no pool can run it.
 *
 * **Ordering rule.** The check runs when the workload is constructed, over the pools registered at
 * that moment: create the `GpuNodePool`s first (in the reference stacks they live in the same
 * workloads stack, created before the workloads). The error then points at the line that created
 * the workload, and a workload with no pool at all says "create the GpuNodePool before the
 * workload". (A synth-time check would accept any order but report far from the cause.)
 *
 * **Scope.** Offers are kept per cdktf App and per cluster (the `clusterName` of the enclosing
 * `KubernetesStack`), so two environments in one app never satisfy each other's workloads.
 *
 * What is checked, per pool: every taint with effect NoSchedule/NoExecute is tolerated; every
 * node-selector label is one the pool sets (`karpenter.sh/nodepool` and the instance type are
 * understood; zone, region, arch, os and capacity type are not checked); every requested extended
 * resource (`nvidia.com/gpu`, `nvidia.com/mig-*`) is offered, by one instance type in full; and the
 * pool's limit on each requested resource is at least one pod's request.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { KubernetesStack } from '../../core/layers/mlops-stack';
import { migProfileOfResource } from '../mig/resources';
import { InstanceCapacity, NodePoolOffer, SchedulingRequest, Taint, Toleration } from './types';
import { K8S_LABELS, KARPENTER_LABELS } from '../../core/labels';

/** Labels the check understands without the pool declaring them. */
export const NODE_POOL_LABEL = KARPENTER_LABELS.nodePool;
export const INSTANCE_TYPE_LABEL = KARPENTER_LABELS.instanceType;
/** Labels every Karpenter node has but whose values the offers do not record; not checked. */
export const UNCHECKED_LABELS: readonly string[] = [K8S_LABELS.zone, K8S_LABELS.region, K8S_LABELS.arch, K8S_LABELS.os, KARPENTER_LABELS.capacityType];

/** Raised when no registered pool can run a workload. */
export class SchedulingError extends Error {
  constructor(
    message: string,
    /** The workload that cannot be scheduled. */
    public readonly workload: string,
    /** Why, per pool name (empty when no pool is registered). */
    public readonly reasons: Readonly<Record<string, readonly string[]>>,
  ) {
    super(message);
    this.name = 'SchedulingError';
  }
}

/** A registered pool: its offer and the construct path that registered it. */
interface RegisteredPool {
  readonly offer: NodePoolOffer;
  readonly path: string;
}

/**
 * The pools of one cluster, in registration order, indexed by NodePool name and by label so that a
 * workload's node selector finds the pools it can land on without visiting the others.
 */
class ClusterPools {
  public readonly all: RegisteredPool[] = [];
  private readonly byName = new Map<string, RegisteredPool>();
  private readonly byLabel = new Map<string, Map<string, RegisteredPool[]>>();

  public named(nodePool: string): RegisteredPool | undefined {
    return this.byName.get(nodePool);
  }

  public add(pool: RegisteredPool): void {
    this.all.push(pool);
    this.byName.set(pool.offer.nodePool, pool);
    for (const [key, value] of Object.entries(pool.offer.labels)) {
      let byValue = this.byLabel.get(key);
      if (!byValue) this.byLabel.set(key, (byValue = new Map()));
      byValue.set(value, [...(byValue.get(value) ?? []), pool]);
    }
  }

  /**
   * The pools whose NodePool name and labels match every node-selector entry the contract checks
   * (the others cannot run the workload, whatever else they offer): the smallest index bucket of the
   * selector's entries. Every pool when the selector names nothing the contract checks.
   */
  public candidates(nodeSelector: Readonly<Record<string, string>> | undefined): readonly RegisteredPool[] {
    let best: readonly RegisteredPool[] | undefined;
    for (const [key, value] of Object.entries(nodeSelector ?? {})) {
      if (UNCHECKED_LABELS.includes(key) || key === INSTANCE_TYPE_LABEL) continue;
      const named = key === NODE_POOL_LABEL ? this.byName.get(value) : undefined;
      const bucket = key === NODE_POOL_LABEL ? (named ? [named] : []) : (this.byLabel.get(key)?.get(value) ?? []);
      if (!best || bucket.length < best.length) best = bucket;
    }
    return best ?? this.all;
  }
}

const registry = new WeakMap<IConstruct, Map<string, ClusterPools>>();

/** The cluster a construct deploys to (`''` outside a `KubernetesStack`). */
function clusterKey(scope: IConstruct): string {
  let stack: TerraformStack;
  try {
    stack = TerraformStack.of(scope);
  } catch {
    return '';
  }
  return stack instanceof KubernetesStack ? stack.cluster.clusterName : '';
}

function poolsOf(scope: IConstruct): ClusterPools {
  return registry.get(scope.node.root)?.get(clusterKey(scope)) ?? new ClusterPools();
}

/**
 * Registers what a node pool offers (called by `GpuNodePool`). A second pool with the same
 * NodePool name on the same cluster is an error: the second would overwrite the first.
 */
export function registerNodePoolOffer(scope: IConstruct, offer: NodePoolOffer): void {
  const root = scope.node.root;
  let byCluster = registry.get(root);
  if (!byCluster) registry.set(root, (byCluster = new Map()));
  const key = clusterKey(scope);
  let pools = byCluster.get(key);
  if (!pools) byCluster.set(key, (pools = new ClusterPools()));
  const clash = pools.named(offer.nodePool);
  if (clash) {
    throw new Error(
      `${scope.node.path}: NodePool "${offer.nodePool}" is already defined by ${clash.path} for the same cluster; give one of the pools another name`,
    );
  }
  pools.add({ offer, path: scope.node.path });
}

/** The offers registered so far for the cluster of `scope`, in registration order. */
export function registeredNodePoolOffers(scope: IConstruct): NodePoolOffer[] {
  return poolsOf(scope).all.map((p) => p.offer);
}

/** The pools that can run `request` (empty when none can). */
export function findSchedulablePools(scope: IConstruct, request: SchedulingRequest): NodePoolOffer[] {
  return poolsOf(scope)
    .candidates(request.nodeSelector)
    .filter((p) => fits(p.offer, request))
    .map((p) => p.offer);
}

/**
 * Throws a {@link SchedulingError} naming the workload, the construct path and, per registered
 * pool, why the workload cannot run there — unless at least one pool can run it. A request without
 * extended resources (CPU-only) passes.
 *
 * Cost: the pools the node selector names are checked first (by index, without building any
 * message); the reasons for every pool are worked out only when the workload fits none. So N
 * workloads on N pools cost O(N), not O(N²).
 */
export function assertSchedulable(scope: IConstruct, request: SchedulingRequest): void {
  const requested = Object.entries(request.resources).filter(([, n]) => n > 0);
  if (requested.length === 0) return;
  const pools = poolsOf(scope);
  const asks = requested.map(([r, n]) => `${r}=${n}`).join(', ');
  if (pools.all.length === 0) {
    throw new SchedulingError(
      `${scope.node.path}: ${request.workload} requests ${asks} per pod but no GpuNodePool is registered for this cluster; ` +
        'create the GpuNodePool before the workload (pools register when they are constructed)',
      request.workload,
      {},
    );
  }
  if (pools.candidates(request.nodeSelector).some((p) => fits(p.offer, request))) return;
  const reasons: Record<string, string[]> = {};
  for (const { offer } of pools.all) reasons[offer.nodePool] = whyNotSchedulable(offer, request);
  const lines = Object.entries(reasons).map(([pool, why]) => `  - pool "${pool}": ${why.join('; ')}`);
  throw new SchedulingError(
    `${scope.node.path}: ${request.workload} (requests ${asks} per pod) cannot be scheduled on any GPU node pool:\n${lines.join('\n')}`,
    request.workload,
    reasons,
  );
}

/** Why `request` cannot run on the pool of `offer` (empty when it can). */
export function whyNotSchedulable(offer: NodePoolOffer, request: SchedulingRequest): string[] {
  const why: string[] = [];
  checkOffer(offer, request, (message) => {
    why.push(message());
    return true;
  });
  return why;
}

/** True when the pool of `offer` can run `request`: {@link whyNotSchedulable} without building a message. */
function fits(offer: NodePoolOffer, request: SchedulingRequest): boolean {
  return checkOffer(offer, request, () => false);
}

/**
 * Runs every check of `request` against `offer`, calling `problem` with the message (built only if
 * called) of each that fails; `problem` returns whether to go on. True when none failed.
 */
function checkOffer(offer: NodePoolOffer, request: SchedulingRequest, problem: (message: () => string) => boolean): boolean {
  let ok = true;
  const fail = (message: () => string): boolean => {
    ok = false;
    return problem(message);
  };
  for (const taint of offer.taints) {
    if (taint.effect === 'PreferNoSchedule') continue;
    if (!(request.tolerations ?? []).some((t) => tolerates(t, taint))) {
      if (!fail(() => `taint ${renderTaint(taint)} is not tolerated; add the toleration ${renderToleration(taint)}`)) return false;
    }
  }
  let instances: readonly InstanceCapacity[] = offer.instances;
  for (const [key, value] of Object.entries(request.nodeSelector ?? {})) {
    if (UNCHECKED_LABELS.includes(key)) continue;
    let go = true;
    if (key === NODE_POOL_LABEL) {
      if (value !== offer.nodePool) go = fail(() => `node selector ${key}=${value} selects another pool`);
    } else if (key === INSTANCE_TYPE_LABEL) {
      instances = instances.filter((i) => i.instanceType === value);
      if (instances.length === 0) go = fail(() => `node selector ${key}=${value} is not an instance type of the pool (${offer.instances.map((i) => i.instanceType).join(', ')})`);
    } else if (!(key in offer.labels)) {
      go = fail(() => `node selector ${key}=${value} needs a label the pool does not set`);
    } else if (offer.labels[key] !== value) {
      go = fail(() => `node selector ${key}=${value} does not match the pool's ${key}=${offer.labels[key]}`);
    }
    if (!go) return false;
  }
  const requested = Object.entries(request.resources).filter(([, n]) => n > 0);
  return checkResources(offer, instances, requested, fail) && ok;
}

/** The resource checks of {@link checkOffer}; false when `fail` said to stop. */
function checkResources(
  offer: NodePoolOffer,
  instances: readonly InstanceCapacity[],
  requested: ReadonlyArray<[string, number]>,
  fail: (message: () => string) => boolean,
): boolean {
  let perResourceOk = true;
  for (const [resource, n] of requested) {
    const best = largest(instances, resource);
    let go = true;
    if (!best) {
      perResourceOk = false;
      go = fail(() => {
        const offered = [...new Set(instances.flatMap((i) => Object.keys(i.resources)))].sort();
        const profile = migProfileOfResource(resource);
        const what = profile !== undefined ? `MIG profile ${profile} (${resource})` : `resource ${resource}`;
        return `${what} is not offered (the pool offers ${offered.length > 0 ? offered.join(', ') : 'no extended resources'})`;
      });
    } else if (best.resources[resource] < n) {
      perResourceOk = false;
      go = fail(() => `asks for ${n} ${resource} per pod but the largest instance (${best.instanceType}) offers ${best.resources[resource]}`);
    }
    if (!go) return false;
    const limit = offer.limits[resource];
    if (limit !== undefined && limit < n && !fail(() => `the pool's limit ${resource}=${limit} is below the ${n} one pod requests`)) return false;
  }
  if (perResourceOk && requested.length > 1 && !instances.some((i) => requested.every(([r, n]) => (i.resources[r] ?? 0) >= n))) {
    return fail(() => `no single instance type offers ${requested.map(([r, n]) => `${r}=${n}`).join(' and ')} together`);
  }
  return true;
}

function largest(instances: readonly InstanceCapacity[], resource: string): InstanceCapacity | undefined {
  let best: InstanceCapacity | undefined;
  for (const i of instances) {
    const n = i.resources[resource];
    if (n !== undefined && n > 0 && (!best || n > best.resources[resource])) best = i;
  }
  return best;
}

/** Kubernetes toleration matching: key (or empty key with Exists), operator/value, effect. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  const operator = t.operator ?? 'Equal';
  if (t.effect !== undefined && t.effect !== taint.effect) return false;
  if (operator === 'Exists') return t.key === '' || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

function renderTaint(t: Taint): string {
  return `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`;
}

function renderToleration(t: Taint): string {
  return t.value !== undefined
    ? `{ key: "${t.key}", operator: "Equal", value: "${t.value}", effect: "${t.effect}" }`
    : `{ key: "${t.key}", operator: "Exists", effect: "${t.effect}" }`;
}
