/**
 * What a stack set will run in the cluster once deployed: pods (labels and declared container
 * ports), Services, ServiceAccounts and Secrets — from the synthesized objects themselves, from the
 * charts the set installs and from what KServe and Envoy Gateway create for its custom resources
 * (upstream-objects.ts).
 */
import { chartName, helmFullname, KubeObject, kubeObjects, releaseValues, SetJson, valueReader } from './model';
import { AI_GATEWAY, CHART_OBJECTS, DeclaredPort, ENVOY_GATEWAY, KNATIVE, KSERVE, ServicePortInfo } from './upstream-objects';

/** A pod (template) that will run. */
export interface PodInfo {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly DeclaredPort[];
  readonly from: string;
}

/** A Service that will exist. */
export interface ServiceInfo {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePortInfo[];
  readonly from: string;
}

/** A Secret that will exist: its keys, or `'*'` when they are only known at run time (`dataFrom`). */
export interface SecretInfo {
  readonly keys: ReadonlySet<string> | '*';
  readonly from: string;
}

export interface Inventory {
  readonly objects: readonly KubeObject[];
  readonly pods: readonly PodInfo[];
  readonly services: readonly ServiceInfo[];
  /** `namespace/name` → what creates it. */
  readonly serviceAccounts: ReadonlyMap<string, string>;
  /** `namespace/name` → the Secret. */
  readonly secrets: ReadonlyMap<string, SecretInfo>;
}

export const nsName = (namespace: string | undefined, name: string): string => `${namespace ?? '?'}/${name}`;
const where = (o: KubeObject): string => `${o.resource.stack} ${o.resource.address}`;

/** Builds the inventory of one set. */
export function inventoryOf(set: SetJson): Inventory {
  const objects = kubeObjects(set);
  const pods: PodInfo[] = [];
  const services: ServiceInfo[] = [];
  const serviceAccounts = new Map<string, string>();
  const secrets = new Map<string, SecretInfo>();
  const manifests = objects.filter((o) => o.resource.type === 'kubernetes_manifest');
  for (const o of objects) {
    if (o.kind === 'HelmRelease') chartObjects(o, pods, services, serviceAccounts);
    else if (o.kind === 'InferenceService') kservePredictor(o, manifests, objects, pods, services);
    else if (o.kind === 'Gateway') envoyProxies(o, manifests, objects, pods);
    else if (o.kind === 'ServiceAccount') serviceAccounts.set(nsName(o.namespace, o.name), where(o));
    else if (o.kind === 'Service') services.push(ownService(o));
    else if (o.kind === 'ExternalSecret') secrets.set(nsName(o.namespace, o.resource.body.manifest.spec?.target?.name ?? o.name), { keys: externalSecretKeys(o.resource.body.manifest.spec ?? {}), from: where(o) });
    else if (o.kind === 'Secret') secrets.set(nsName(o.namespace, o.name), { keys: new Set(secretKeys(o.resource.body)), from: where(o) });
    if (o.resource.type !== 'helm_release' && o.kind !== 'InferenceService') {
      for (const t of podTemplates(o.resource.body)) pods.push({ namespace: o.namespace ?? '?', labels: t.labels, ports: t.ports, from: where(o) });
    }
  }
  return { objects, pods, services, serviceAccounts, secrets };
}

/** Pod templates anywhere in a resource body: objects with `metadata` and a `spec` with containers (typed snake_case or manifest camelCase). */
function podTemplates(value: unknown, out: Array<{ labels: Record<string, string>; ports: DeclaredPort[] }> = []): Array<{ labels: Record<string, string>; ports: DeclaredPort[] }> {
  if (Array.isArray(value)) value.forEach((v) => podTemplates(v, out));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  const o = value as Record<string, any>;
  const containers: any[] | undefined = o.spec?.container ?? o.spec?.containers;
  if (o.metadata && Array.isArray(containers)) {
    const ports = containers.flatMap((c) => [...(c.port ?? []), ...(c.ports ?? [])].map((p: any) => ({ name: p.name, containerPort: Number(p.container_port ?? p.containerPort) })));
    out.push({ labels: { ...(o.metadata.labels ?? {}) }, ports });
  }
  for (const [k, v] of Object.entries(o)) if (k !== '//') podTemplates(v, out);
  return out;
}

function ownService(o: KubeObject): ServiceInfo {
  const body = o.resource.type === 'kubernetes_manifest' ? o.resource.body.manifest : o.resource.body;
  const ports = ((body.spec?.port ?? body.spec?.ports ?? []) as any[]).map((p) => ({ name: p.name, port: Number(p.port), targetPort: p.target_port ?? p.targetPort ?? Number(p.port) }));
  return { namespace: o.namespace ?? '?', name: o.name, labels: o.labels, selector: body.spec?.selector, ports, from: `${o.resource.stack} ${o.resource.address}` };
}

function chartObjects(o: KubeObject, pods: PodInfo[], services: ServiceInfo[], serviceAccounts: Map<string, string>): void {
  const chart = chartName(String(o.resource.body.chart));
  const spec = CHART_OBJECTS[chart];
  if (!spec) return;
  const values = releaseValues(o.resource.body);
  const v = valueReader(values);
  const namespace = o.namespace ?? 'default';
  const name = v('nameOverride', '') || chart;
  const fullname = helmFullname(o.name, name, values);
  const selector = spec.selectorLabels(name, o.name);
  const from = `${o.resource.stack} ${o.resource.address} (chart ${chart})`;
  if (spec.podPorts) pods.push({ namespace, labels: { ...selector, ...(spec.podLabelsValue ? v(spec.podLabelsValue, {}) : {}) }, ports: spec.podPorts(v), from });
  if (spec.servicePorts) services.push({ namespace, name: fullname, labels: { ...selector, 'app.kubernetes.io/managed-by': 'Helm' }, selector, ports: spec.servicePorts(v), from });
  for (const sa of spec.serviceAccounts?.(v, fullname) ?? []) serviceAccounts.set(nsName(namespace, sa), from);
  for (const c of spec.components?.(v, o.name) ?? []) {
    pods.push({ namespace, labels: c.pod.labels, ports: c.pod.ports, from });
    if (c.service) services.push({ namespace, name: c.service.name, labels: { ...c.service.labels, 'app.kubernetes.io/managed-by': 'Helm' }, selector: c.service.selector, ports: c.service.ports, from });
  }
}

/** The predictor pods (and, in Standard mode, Service) KServe creates for an InferenceService. */
function kservePredictor(o: KubeObject, manifests: readonly KubeObject[], objects: readonly KubeObject[], pods: PodInfo[], services: ServiceInfo[]): void {
  const isvc = o.resource.body.manifest;
  const predictor = isvc.spec?.predictor ?? {};
  const namespace = o.namespace ?? '?';
  const from = `${o.resource.stack} ${o.resource.address} (KServe predictor)`;
  const container = predictor.model ?? predictor.containers?.[0] ?? {};
  const runtime = manifests.find((m) => m.kind === 'ServingRuntime' && m.namespace === namespace && m.name === container.runtime);
  const runtimePorts: DeclaredPort[] = runtime ? (runtime.resource.body.manifest.spec.containers?.[0]?.ports ?? []) : [...(KSERVE.clusterRuntimePorts[container.runtime] ?? [])];
  const merged = new Map<number, DeclaredPort>();
  for (const p of [...runtimePorts, ...((container.ports ?? []) as DeclaredPort[])]) merged.set(Number(p.containerPort), { name: p.name, containerPort: Number(p.containerPort) });
  const ports = [...merged.values()];
  const labels = { ...(isvc.metadata?.labels ?? {}), ...(predictor.labels ?? {}), [KSERVE.podLabel]: o.name, [KSERVE.componentLabel]: 'predictor' };
  if (deploymentMode(isvc, objects) === 'Knative') {
    pods.push({ namespace, labels, ports: [{ name: KNATIVE.userPortName, containerPort: ports[0]?.containerPort ?? KNATIVE.defaultUserPort }], from: `${from}, Knative revision` });
    return;
  }
  const app = `isvc.${o.name}-predictor`;
  pods.push({ namespace, labels: { ...labels, app }, ports, from });
  const servicePorts: ServicePortInfo[] =
    ports.length === 0
      ? [{ name: `${o.name}-predictor`, port: KSERVE.servicePort, targetPort: KSERVE.defaultTargetPort }]
      : ports.map((p, i) => ({ name: p.name, port: i === 0 ? KSERVE.servicePort : p.containerPort, targetPort: p.containerPort }));
  services.push({ namespace, name: `${o.name}-predictor`, labels, selector: { app }, ports: servicePorts, from });
}

/** `Standard` or `Knative`: the annotation, else the controller default the set's kserve-resources release configures (chart default Knative). */
function deploymentMode(isvc: any, objects: readonly KubeObject[]): 'Standard' | 'Knative' {
  const annotated = isvc.metadata?.annotations?.['serving.kserve.io/deploymentMode'];
  const release = objects.find((o) => o.kind === 'HelmRelease' && chartName(String(o.resource.body.chart)) === 'kserve-resources');
  const mode = annotated ?? (release ? valueReader(releaseValues(release.resource.body))('kserve.controller.deploymentMode', 'Knative') : 'Knative');
  return mode === 'Knative' || mode === 'Serverless' ? 'Knative' : 'Standard';
}

/** The proxy pods Envoy Gateway runs for a Gateway of a class it controls, in its own namespace. */
function envoyProxies(o: KubeObject, manifests: readonly KubeObject[], objects: readonly KubeObject[], pods: PodInfo[]): void {
  const gateway = o.resource.body.manifest;
  const gatewayClass = manifests.find((m) => m.kind === 'GatewayClass' && m.name === gateway.spec?.gatewayClassName);
  const controller = objects.find((r) => r.kind === 'HelmRelease' && chartName(String(r.resource.body.chart)) === ENVOY_GATEWAY.chart);
  if (gatewayClass?.resource.body.manifest.spec?.controllerName !== ENVOY_GATEWAY.controllerName || !controller?.namespace) return;
  const refs = [gatewayClass.resource.body.manifest.spec?.parametersRef, gateway.spec?.infrastructure?.parametersRef].filter((r) => r?.kind === 'EnvoyProxy');
  const proxies = manifests.filter((m) => m.kind === 'EnvoyProxy' && refs.some((r) => r.name === m.name && (r.namespace ?? o.namespace) === m.namespace));
  const prometheusOff = proxies.some((p) => p.resource.body.manifest.spec?.telemetry?.metrics?.prometheus?.disable === true);
  const labels = { ...ENVOY_GATEWAY.labels, 'gateway.envoyproxy.io/owning-gateway-name': o.name, 'gateway.envoyproxy.io/owning-gateway-namespace': o.namespace ?? '?' };
  const extProc = aiGatewayExtProc(o, labels, manifests, objects);
  pods.push({
    namespace: controller.namespace,
    labels,
    ports: [...(prometheusOff ? [] : [ENVOY_GATEWAY.metricsPort]), ENVOY_GATEWAY.readinessPort, ...(extProc ? [AI_GATEWAY.adminPort] : [])],
    from: `${o.resource.stack} ${o.resource.address} (Envoy Gateway proxy${extProc ? ', AI gateway external processor' : ''})`,
  });
}

/** Whether the AI gateway's webhook adds its external processor to the proxy pods of `gateway` (labelled `labels`). */
function aiGatewayExtProc(gateway: KubeObject, labels: Record<string, string>, manifests: readonly KubeObject[], objects: readonly KubeObject[]): boolean {
  const release = objects.find((r) => r.kind === 'HelmRelease' && chartName(String(r.resource.body.chart)) === AI_GATEWAY.chart);
  if (!release) return false;
  const selector = valueReader(releaseValues(release.resource.body))('controller.mutatingWebhook.objectSelector.matchLabels', AI_GATEWAY.defaultObjectSelector);
  if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) return false;
  return manifests.some(
    (m) =>
      m.kind === 'AIGatewayRoute' &&
      ((m.resource.body.manifest.spec?.parentRefs ?? []) as any[]).some((ref) => (ref.kind ?? 'Gateway') === 'Gateway' && ref.name === gateway.name && (ref.namespace ?? m.namespace) === gateway.namespace),
  );
}

/**
 * Keys of the Secret an ExternalSecret writes (external-secrets v2.9.0, `spec.target.template`): with a
 * template and `mergePolicy: Replace` (the default) only the template's keys; with `Merge` also the
 * fetched ones; without a template the fetched ones. Fetched keys are `data[].secretKey`, and
 * unknown until run time for `dataFrom`.
 */
export function externalSecretKeys(spec: any): ReadonlySet<string> | '*' {
  const template = spec.target?.template;
  const templated = Object.keys(template?.data ?? {});
  if (template && (template.mergePolicy ?? 'Replace') === 'Replace') return template.templateFrom ? '*' : new Set(templated);
  if ((spec.dataFrom ?? []).length > 0) return '*';
  return new Set([...templated, ...((spec.data ?? []) as any[]).map((d) => String(d.secretKey))]);
}

function secretKeys(body: any): string[] {
  const source = body.manifest ?? body;
  return [...Object.keys(source.data ?? {}), ...Object.keys(source.data_wo ?? {}), ...Object.keys(source.binary_data ?? {}), ...Object.keys(source.stringData ?? {})];
}
