/**
 * Types of the scheduling contract: what a workload asks for, and what a node pool offers. GPU node
 * pools register an offer; constructs that run GPU workloads (InferenceService, training jobs) check
 * their request against the offers of the app and fail synth with the reason when no pool can run it.
 * The check itself lives in `scheduling-contract.ts`.
 */

/** A Kubernetes toleration. */
export interface Toleration {
  readonly key: string;
  /** @default 'Equal' */
  readonly operator?: 'Equal' | 'Exists';
  readonly value?: string;
  /** @default - all effects */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A Kubernetes node taint. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** What one pod of a workload needs in order to be scheduled. */
export interface SchedulingRequest {
  /** Name of the workload, for messages (e.g. `InferenceService llm`). */
  readonly workload: string;
  /**
   * Extended resources requested per pod: `nvidia.com/gpu` or MIG slices such as
   * `nvidia.com/mig-3g.40gb`. CPU and memory are not checked.
   */
  readonly resources: Readonly<Record<string, number>>;
  /** Tolerations of the pod. */
  readonly tolerations?: readonly Toleration[];
  /** Node selector of the pod. */
  readonly nodeSelector?: Readonly<Record<string, string>>;
}

/** Capacity of one instance type of a pool (extended resources per node). */
export interface InstanceCapacity {
  readonly instanceType: string;
  /** e.g. `{ 'nvidia.com/gpu': 8 }` or `{ 'nvidia.com/mig-3g.40gb': 16 }` */
  readonly resources: Readonly<Record<string, number>>;
}

/** What a node pool offers to workloads. */
export interface NodePoolOffer {
  /** NodePool name. */
  readonly nodePool: string;
  /** Labels every node of the pool carries. */
  readonly labels: Readonly<Record<string, string>>;
  /** Taints every node of the pool carries. */
  readonly taints: readonly Taint[];
  /** Per instance type, the extended resources a node offers. */
  readonly instances: readonly InstanceCapacity[];
  /** The pool's `limits` (e.g. `{ 'nvidia.com/gpu': 16 }`); a request above them can never run. */
  readonly limits: Readonly<Record<string, number>>;
}
