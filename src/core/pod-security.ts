/**
 * Requests/limits and locked-down security contexts of the containers the library writes itself
 * (monitoring's Evidently, Pushgateway, drift and retraining jobs; the vector database backup jobs;
 * Feast's materialization job and feature servers; the MLflow client user Job), in both spellings
 * the library emits: the kubernetes provider's typed blocks (`CronJobV1`, …) and raw Kubernetes
 * objects inside `kubernetes_manifest` or Helm values.
 */
import { ContainerResources } from './secrets/external-secrets-operator';
import { Schemas } from './schemas';

export type { ContainerResources };

/** Zod schema of {@link ContainerResources}: `Schemas.resources()` (limits at least requests). */
export const containerResourcesSchema = Schemas.resources();

/** Copy of resources as a plain object (no shared references in the synthesized JSON). */
export function resourcesBlock(r: ContainerResources): { requests: Record<string, string>; limits: Record<string, string> } {
  return { requests: { ...r.requests }, limits: Object.fromEntries(Object.entries(r.limits).filter(([, v]) => v !== undefined)) as Record<string, string> };
}

/** Pod security context: non-root with a fixed uid/gid, volumes group-owned by `gid`, RuntimeDefault seccomp. */
export function podSecurityContext(uid: number, gid: number): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: 'RuntimeDefault' } };
}

/**
 * Container security context: no privilege escalation, no capabilities, read-only root file system
 * unless the image needs to write (the same in both spellings).
 */
export function containerSecurityContext(readOnlyRootFilesystem = true) {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
}

/**
 * The pod context as the kubernetes provider's typed blocks take it (`run_as_user` is a string
 * there).
 */
export function providerPodSecurityContext(uid: number, gid: number) {
  return {
    runAsNonRoot: true,
    runAsUser: String(uid),
    runAsGroup: String(gid),
    fsGroup: String(gid),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
