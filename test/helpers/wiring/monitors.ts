/**
 * Scrape wiring, as prometheus-operator v0.93 turns monitors into relabeling
 * (`pkg/prometheus/promcfg.go`): a PodMonitor endpoint's `port` / `portNumber` keeps only targets
 * whose pod *declares* a container port of that name / number; a ServiceMonitor endpoint's `port`
 * keeps only endpoints of a Service port of that name, whose Service must select some pod (and, for
 * a named `targetPort`, a pod declaring that name). Each monitor endpoint must keep at least one
 * target of the set.
 */
import { Inventory, PodInfo, ServiceInfo } from './inventory';
import { KubeObject } from './model';

interface Selector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: ReadonlyArray<{ key: string; operator: string; values?: string[] }>;
}

/** Whether a label selector (matchLabels and the four matchExpressions operators) selects `labels`. */
export function selects(selector: Selector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'Exists') return has;
    if (e.operator === 'DoesNotExist') return !has;
    if (e.operator === 'In') return has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(labels[e.key]);
    return false;
  });
  return byLabels && byExpressions;
}

/** A Service's selector as a label selector (a Service selects pods by plain labels). */
const serviceSelects = (service: ServiceInfo, pod: PodInfo): boolean =>
  pod.namespace === service.namespace && service.selector !== undefined && Object.keys(service.selector).length > 0 && selects({ matchLabels: { ...service.selector } }, pod.labels);

function inNamespaces(monitor: any, namespace: string, own: string | undefined): boolean {
  const ns = monitor.spec?.namespaceSelector;
  if (ns?.any === true) return true;
  return (ns?.matchNames ?? [own]).includes(namespace);
}

const describePorts = (ports: ReadonlyArray<{ name?: string; containerPort?: number; port?: number }>) =>
  ports.length === 0 ? 'none' : ports.map((p) => `${p.name ?? '(unnamed)'}:${p.containerPort ?? p.port}`).join(', ');

/** A monitor's manifest, how problems name it, and which of `candidates` (pods or Services) it selects. */
function selection<T extends { readonly namespace: string; readonly labels: Readonly<Record<string, string>> }>(o: KubeObject, candidates: readonly T[]) {
  const m = o.resource.body.manifest;
  const where = `${o.resource.stack} ${o.resource.address} (${o.kind} ${o.namespace}/${o.name})`;
  return { m, where, selected: candidates.filter((c) => inNamespaces(m, c.namespace, o.namespace) && selects(m.spec?.selector, c.labels)) };
}

/** Problems of one PodMonitor. */
function podMonitorProblems(o: KubeObject, inventory: Inventory): string[] {
  const { m, where, selected: pods } = selection(o, inventory.pods);
  if (pods.length === 0) return [`${where}: selects no pod of the set`];
  return ((m.spec?.podMetricsEndpoints ?? []) as any[]).flatMap((ep, i) => {
    const keeps = (p: PodInfo) =>
      ep.port !== undefined ? p.ports.some((d) => d.name === ep.port) : ep.portNumber !== undefined ? p.ports.some((d) => d.containerPort === Number(ep.portNumber)) : true;
    if (pods.some(keeps)) return [];
    const wanted = ep.port !== undefined ? `port "${ep.port}"` : `portNumber ${ep.portNumber}`;
    return [`${where}: endpoint ${i} scrapes ${wanted}, which none of the ${pods.length} selected pod(s) declares (declared: ${pods.map((p) => `${describePorts(p.ports)} from ${p.from}`).join('; ')})`];
  });
}

/** Problems of one ServiceMonitor. */
function serviceMonitorProblems(o: KubeObject, inventory: Inventory): string[] {
  const { m, where, selected: services } = selection(o, inventory.services);
  if (services.length === 0) return [`${where}: selects no Service of the set`];
  return ((m.spec?.endpoints ?? []) as any[]).flatMap((ep, i) => {
    if (ep.port === undefined) return [`${where}: endpoint ${i} has no port name; the check reads named Service ports only`];
    const withPort = services.filter((s) => s.ports.some((p) => p.name === ep.port));
    if (withPort.length === 0) {
      return [`${where}: endpoint ${i} scrapes port "${ep.port}", which none of the selected Services has (${services.map((s) => `${s.namespace}/${s.name}: ${describePorts(s.ports)}`).join('; ')})`];
    }
    const served = withPort.some((s) => {
      const target = s.ports.find((p) => p.name === ep.port)!.targetPort;
      return inventory.pods.some((p) => serviceSelects(s, p) && (typeof target === 'number' || p.ports.some((d) => d.name === target)));
    });
    return served ? [] : [`${where}: endpoint ${i}: Service(s) ${withPort.map((s) => `${s.namespace}/${s.name}`).join(', ')} select no pod that serves port "${ep.port}" (no endpoints)`];
  });
}

/** Problems of every PodMonitor and ServiceMonitor of a set. */
export function monitorProblems(inventory: Inventory): string[] {
  return inventory.objects.flatMap((o) => {
    if (o.resource.type !== 'kubernetes_manifest' || !String(o.resource.body.manifest.apiVersion).startsWith('monitoring.coreos.com/')) return [];
    if (o.kind === 'PodMonitor') return podMonitorProblems(o, inventory);
    if (o.kind === 'ServiceMonitor') return serviceMonitorProblems(o, inventory);
    return [];
  });
}
