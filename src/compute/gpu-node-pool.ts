/**
 * `GpuNodePool` (workloads layer): a Karpenter `NodePool` (karpenter.sh/v1) and its `EC2NodeClass`
 * (karpenter.k8s.aws/v1) for NVIDIA GPU nodes that exist only while GPU pods need them.
 *
 * - **Selection**: instance families, exact types, or GPU name/count/memory (Karpenter's
 *   `instance-gpu-*` labels); always NVIDIA, amd64, Linux.
 * - **Spot first**: one pool allowing `spot` and `on-demand`. Karpenter prioritizes Spot when a
 *   NodePool allows both (Spot offerings priced above the cheapest on-demand one are skipped) and,
 *   when EC2 reports no Spot capacity, caches that for the instance type and zone and launches
 *   on-demand (karpenter.sh docs, NodePools → capacity type). One pool keeps one `limits`; two
 *   weighted pools would double the GPU ceiling.
 * - **Bounded**: `limits.gpu` is required (plus optional cpu/memory).
 * - **Scale to zero**: no static capacity (`replicas` unset); `WhenEmpty` consolidation after
 *   `consolidateAfter`, budgets (empty nodes all at once, drift/repacking one node at a time),
 *   `expireAfter`.
 * - **Nodes**: taint `nvidia.com/gpu=true:NoSchedule`, labels `mlops.cdktf.io/node-role=gpu` and
 *   `mlops.cdktf.io/gpu-pool=<name>`; AMI by pinned alias; IMDSv2 with hop limit 1 (or 2);
 *   encrypted gp3 volume (200 GiB); optional instance-store RAID0; subnets and security groups by
 *   the cluster's `karpenter.sh/discovery` tag (else by id); the node role of `KarpenterAws`.
 * - **MIG** (`mig`): nodes labelled `nvidia.com/mig.config=<configName>`, a `MigNodeOverlay` that
 *   tells Karpenter the MIG slices each instance type offers, and an offer in MIG resources.
 *
 * The pool registers its offer with the scheduling contract, so workloads created after it can
 * check that they fit (`assertSchedulable`).
 */
import { Annotations, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { ClusterAttributes, IClusterRef } from '../core/layers/cluster-connection';
import { KubernetesStack, requireLayer } from '../core/layers/mlops-stack';
import { bindCluster } from '../core/layers/stack-region';
import { k8sName } from '../core/naming';
import { stackTags } from '../core/tags';
import { AMI_ALIASES } from '../core/versions';
import { failProp, validateProps } from '../core/validation';
import { GpuInstanceType } from './gpu-instances';
import { GPU_LIMIT_WARNING_THRESHOLD, GPU_NODE_LABELS, GPU_NODE_POOL_DEFAULTS, GPU_NODE_ROLE, GPU_TAINT, GpuNodePoolProps, gpuNodePoolSchema } from './gpu-node-pool-props';
import { nodeRequirements, selectInstanceTypes } from './gpu-node-pool-selection';
import { KARPENTER_DISCOVERY_TAG } from '../core/labels';
import { KARPENTER_API } from './karpenter/constants';
import { formatLayout } from './mig/layout';
import { migConfigurationsOf } from './mig/mig-configuration';
import { MigNodeOverlay } from './mig/mig-node-overlay';
import { migInstanceTypes, migResourceName, migResourcesPerNode } from './mig/resources';
import { MIG_CONFIG_LABEL, MigLayout, MigPoolSpec } from './mig/types';
import { registerNodePoolOffer } from './scheduling/scheduling-contract';
import { NodePoolOffer, Taint, Toleration } from './scheduling/types';

/** Extended resource name of whole GPUs. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

type Json = Record<string, unknown>;

/** A scale-to-zero NVIDIA GPU NodePool with its EC2NodeClass. */
export class GpuNodePool extends Construct {
  /** Name of the NodePool (and of its EC2NodeClass). */
  public readonly nodePoolName: string;
  /** Tolerations a workload needs for the pool's taints. */
  public readonly tolerations: Toleration[];
  /** Node selector that puts a workload on this pool. */
  public readonly nodeSelector: Record<string, string>;
  /** What the pool offers (registered with the scheduling contract). */
  public readonly offer: NodePoolOffer;
  /** Catalog instance types the pool may launch. */
  public readonly instanceTypes: readonly GpuInstanceType[];
  /** The NodePool manifest. */
  public readonly nodePool: KubernetesManifest;
  /** The EC2NodeClass manifest. */
  public readonly nodeClass: KubernetesManifest;
  /** The MIG NodeOverlay (when `mig` is set). */
  public readonly migOverlay?: MigNodeOverlay;

  constructor(scope: Construct, id: string, props: GpuNodePoolProps) {
    super(scope, id);
    validateProps(this, gpuNodePoolSchema, props);
    requireLayer(this, 'workloads', 'GpuNodePool');
    if (!props.instanceFamilies && !props.instanceTypes && !props.gpu) {
      failProp(this, 'instanceFamilies', undefined, 'is required when instanceTypes and gpu are not given; select GPUs, e.g. instanceFamilies: ["g6e", "g5"]');
    }
    const gpu = props.gpu;
    if (gpu?.minCount !== undefined && gpu.maxCount !== undefined && gpu.minCount > gpu.maxCount) {
      failProp(this, 'gpu.maxCount', gpu.maxCount, `is below gpu.minCount (${gpu.minCount}); raise maxCount or lower minCount`);
    }
    this.instanceTypes = selectInstanceTypes(props);
    if (this.instanceTypes.length === 0) {
      failProp(this, 'instanceFamilies', { instanceFamilies: props.instanceFamilies, instanceTypes: props.instanceTypes, gpu }, 'together with instanceTypes and gpu selects no known GPU instance type; loosen the selection (see GPU_INSTANCE_TYPES)');
    }
    this.checkGpuLimit(props.limits.gpu);
    const migCapacities = props.mig ? this.migCapacities(props) : undefined;
    const attrs = this.clusterAttributes(props.cluster);

    this.nodePoolName = props.name ?? k8sName(id);
    const taints = [...(props.taints ?? [GPU_TAINT])];
    const labels: Record<string, string> = {
      ...(props.labels ?? {}),
      [GPU_NODE_LABELS.role]: GPU_NODE_ROLE,
      [GPU_NODE_LABELS.pool]: this.nodePoolName,
      ...(props.mig ? { [MIG_CONFIG_LABEL]: props.mig.configName } : {}),
    };
    this.tolerations = taints.map((t) => (t.value !== undefined ? { key: t.key, operator: 'Equal', value: t.value, effect: t.effect } : { key: t.key, operator: 'Exists', effect: t.effect }));
    this.nodeSelector = { [GPU_NODE_LABELS.pool]: this.nodePoolName };

    this.nodeClass = new KubernetesManifest(this, 'node-class', { manifest: this.nodeClassManifest(props, attrs) });
    this.nodePool = new KubernetesManifest(this, 'node-pool', { manifest: this.nodePoolManifest(props, taints, labels), dependsOn: [this.nodeClass] });

    if (props.mig) {
      const mig = props.mig;
      this.node.addValidation({ validate: () => this.checkMigConfiguration(mig) });
      this.migOverlay = new MigNodeOverlay(this, 'mig-overlay', {
        nodePoolName: this.nodePoolName,
        instanceTypes: this.instanceTypes.map((t) => t.instanceType),
        spec: props.mig,
      });
    }
    this.offer = {
      nodePool: this.nodePoolName,
      labels,
      taints,
      instances: this.instanceTypes.map((t) => ({ instanceType: t.instanceType, resources: migCapacities?.[t.instanceType] ?? { [GPU_RESOURCE]: t.gpuCount } })),
      limits: this.offerLimits(props),
    };
    registerNodePoolOffer(this, this.offer);
  }

  /**
   * A limit below the GPUs of the smallest selected instance type can never launch a node (Karpenter
   * launches only what fits under the limit); a huge one no longer bounds spend (a warning).
   */
  private checkGpuLimit(limit: number): void {
    if (Token.isUnresolved(limit)) return;
    const smallest = [...this.instanceTypes].sort((a, b) => a.gpuCount - b.gpuCount)[0];
    if (limit < smallest.gpuCount) {
      failProp(
        this,
        'limits.gpu',
        limit,
        `is below the ${smallest.gpuCount} GPUs of the smallest instance type the pool may launch (${smallest.instanceType}), so the pool could never launch a node; raise it to at least ${smallest.gpuCount} or select smaller instance types`,
      );
    }
    if (limit > GPU_LIMIT_WARNING_THRESHOLD) {
      Annotations.of(this).addWarning(
        `limits.gpu = ${limit} is above ${GPU_LIMIT_WARNING_THRESHOLD} GPUs: as good as unbounded, it no longer caps GPU spend; set the most GPUs the pool should ever run`,
      );
    }
  }

  /**
   * At synth: the pool's MIG config must be in the MIG manager's ConfigMap (a `MigConfiguration` of
   * the same cluster in the app) with the same GPU and layout, or the nodes never get partitioned.
   */
  private checkMigConfiguration(mig: MigPoolSpec): string[] {
    const configurations = migConfigurationsOf(this);
    if (configurations.length === 0) return [];
    const declared = configurations.flatMap((c) => c.pools.map((p) => ({ pool: p, path: c.node.path })));
    const same = declared.find((d) => d.pool.configName === mig.configName);
    if (!same) {
      const names = [...new Set(declared.map((d) => d.pool.configName))].sort().join(', ');
      return [
        `mig.configName = ${JSON.stringify(mig.configName)} is not a config of the MIG manager's ConfigMap (${configurations.map((c) => c.node.path).join(', ')}: ${names}); add this pool's spec to the MigConfiguration's pools, or pass mig: configuration.pool(<name>)`,
      ];
    }
    if (same.pool.gpu !== mig.gpu || formatLayout(sortedLayout(same.pool.layout)) !== formatLayout(sortedLayout(mig.layout))) {
      return [
        `mig = ${mig.gpu} ${formatLayout(mig.layout)} disagrees with config "${mig.configName}" of ${same.path} (${same.pool.gpu} ${formatLayout(same.pool.layout)}); declare the layout once: pass mig: configuration.pool(${JSON.stringify(mig.configName)})`,
      ];
    }
    return [];
  }

  private clusterAttributes(cluster: IClusterRef | undefined): ClusterAttributes {
    if (cluster) return bindCluster(this, 'cluster', cluster);
    const stack = TerraformStack.of(this);
    if (stack instanceof KubernetesStack) return stack.clusterAttributes;
    return failProp(this, 'cluster', undefined, 'is required outside a WorkloadsStack; pass the ClusterRef of the cluster');
  }

  /** MIG resources per node by instance type; fails with the MIG module's reason when a type cannot carry the spec. */
  private migCapacities(props: GpuNodePoolProps): Record<string, Record<string, number>> {
    const mig = props.mig!;
    const out: Record<string, Record<string, number>> = {};
    for (const t of this.instanceTypes) {
      try {
        out[t.instanceType] = migResourcesPerNode(mig, t.instanceType);
      } catch (e) {
        const matching = migInstanceTypes(mig.gpu);
        failProp(this, 'mig', mig, `cannot run on ${t.instanceType}: ${(e as Error).message}${matching.length > 0 ? ` (instance types with ${mig.gpu} GPUs: ${matching.join(', ')})` : ''}`);
      }
    }
    return out;
  }

  private offerLimits(props: GpuNodePoolProps): Record<string, number> {
    const limits: Record<string, number> = { [GPU_RESOURCE]: props.limits.gpu };
    // A MIG pool can run at most limits.gpu GPUs, each split by the layout.
    for (const [profile, perGpu] of Object.entries(props.mig?.layout ?? {})) limits[migResourceName(profile)] = perGpu * props.limits.gpu;
    return limits;
  }

  private nodePoolManifest(props: GpuNodePoolProps, taints: Taint[], labels: Record<string, string>): Json {
    const d = GPU_NODE_POOL_DEFAULTS;
    const consolidationPolicy = props.consolidationPolicy ?? d.consolidationPolicy;
    return {
      apiVersion: KARPENTER_API.nodePool.apiVersion,
      kind: KARPENTER_API.nodePool.kind,
      metadata: { name: this.nodePoolName },
      spec: {
        template: {
          metadata: { labels: sorted(labels) },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: KARPENTER_API.ec2NodeClass.kind, name: this.nodePoolName },
            requirements: nodeRequirements(props, props.capacityTypes ?? d.capacityTypes),
            taints: taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
            expireAfter: props.expireAfter ?? d.expireAfter,
            ...(props.terminationGracePeriod ? { terminationGracePeriod: props.terminationGracePeriod } : {}),
          },
        },
        limits: {
          [GPU_RESOURCE]: String(props.limits.gpu),
          ...(props.limits.cpu !== undefined ? { cpu: props.limits.cpu } : {}),
          ...(props.limits.memory !== undefined ? { memory: props.limits.memory } : {}),
        },
        disruption: {
          consolidationPolicy,
          consolidateAfter: props.consolidateAfter ?? d.consolidateAfter,
          budgets: (props.budgets ?? d.budgets).map((b) => ({ ...b, ...(b.reasons ? { reasons: [...b.reasons] } : {}) })),
        },
        ...(props.weight !== undefined ? { weight: props.weight } : {}),
      },
    };
  }

  private nodeClassManifest(props: GpuNodePoolProps, attrs: ClusterAttributes): Json {
    const d = GPU_NODE_POOL_DEFAULTS;
    const family = props.amiFamily ?? d.amiFamily;
    const alias = props.amiAlias ?? AMI_ALIASES[family];
    if (!alias.startsWith(`${family}@`)) failProp(this, 'amiAlias', alias, `does not belong to amiFamily "${family}"; use "${AMI_ALIASES[family]}" or change amiFamily`);
    const volume = {
      volumeSize: `${props.volumeSizeGiB ?? d.volumeSizeGiB}Gi`,
      volumeType: 'gp3',
      encrypted: true,
      deleteOnTermination: true,
      ...(props.volumeKmsKeyId ? { kmsKeyID: props.volumeKmsKeyId } : {}),
    };
    // Bottlerocket keeps the OS on /dev/xvda and images and kubelet data on /dev/xvdb.
    const blockDeviceMappings =
      family === 'bottlerocket'
        ? [
            { deviceName: '/dev/xvda', ebs: { ...volume, volumeSize: '4Gi' } },
            { deviceName: '/dev/xvdb', rootVolume: true, ebs: volume },
          ]
        : [{ deviceName: '/dev/xvda', rootVolume: true, ebs: volume }];
    const discovery = attrs.karpenterDiscoveryTag;
    if (!discovery && Token.isUnresolved(attrs.privateSubnetIds)) {
      failProp(this, 'cluster', attrs.clusterName, 'has no karpenter.sh/discovery tag and its subnet ids are not known at synth; tag the private subnets and node security group karpenter.sh/discovery=<cluster> and pass karpenterDiscoveryTag, or pass literal privateSubnetIds');
    }
    const tags = stackTags(this);
    return {
      apiVersion: KARPENTER_API.ec2NodeClass.apiVersion,
      kind: KARPENTER_API.ec2NodeClass.kind,
      metadata: { name: this.nodePoolName },
      spec: {
        role: props.karpenter.nodeRoleName,
        amiSelectorTerms: [{ alias }],
        subnetSelectorTerms: discovery ? [{ tags: { [KARPENTER_DISCOVERY_TAG]: discovery } }] : attrs.privateSubnetIds.map((id) => ({ id })),
        securityGroupSelectorTerms: discovery ? [{ tags: { [KARPENTER_DISCOVERY_TAG]: discovery } }] : [{ id: attrs.nodeSecurityGroupId }],
        metadataOptions: {
          httpEndpoint: 'enabled',
          httpProtocolIPv6: 'disabled',
          httpPutResponseHopLimit: props.metadataHopLimit ?? d.metadataHopLimit,
          httpTokens: 'required',
        },
        blockDeviceMappings,
        ...(props.instanceStoreRaid0 ? { instanceStorePolicy: 'RAID0' } : {}),
        ...(Object.keys(tags).length > 0 ? { tags } : {}),
      },
    };
  }
}

function sortedLayout(layout: MigLayout): MigLayout {
  return Object.fromEntries(Object.keys(layout).sort().map((k) => [k, layout[k]]));
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
}
