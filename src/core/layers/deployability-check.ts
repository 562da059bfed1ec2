/**
 * The synth-time check that keeps a stack set deployable from an empty account:
 *
 * 1. a `kubernetes` or `helm` provider configured from a resource created in its own stack is an
 *    error (the provider cannot be configured reliably from a cluster created in the same apply);
 * 2. a `kubernetes_manifest` in the same stack as the Helm release (or CRD manifest) that installs its
 *    CRD is an error (Terraform cannot plan a custom resource whose CRD is not yet on the server);
 * 3. a stack that depends on a stack of a later layer is an error (destroy-order.ts);
 * 4. an Ingress, LoadBalancer Service, PVC, NodePool (… see reconcilers.ts) in the same stack as the
 *    controller that creates AWS resources from it, or in a stack not destroyed before that
 *    controller's, is an error: a destroy would leave the load balancers, volumes or instances behind
 *    (destroy-order.ts).
 *
 * `MlopsStack` registers it on every stack it creates; {@link enableDeployabilityCheck} adds it to a
 * stack of your own.
 */
import { TerraformElement, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct, IValidation } from 'constructs';
import { apiGroup, CRD_GROUPS_BY_CHART } from './crd-owners';
import { controllerOrderProblems, layerOrderProblems, manifestHead, resolveIn } from './destroy-order';
import { terraformElementsOf } from './prepared-synth';

export { resolveIn } from './destroy-order';

const K8S_PROVIDERS = new Set(['kubernetes', 'helm']);

/** Runs the checks on one stack and returns the problems found (empty when deployable). */
export function checkDeployability(stack: TerraformStack): string[] {
  const elements = terraformElementsOf(stack).filter((c): c is TerraformElement => c instanceof TerraformElement);
  const resources = elements.filter((e): e is TerraformResource => e instanceof TerraformResource);
  const addresses = new Map<string, TerraformResource>();
  for (const r of resources) addresses.set(`${r.terraformResourceType}.${r.friendlyUniqueId}`, r);

  const problems: string[] = [];
  for (const provider of elements.filter((e): e is TerraformProvider => e instanceof TerraformProvider)) {
    if (!K8S_PROVIDERS.has(provider.terraformResourceType)) continue;
    const config = JSON.stringify(resolveIn(stack, provider.toTerraform()));
    const own = referencedAddresses(config).filter((a) => addresses.has(a));
    if (own.length > 0) {
      problems.push(
        `${stack.node.id}: provider "${provider.terraformResourceType}" (${provider.node.path}) is configured from ${own.join(', ')}, created in this same stack. ` +
          'A kubernetes/helm provider cannot be configured reliably from a cluster created in the same apply: create the cluster in the cloud layer ' +
          '(CloudStack) and configure the provider in the platform or workloads layer (PlatformStack/WorkloadsStack) from a ClusterRef.',
      );
    }
  }

  const crdInstallers: Array<{ address: string; what: string; groups: readonly string[] }> = [];
  const manifests: Array<{ address: string; apiVersion: string; kind: string; name: string }> = [];
  for (const r of resources) {
    const address = `${r.terraformResourceType}.${r.friendlyUniqueId}`;
    if (r.terraformResourceType === 'helm_release') {
      const chart = resolveIn(stack, (r as unknown as { chartInput?: string }).chartInput);
      const groups = typeof chart === 'string' ? CRD_GROUPS_BY_CHART[chartName(chart)] : undefined;
      if (groups) crdInstallers.push({ address, what: `chart ${chartName(chart as string)}`, groups });
    } else if (r.terraformResourceType === 'kubernetes_manifest') {
      const input = (r as unknown as { manifestInput?: unknown }).manifestInput;
      if (!input) continue;
      const manifest = manifestHead(stack, input);
      if (manifest.kind === 'CustomResourceDefinition') {
        if (manifest.spec.group) crdInstallers.push({ address, what: `CRD ${manifest.metadata.name}`, groups: [manifest.spec.group] });
      } else {
        manifests.push({ address, apiVersion: manifest.apiVersion, kind: manifest.kind, name: manifest.metadata.name });
      }
    }
  }
  for (const m of manifests) {
    const group = apiGroup(m.apiVersion);
    if (group === '') continue;
    for (const installer of crdInstallers) {
      if (!installer.groups.includes(group)) continue;
      problems.push(
        `${stack.node.id}: ${m.address} (${m.kind} ${m.apiVersion} "${m.name}") is in the same stack as ${installer.address} (${installer.what}), which installs its CRD. ` +
          'Terraform cannot plan a custom resource before its CRD exists: move the custom resource to the workloads layer (WorkloadsStack) ' +
          'and keep the chart in the platform layer (PlatformStack).',
      );
    }
  }
  problems.push(...layerOrderProblems(stack), ...controllerOrderProblems(stack, resources));
  return problems;
}

/** `oci://…/karpenter` or `karpenter` → `karpenter`. */
function chartName(chart: string): string {
  const parts = chart.split('/');
  return parts[parts.length - 1];
}

/** Resource addresses (`type.name`) referenced from `${…}` expressions in `text`. */
export function referencedAddresses(text: string): string[] {
  const found = new Set<string>();
  for (const expr of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const ref of expr[1].matchAll(/(?<![\w.])([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      if (['data', 'var', 'local', 'module', 'each', 'count', 'path', 'self', 'terraform'].includes(ref[1])) continue;
      found.add(`${ref[1]}.${ref[2]}`);
    }
  }
  return [...found].sort();
}

class DeployabilityValidation implements IValidation {
  constructor(private readonly stack: TerraformStack) {}
  validate(): string[] {
    return checkDeployability(this.stack);
  }
}

const ENABLED = Symbol.for('cdktf-mlops.deployability-check');

/** Adds the deployability check to a stack (once). */
export function enableDeployabilityCheck(stack: TerraformStack): void {
  const marked = stack as unknown as Record<symbol, boolean>;
  if (marked[ENABLED]) return;
  marked[ENABLED] = true;
  stack.node.addValidation(new DeployabilityValidation(stack));
}

/** True if `c` is inside a stack that has the deployability check. */
export function hasDeployabilityCheck(c: IConstruct): boolean {
  return !!(TerraformStack.of(c) as unknown as Record<symbol, boolean>)[ENABLED];
}
