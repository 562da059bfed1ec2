/**
 * What the cost estimate reads from Helm values: LoadBalancer Services and the PVCs a chart creates
 * (`volumeClaimTemplate(s)`, `persistence`/`persistentVolume` with a `size`), with the replicas that
 * multiply them. Split from cost.ts, which prices what these find.
 */
import { valueAt } from './attributes';

/** A number, or a string of digits, as a number; anything else undefined. */
export function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
  return n;
}

export function loadBalancerValueCount(values: unknown): number {
  if (Array.isArray(values)) return values.reduce((n: number, v) => n + loadBalancerValueCount(v), 0);
  if (typeof values !== 'object' || values === null) return 0;
  return Object.entries(values).reduce((n, [k, v]) => n + (k === 'type' && v === 'LoadBalancer' ? 1 : loadBalancerValueCount(v)), 0);
}

/** Words a values document has when it defines a priced LoadBalancer or claim (see helmClaims); others are not parsed. */
export const HELM_COST_KEYS = /LoadBalancer|volumeClaimTemplate|persistence|persistentVolume/;

/** A PVC a Helm chart creates, found in its values. */
export interface HelmClaim {
  /** Values path of the block that defines the claim (`prometheus.prometheusSpec.storageSpec`). */
  readonly path: string;
  /** Values path of the size (for messages). */
  readonly sizePath: string;
  readonly quantity: unknown;
  readonly replicas: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** PVCs defined in parsed Helm values (see the file comment for what is recognised). */
export function helmClaims(values: unknown, path: string, replicas: number, out: HelmClaim[]): void {
  if (Array.isArray(values)) {
    values.forEach((v, i) => helmClaims(v, at(path, i), replicas, out));
    return;
  }
  if (!isRecord(values) || values.enabled === false) return;
  const own = num(values.replicas) ?? num(values.replicaCount);
  const n = own ?? replicas;
  for (const [key, v] of Object.entries(values)) {
    const here = at(path, key);
    if (key === 'volumeClaimTemplate' && isRecord(v) && valueAt(v, 'spec.resources.requests.storage') !== undefined) {
      out.push({ path: path || key, sizePath: `${here}.spec.resources.requests.storage`, quantity: valueAt(v, 'spec.resources.requests.storage'), replicas: n });
    } else if (key === 'volumeClaimTemplates' && Array.isArray(v)) {
      v.forEach((t, i) => {
        const q = valueAt(t, 'spec.resources.requests.storage');
        if (q !== undefined) out.push({ path: at(here, i), sizePath: `${at(here, i)}.spec.resources.requests.storage`, quantity: q, replicas: n });
      });
    } else if ((key === 'persistence' || key === 'persistentVolume') && isRecord(v) && v.size !== undefined) {
      if (v.enabled !== false && v.existingClaim === undefined) out.push({ path: here, sizePath: `${here}.size`, quantity: v.size, replicas: n });
    } else {
      helmClaims(v, here, n, out);
    }
  }
}
