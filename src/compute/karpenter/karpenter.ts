/**
 * `Karpenter` (platform layer): the `karpenter-crd` chart (owns the CRDs) and then the `karpenter`
 * chart (`skipCrds`), both pinned in `versions.ts`, configured for the AWS side of a
 * {@link KarpenterAws} (or the plain names of an existing install):
 *
 * - `settings.clusterName`, `settings.interruptionQueue`;
 * - two replicas on the system node group (`mlops.cdktf.io/node-role: system`), never on nodes
 *   Karpenter itself manages (the chart's default affinity);
 * - requests and limits on the controller;
 * - the controller image pinned to `IMAGES.karpenterController`: the 1.14.1 chart's values.yaml still
 *   defaults `controller.image.tag` to 1.13.0 *with a digest*, and a digest wins over a tag, so the
 *   digest is cleared (`""`; the chart then renders `repository:tag`);
 * - feature gates only when turned on (`featureGates` prop or {@link Karpenter.enableFeatureGate}).
 *   NodeOverlay (MIG scale-from-zero) is one: a synth-time check fails when the app has a
 *   NodeOverlay for this cluster and the gate is off.
 */
import { TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { KubernetesManifest } from '../../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { systemNodeSelector } from '../../core/labels';
import { HelmChart, toYaml } from '../../core/helm-chart';
import { KubernetesStack, requireLayer } from '../../core/layers/mlops-stack';
import { deepMerge, PlainObject } from '../../core/merge';
import { ContainerResources } from '../../core/secrets/external-secrets-operator';
import { CHARTS, IMAGES } from '../../core/versions';
import { Schemas } from '../../core/schemas';
import { validateProps } from '../../core/validation';
import { KARPENTER_API, KARPENTER_DEFAULTS, KARPENTER_FEATURE_GATES, KarpenterFeatureGate } from './constants';
import { KarpenterAwsRef } from './karpenter-aws';

/** Requests and limits of the controller (Karpenter's docs suggest 1 CPU / 1Gi as a starting point). */
export const KARPENTER_CONTROLLER_RESOURCES: ContainerResources = {
  requests: { cpu: '500m', memory: '1Gi' },
  limits: { cpu: '1', memory: '1Gi' },
};

/** Props of {@link Karpenter}. */
export interface KarpenterProps {
  /** The AWS side: a {@link KarpenterAws}, or the names of an existing install. */
  readonly aws: KarpenterAwsRef;
  /**
   * Controller replicas (leader election; the second takes over within seconds).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Controller requests and limits.
   * @default KARPENTER_CONTROLLER_RESOURCES
   */
  readonly resources?: ContainerResources;
  /**
   * Feature gates to turn on (only these are written; the chart's defaults apply to the rest).
   * @default - none
   */
  readonly featureGates?: readonly KarpenterFeatureGate[];
  /**
   * Node selector of the controller.
   * @default { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Helm values deep-merged on top of the library's.
   * @default - none
   */
  readonly overrides?: PlainObject;
}

const schema = Schemas.props<KarpenterProps>()({
  aws: Schemas.construct('a KarpenterAws (or the names of an existing install)', {
    clusterName: Schemas.eksClusterName(),
    interruptionQueueName: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, { message: 'is not an SQS queue name; pass the name of the interruption queue' }),
    nodeRoleName: z.string().min(1, { message: 'is empty; pass the node role name' }),
    namespace: Schemas.k8sName(),
    serviceAccount: Schemas.dnsSubdomain(),
  }),
  replicas: z.number().int().min(1, { message: 'is below 1; run at least one controller (2 for high availability)' }).max(10, { message: 'is above 10; leader election runs one active controller, use 1-3' }).optional(),
  resources: Schemas.resources().optional(),
  featureGates: z
    .array(z.enum(KARPENTER_FEATURE_GATES as [KarpenterFeatureGate, ...KarpenterFeatureGate[]], { message: `is not a feature gate of the pinned chart; use one of ${KARPENTER_FEATURE_GATES.join(', ')}` }))
    .optional(),
  nodeSelector: Schemas.labels().optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

/** The Karpenter controller and its CRDs. */
export class Karpenter extends Construct {
  /** The `karpenter-crd` release (owns the CRDs). */
  public readonly crds: HelmChart;
  /** The `karpenter` release. */
  public readonly chart: HelmChart;
  public readonly clusterName: string;
  public readonly namespace: string;
  private readonly props: KarpenterProps;
  private readonly gates: Set<KarpenterFeatureGate>;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'Karpenter');
    this.props = props;
    this.clusterName = props.aws.clusterName;
    this.namespace = props.aws.namespace;
    this.gates = new Set(props.featureGates ?? []);
    this.crds = new HelmChart(this, 'crds', { chart: CHARTS.karpenterCrd, releaseName: KARPENTER_DEFAULTS.crdReleaseName, namespace: this.namespace });
    this.chart = new HelmChart(this, 'controller', {
      chart: CHARTS.karpenter,
      releaseName: KARPENTER_DEFAULTS.releaseName,
      namespace: this.namespace,
      values: this.baseValues(),
      overrides: props.overrides,
      skipCrds: true,
      dependsOn: [this.crds.release],
    });
    this.node.addValidation({ validate: () => this.checkNodeOverlayGate() });
  }

  /** The Helm values as synthesized (library values, enabled gates, user overrides). */
  public get values(): PlainObject {
    return deepMerge(this.baseValues(), this.props.overrides);
  }

  /** Feature gates turned on. */
  public get featureGates(): KarpenterFeatureGate[] {
    return [...this.gates].sort();
  }

  /** Turns a feature gate on (e.g. `nodeOverlay` for MIG node pools that scale from zero). */
  public enableFeatureGate(gate: KarpenterFeatureGate): void {
    if (!KARPENTER_FEATURE_GATES.includes(gate)) {
      throw new Error(`${this.node.path}: enableFeatureGate("${gate}"): not a feature gate of the pinned chart; use one of ${KARPENTER_FEATURE_GATES.join(', ')}`);
    }
    this.gates.add(gate);
    this.chart.release.values = [toYaml(this.values)];
  }

  private baseValues(): PlainObject {
    const p = this.props;
    const gates = this.featureGates;
    return {
      settings: {
        clusterName: p.aws.clusterName,
        interruptionQueue: p.aws.interruptionQueueName,
        ...(gates.length > 0 ? { featureGates: Object.fromEntries(gates.map((g) => [g, true])) } : {}),
      },
      replicas: p.replicas ?? 2,
      serviceAccount: { create: true, name: p.aws.serviceAccount },
      nodeSelector: systemNodeSelector(p.nodeSelector),
      controller: {
        image: { repository: IMAGES.karpenterController.repository, tag: IMAGES.karpenterController.tag, digest: '' },
        resources: toPlain(p.resources ?? KARPENTER_CONTROLLER_RESOURCES),
      },
    };
  }

  private checkNodeOverlayGate(): string[] {
    if (this.gates.has('nodeOverlay')) return [];
    const overlays = this.node.root.node.findAll().filter((c) => isNodeOverlayFor(c, this.clusterName));
    if (overlays.length === 0) return [];
    return [
      `${this.node.path}: the app has NodeOverlay ${overlays.map((o) => o.node.path).join(', ')} for cluster "${this.clusterName}" but the Karpenter feature gate nodeOverlay is off, ` +
        'so Karpenter ignores it and MIG pods never scale a pool from zero; pass featureGates: ["nodeOverlay"] or call karpenter.enableFeatureGate("nodeOverlay").',
    ];
  }
}

function toPlain(resources: ContainerResources): PlainObject {
  return JSON.parse(JSON.stringify(resources)) as PlainObject;
}

function isNodeOverlayFor(c: IConstruct, clusterName: string): boolean {
  // Any kubernetes_manifest: the library's KubernetesManifest or the provider binding's Manifest (both have manifestInput).
  if (!(c instanceof TerraformResource) || c.terraformResourceType !== KubernetesManifest.tfResourceType) return false;
  const manifest = (c as unknown as { manifestInput?: { kind?: unknown; apiVersion?: unknown } }).manifestInput;
  if (manifest?.kind !== KARPENTER_API.nodeOverlay.kind || manifest.apiVersion !== KARPENTER_API.nodeOverlay.apiVersion) return false;
  const stack = TerraformStack.of(c);
  return !(stack instanceof KubernetesStack) || stack.cluster.clusterName === clusterName;
}
