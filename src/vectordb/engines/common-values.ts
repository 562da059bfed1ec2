/**
 * Pieces of Helm values every engine shares: what a values builder is given, resources, zone
 * anti-affinity, secret-backed environment variables and hardened security contexts.
 */
import { PlainObject } from '../../core/merge';
import { ResolvedVectorDatabaseSpec } from '../spec';

/** Topology key of availability zones. */
const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

/** What an engine's values builder needs. */
export interface EngineValuesContext {
  /** The resolved spec. */
  readonly spec: ResolvedVectorDatabaseSpec;
  /** Name of the backup/object-storage bucket (may be a cross-stack token). */
  readonly bucketName: string;
  /** AWS region of the bucket. */
  readonly region: string;
  /** Kubernetes Secret with the engine's credentials (synced from Secrets Manager). */
  readonly secretName: string;
  /** Service account the database pods run as (the Pod Identity association's). */
  readonly serviceAccountName: string;
  /** Storage class of the data volumes. */
  readonly storageClassName: string;
}

/** `resources` of a container. */
export function resourcesValues(spec: ResolvedVectorDatabaseSpec): PlainObject {
  return {
    requests: { ...spec.resources.requests },
    limits: { ...spec.resources.limits },
  };
}

/**
 * Pod anti-affinity that puts each replica in its own availability zone (prod). Data volumes are
 * zonal EBS volumes, so a zone outage takes at most one replica; the cluster needs at least as many
 * zones as replicas.
 */
export function zoneAntiAffinity(matchLabels: Readonly<Record<string, string>>): PlainObject {
  return {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { ...matchLabels } }, topologyKey: ZONE_TOPOLOGY_KEY }],
    },
  };
}

/** An environment variable read from a key of a Kubernetes Secret. */
export function secretEnv(name: string, secretName: string, key: string): PlainObject {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key } } };
}

/** Pod security context: non-root, volume group ownership, runtime-default seccomp. */
export function podSecurityContext(uid: number, gid: number, fsGroup: number): PlainObject {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    fsGroup,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container security context: no privilege escalation, no capabilities, read-only root if the image allows. */
export function containerSecurityContext(uid: number, gid: number, readOnlyRootFilesystem: boolean): PlainObject {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
