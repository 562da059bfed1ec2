/**
 * The destroy-order part of the deployability check:
 *
 * 1. layers: a library stack may depend only on stacks of its own or an earlier layer (data →
 *    cloud → platform → workloads); a data stack that reads a cloud stack's output could neither be
 *    deployed first nor outlive the cluster;
 * 2. controllers: an Ingress, LoadBalancer Service, PVC, StatefulSet with volume claims, NodePool,
 *    NodeClaim, EC2NodeClass or Gateway must not be in the same stack as the controller that turns
 *    it into AWS resources (see reconcilers.ts), and — when both stacks name the same cluster — its
 *    stack must depend on the controller's, so `cdktf destroy` deletes it while the controller still
 *    runs and the controller deletes what it made.
 */
import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { Layer, LAYER_ORDER } from './layer';
import { AWS_CONTROLLERS, AwsControllerKey, awsBackedObject, awsControllerOf, controllerClusterName } from './reconcilers';
import { synthMemo } from './synth-memo';

/** Resolves `value` (tokens included) in `stack` the way synthesis does. */
export function resolveIn(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
}

/** The fields of a Kubernetes object the deployability checks read. */
export interface ManifestHead {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string };
  /** `spec.group` (CRDs), `spec.type` (Services), whether `spec.volumeClaimTemplates` is set (StatefulSets). */
  readonly spec: { readonly group: string; readonly type: string; readonly volumeClaimTemplates?: true };
}

/**
 * The fields of `manifest` (a `kubernetes_manifest`'s `manifestInput`) that the checks read,
 * resolved in `stack`. Only those are resolved, not the whole object: a stack's manifests are most
 * of its resources, and the checks run on every synth.
 */
export function manifestHead(stack: TerraformStack, manifest: unknown): ManifestHead {
  type Json = Record<string, unknown>;
  const object = (value: unknown): Json => ((Tokenization.isResolvable(value) ? resolveIn(stack, value) : value) ?? {}) as Json;
  const field = (value: unknown): string => String(resolveIn(stack, value) ?? '');
  const m = object(manifest);
  const spec = object(m.spec);
  return {
    apiVersion: field(m.apiVersion ?? m.api_version),
    kind: field(m.kind),
    metadata: { name: field(object(m.metadata).name) },
    spec: { group: field(spec.group), type: field(spec.type), ...(spec.volumeClaimTemplates === undefined ? {} : { volumeClaimTemplates: true as const }) },
  };
}

/** Resource types other than `kubernetes_manifest` that {@link awsBackedObject} can recognize. */
const AWS_BACKED_TYPES = new Set([
  'kubernetes_ingress_v1',
  'kubernetes_ingress',
  'kubernetes_service_v1',
  'kubernetes_service',
  'kubernetes_persistent_volume_claim_v1',
  'kubernetes_persistent_volume_claim',
  'kubernetes_stateful_set_v1',
  'kubernetes_stateful_set',
]);

/** What {@link awsBackedObject} reads of `r`: the manifest's head, the whole body of the few typed kinds, nothing of the others. */
function synthesizedConfig(stack: TerraformStack, r: TerraformResource): Record<string, unknown> | undefined {
  if (r.terraformResourceType === 'kubernetes_manifest') {
    const input = (r as unknown as { manifestInput?: unknown }).manifestInput;
    return input === undefined ? undefined : { manifest: manifestHead(stack, input) };
  }
  if (!AWS_BACKED_TYPES.has(r.terraformResourceType)) return undefined;
  const synthesized = r.toTerraform();
  const byName = plainObject(plainObject(synthesized)?.resource)?.[r.terraformResourceType];
  const names = Object.keys(plainObject(byName) ?? {});
  const attributes = names.length === 1 ? plainObject((byName as Record<string, unknown>)[names[0]]) : undefined;
  if (!attributes) {
    const body = (resolveIn(stack, synthesized) as { resource?: Record<string, Record<string, Record<string, unknown>>> }).resource;
    return Object.values(body?.[r.terraformResourceType] ?? {})[0] ?? {};
  }
  // only what awsBackedObject reads, resolved as the whole body would resolve it (a Service's or Ingress's spec is most of it)
  const spec = plainObject(attributes.spec);
  return {
    metadata: resolveIn(stack, attributes.metadata),
    spec: spec ? { type: resolveIn(stack, spec.type), volume_claim_template: resolveIn(stack, spec.volume_claim_template) } : resolveIn(stack, attributes.spec),
  };
}

/** `value` when cdktf's resolve copies it key by key (a plain object, not a token, no token key); otherwise undefined. */
function plainObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Token.isUnresolved(value)) return undefined;
  return Object.keys(value).some((key) => Token.isUnresolved(key)) ? undefined : (value as Record<string, unknown>);
}

/** What the check reads of a library layer stack (duck-typed: mlops-stack.ts imports this module). */
interface LayeredStack {
  readonly layer?: Layer;
  readonly cluster?: { readonly clusterName?: string };
}

const layerOf = (stack: TerraformStack): Layer | undefined => (stack as unknown as LayeredStack).layer;
const clusterOf = (stack: TerraformStack): string | undefined => (stack as unknown as LayeredStack).cluster?.clusterName;

/** Dependencies of `stack` on stacks of a later layer. */
export function layerOrderProblems(stack: TerraformStack): string[] {
  const layer = layerOf(stack);
  if (layer === undefined) return [];
  return stack.dependencies
    .filter((d) => layerOf(d) !== undefined && LAYER_ORDER[layerOf(d)!] > LAYER_ORDER[layer])
    .map(
      (d) =>
        `${stack.node.id}: this ${layer} stack depends on ${layerOf(d)} stack "${d.node.id}" (a reference to one of its resources, or addDependency). ` +
        `A stack may use only stacks of its own or an earlier layer (data → cloud → platform → workloads): it is deployed before them and destroyed after them. ` +
        (layer === 'data'
          ? 'Pass the data layer literal values or values of the data stack (e.g. the Network\'s subnets, not the cluster\'s), and keep rules that name the cluster (security group ingress from its nodes) in the cloud layer.'
          : `Move what references "${d.node.id}" to that layer or a later one.`),
    );
}

/** A controller resource found somewhere in the app. */
interface ControllerSite {
  readonly key: AwsControllerKey;
  readonly address: string;
  readonly stack: TerraformStack;
  readonly cluster?: string;
}

const CONTROLLER_TYPES = new Set(['helm_release', 'aws_eks_addon', 'aws_eks_cluster']);

const SITES = Symbol('controller sites');

/** The controller sites of every stack of the app that contains `stack` (found once per synth: see synth-memo.ts). */
function controllerSites(stack: TerraformStack): readonly ControllerSite[] {
  return synthMemo(stack, SITES, () => findControllerSites(stack.node.root));
}

function findControllerSites(root: IConstruct): { value: ControllerSite[]; stacks: TerraformStack[] } {
  const sites: ControllerSite[] = [];
  const stacks: TerraformStack[] = [];
  for (const c of root.node.findAll()) {
    if (TerraformStack.isStack(c)) stacks.push(c);
    if (!(c instanceof TerraformResource) || !CONTROLLER_TYPES.has(c.terraformResourceType)) continue;
    const owner = TerraformStack.of(c);
    const config = controllerConfig(owner, c);
    const key = awsControllerOf(c.terraformResourceType, config);
    if (key === undefined) continue;
    const cluster = c.terraformResourceType === 'helm_release' ? clusterOf(owner) : controllerClusterName(c.terraformResourceType, config);
    sites.push({ key, address: `${c.terraformResourceType}.${c.friendlyUniqueId}`, stack: owner, cluster });
  }
  return { value: sites, stacks };
}

/** The few attributes that identify a controller, resolved (cheaper than the whole body of a Helm release). */
function controllerConfig(stack: TerraformStack, r: TerraformResource): Record<string, unknown> {
  const input = (name: string) => resolveIn(stack, (r as unknown as Record<string, unknown>)[name]);
  switch (r.terraformResourceType) {
    case 'helm_release':
      return { chart: input('chartInput') };
    case 'aws_eks_addon':
      return { addon_name: input('addonNameInput'), cluster_name: input('clusterNameInput') };
    default:
      return { name: input('nameInput') };
  }
}

/** AWS-backed Kubernetes objects of `stack` whose controller is in the same stack or not destroyed after them. */
export function controllerOrderProblems(stack: TerraformStack, resources: readonly TerraformResource[]): string[] {
  const objects = resources
    .filter((r) => r.terraformResourceType.startsWith('kubernetes_'))
    .map((r) => {
      const config = synthesizedConfig(stack, r);
      return { address: `${r.terraformResourceType}.${r.friendlyUniqueId}`, object: config === undefined ? undefined : awsBackedObject(r.terraformResourceType, config) };
    })
    .filter((o) => o.object !== undefined);
  if (objects.length === 0) return [];
  const sites = controllerSites(stack);
  const cluster = clusterOf(stack);
  const problems: string[] = [];
  for (const { address, object } of objects) {
    for (const site of sites.filter((s) => object!.controllers.includes(s.key))) {
      const controller = `${AWS_CONTROLLERS[site.key].name} (${site.address})`;
      const what = `${address} (${object!.label}), from which the ${controller} creates ${object!.creates}`;
      if (site.stack === stack) {
        problems.push(
          `${stack.node.id}: ${what}, is in the same stack as that controller. A destroy could delete the controller first and leave the AWS resources behind ` +
            '(they block deleting the VPC): put the object in a later layer than its controller — controllers in the platform layer (PlatformStack), Ingresses, Services, volume claims and NodePools in the workloads layer (WorkloadsStack).',
        );
      } else if (cluster !== undefined && site.cluster === cluster && !stack.dependsOn(site.stack)) {
        problems.push(
          `${stack.node.id}: ${what}, is in a stack that does not depend on the controller's stack "${site.stack.node.id}", so it may be destroyed after the controller and leave the AWS resources behind. ` +
            `Declare it in a later layer than "${site.stack.node.id}" (its stack must depend on that one).`,
        );
      }
    }
  }
  return problems;
}
