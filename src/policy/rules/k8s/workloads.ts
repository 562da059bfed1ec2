/**
 * Pod specs of Kubernetes workloads, read the same way from the kubernetes provider's resources
 * (`kubernetes_deployment_v1`, … — snake_case, `container` blocks) and from `kubernetes_manifest`
 * (the Kubernetes object, camelCase, `containers` lists).
 */
import { SynthesizedResource } from '../../types';
import { block, blocks, isObject, isUnresolved, Json } from '../../values';
import { manifestOf } from './manifest';

/** kubernetes provider workload types → path of the pod spec (in Kubernetes names). */
const TEMPLATE_SPEC = ['spec', 'template', 'spec'] as const;
const CRON_JOB_SPEC = ['spec', 'jobTemplate', 'spec', 'template', 'spec'] as const;
const TERRAFORM_POD_PATHS: Readonly<Record<string, readonly string[]>> = {
  kubernetes_deployment: TEMPLATE_SPEC,
  kubernetes_deployment_v1: TEMPLATE_SPEC,
  kubernetes_stateful_set: TEMPLATE_SPEC,
  kubernetes_stateful_set_v1: TEMPLATE_SPEC,
  kubernetes_daemonset: TEMPLATE_SPEC,
  kubernetes_daemon_set_v1: TEMPLATE_SPEC,
  kubernetes_job: TEMPLATE_SPEC,
  kubernetes_job_v1: TEMPLATE_SPEC,
  kubernetes_replication_controller: TEMPLATE_SPEC,
  kubernetes_replication_controller_v1: TEMPLATE_SPEC,
  kubernetes_cron_job: CRON_JOB_SPEC,
  kubernetes_cron_job_v1: CRON_JOB_SPEC,
  kubernetes_pod: ['spec'],
  kubernetes_pod_v1: ['spec'],
};

/** Workload kinds of `kubernetes_manifest` (core groups only) → path of the pod spec. */
const MANIFEST_POD_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: TEMPLATE_SPEC,
  StatefulSet: TEMPLATE_SPEC,
  DaemonSet: TEMPLATE_SPEC,
  ReplicaSet: TEMPLATE_SPEC,
  ReplicationController: TEMPLATE_SPEC,
  Job: TEMPLATE_SPEC,
  CronJob: CRON_JOB_SPEC,
  Pod: ['spec'],
};
const CORE_GROUPS = new Set(['', 'apps', 'batch']);

/** The kubernetes provider resource types that hold a pod spec. */
export const WORKLOAD_TYPES: readonly string[] = Object.keys(TERRAFORM_POD_PATHS).sort();

/** Kubernetes field names that do not follow the camelCase → snake_case pattern in the provider. */
const TERRAFORM_NAMES: Readonly<Record<string, string>> = {
  hostPID: 'host_pid',
  hostIPC: 'host_ipc',
  containers: 'container',
  initContainers: 'init_container',
};

/** One container of a pod spec. */
export interface ContainerView {
  /** `container "name"` or `init container "name"`. */
  readonly label: string;
  readonly fields: Json;
}

/** A pod spec with field access in its own naming style. */
export interface PodSpecView {
  /** Where the pod spec is inside a custom resource (`spec.predictor`), `''` for workload kinds. */
  readonly where: string;
  /** Field name as the resource spells it (`runAsNonRoot` or `run_as_non_root`). */
  name(field: string): string;
  /** A field of `obj` by its Kubernetes name (nested blocks unwrapped). */
  get(obj: Json | undefined, field: string): unknown;
  /** The pod spec. */
  readonly spec: Json;
  /** Containers and init containers. */
  readonly containers: readonly ContainerView[];
}

function terraformName(field: string): string {
  return TERRAFORM_NAMES[field] ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function view(spec: Json, style: 'terraform' | 'kubernetes', where = ''): PodSpecView {
  const name = style === 'terraform' ? terraformName : (f: string) => f;
  const get = (obj: Json | undefined, field: string): unknown => {
    if (!obj) return undefined;
    const value = obj[name(field)];
    return style === 'terraform' && Array.isArray(value) && !['containers', 'initContainers'].includes(field) && value.length === 1 && isObject(value[0]) ? value[0] : value;
  };
  const containers: ContainerView[] = [];
  for (const [field, kind] of [['containers', 'container'], ['initContainers', 'init container']] as const) {
    blocks(spec[name(field)]).forEach((c, i) => containers.push({ label: `${kind} "${typeof c.name === 'string' ? c.name : i}"`, fields: c }));
  }
  return { where, name, get, spec, containers };
}

/**
 * The pod specs of a resource: the one pod spec of a workload (kubernetes_* type or core workload
 * kind), or — best effort — every object with a `containers` list inside a custom resource
 * (InferenceService predictors, ScaledJob job templates, …). `'unknown'` when the spec is an
 * unresolved reference; undefined for resources that hold no pod spec.
 */
export function podSpecsOf(resource: SynthesizedResource): PodSpecView[] | 'unknown' | undefined {
  // every workload rule asks for the same resource's pod specs: find them once
  if (!POD_SPECS.has(resource.attributes)) POD_SPECS.set(resource.attributes, findPodSpecs(resource));
  return POD_SPECS.get(resource.attributes);
}

const POD_SPECS = new WeakMap<object, PodSpecView[] | 'unknown' | undefined>();

function findPodSpecs(resource: SynthesizedResource): PodSpecView[] | 'unknown' | undefined {
  const tfPath = TERRAFORM_POD_PATHS[resource.type];
  if (tfPath) {
    let current: unknown = resource.attributes;
    for (const key of tfPath) {
      if (isUnresolved(current)) return 'unknown';
      current = block(current)?.[terraformName(key)];
    }
    if (isUnresolved(current)) return 'unknown';
    const spec = block(current);
    return spec ? [view(spec, 'terraform')] : undefined;
  }
  const manifest = manifestOf(resource);
  if (manifest === 'unknown') return 'unknown';
  if (!manifest) return undefined;
  if (!CORE_GROUPS.has(manifest.group)) {
    const found = podLikeObjects(manifest.raw.spec, 'spec');
    return found.length > 0 ? found.map(([where, spec]) => view(spec, 'kubernetes', where)) : undefined;
  }
  const path = MANIFEST_POD_PATHS[manifest.kind];
  if (!path) return undefined;
  let current: unknown = manifest.raw;
  for (const key of path) {
    if (isUnresolved(current)) return 'unknown';
    current = isObject(current) ? current[key] : undefined;
  }
  return isObject(current) ? [view(current, 'kubernetes')] : undefined;
}

/** Objects holding a `containers` list of objects, with their paths (not descending into them). */
function podLikeObjects(value: unknown, path: string): Array<[string, Json]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => podLikeObjects(v, `${path}[${i}]`));
  if (!isObject(value)) return [];
  if (Array.isArray(value.containers) && value.containers.some(isObject)) return [[path, value]];
  return Object.keys(value)
    .sort()
    .flatMap((k) => podLikeObjects(value[k], `${path}.${k}`));
}

/** The security context of a container (or undefined). */
export function containerSecurityContext(pod: PodSpecView, c: ContainerView): Json | undefined {
  const sc = pod.get(c.fields, 'securityContext');
  return isObject(sc) ? sc : undefined;
}

/** The pod-level security context (or undefined). */
export function podSecurityContext(pod: PodSpecView): Json | undefined {
  const sc = pod.get(pod.spec, 'securityContext');
  return isObject(sc) ? sc : undefined;
}
