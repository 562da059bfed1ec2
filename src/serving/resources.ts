/** Container resources and security context of model servers. */
import { Schemas } from '../core/schemas';

/** Requests and limits of a model server container (both required: no unbounded pods). */
export interface PredictorResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu?: string; readonly memory: string };
}

/** Zod schema of {@link PredictorResources}: `Schemas.resources()` (limits at least requests). */
export const resourcesSchema = Schemas.resources({ message: 'is required; give requests (cpu, memory) and limits (memory) so the pod is schedulable and bounded' });

/**
 * Security context of model server containers: non-root, no privilege escalation, no capabilities.
 * The root filesystem stays writable: the KServe model servers write caches under the home and
 * /tmp directories of their images.
 */
export const MODEL_CONTAINER_SECURITY = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** The `resources` of a container: requests/limits plus extended resources (GPUs) in both. */
export function containerResources(resources: PredictorResources, extended: Readonly<Record<string, number>> = {}): Record<string, Record<string, string>> {
  const ext = Object.fromEntries(Object.keys(extended).sort().map((k) => [k, String(extended[k])]));
  return {
    requests: { cpu: resources.requests.cpu, memory: resources.requests.memory, ...ext },
    limits: { ...(resources.limits.cpu ? { cpu: resources.limits.cpu } : {}), memory: resources.limits.memory, ...ext },
  };
}
