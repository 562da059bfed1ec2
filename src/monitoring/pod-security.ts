/**
 * Requests/limits and locked-down security contexts shared by the containers the monitoring
 * constructs write themselves (Evidently, Pushgateway, the drift CronJob, the retraining Job), in
 * both spellings the library emits: the kubernetes provider's typed blocks (`CronJobV1`, …) and
 * raw Kubernetes objects inside `kubernetes_manifest` (ScaledJob).
 */
import { z } from 'zod';
import { ContainerResources } from '../core/secrets/external-secrets-operator';
import { Schemas } from '../core/validation';

export type { ContainerResources };

/** Zod schema of {@link ContainerResources}. */
export const containerResourcesSchema = z.object({
  requests: z.object({ cpu: Schemas.quantity(), memory: Schemas.quantity() }),
  limits: z.object({ cpu: Schemas.quantity().optional(), memory: Schemas.quantity() }),
});

/** Copy of resources as a plain object (no shared references in the synthesized JSON). */
export function resourcesBlock(r: ContainerResources): { requests: Record<string, string>; limits: Record<string, string> } {
  return { requests: { ...r.requests }, limits: Object.fromEntries(Object.entries(r.limits).filter(([, v]) => v !== undefined)) as Record<string, string> };
}

/** Pod security context: non-root with a fixed uid/gid, volumes group-owned by `gid`, RuntimeDefault seccomp. */
export function podSecurityContext(uid: number, gid: number): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: 'RuntimeDefault' } };
}

/** Container security context: no privilege escalation, no capabilities, read-only root file system. */
export function containerSecurityContext(readOnlyRootFilesystem = true): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
}

/**
 * The same contexts as the kubernetes provider's typed blocks take them (`run_as_user` is a
 * string there).
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

/** Provider-typed container security context. */
export function providerContainerSecurityContext(readOnlyRootFilesystem = true) {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
}
