/**
 * `SingleReplicaService`: one container behind a ClusterIP Service, with its state on an encrypted
 * gp3 volume (`gp3-encrypted` unless another class is given). A single replica with the `Recreate`
 * strategy, because the volume is ReadWriteOnce. Used for what ships no chart: the Evidently UI
 * service and the Pushgateway (monitoring), Langfuse's ClickHouse (llmops).
 * Non-root (fixed uid/gid, volume group-owned), read-only root file system (unless the image must
 * write to it) with `/tmp` on an emptyDir, no capabilities, requests/limits, HTTP readiness and
 * liveness probes on the first port, no service account token (Pod Identity uses its own).
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { KubernetesDeploymentV1 } from './resources/pod-spec';
import { PinnedImage } from './versions';
import { ContainerResources, containerSecurityContext, providerPodSecurityContext, resourcesBlock } from './pod-security';
import { KubernetesPersistentVolumeClaimV1, KubernetesServiceV1 } from './resources/kubernetes-core';

/** Storage class of the volume unless given (created by `DefaultStorageClass`: encrypted gp3). */
export const SINGLE_REPLICA_STORAGE_CLASS = 'gp3-encrypted';

/** An environment variable: a literal or a Secret key. */
export type EnvVar = { readonly name: string; readonly value: string } | { readonly name: string; readonly secretKeyRef: { readonly name: string; readonly key: string } };

/** Props of {@link SingleReplicaService}. */
export interface SingleReplicaServiceProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly image: PinnedImage;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly EnvVar[];
  readonly port: number;
  /** HTTP path of the readiness probe. */
  readonly readinessPath: string;
  /** HTTP path of the liveness probe. */
  readonly livenessPath: string;
  readonly resources: ContainerResources;
  readonly uid: number;
  readonly gid: number;
  /** Where the volume is mounted. */
  readonly dataPath: string;
  /** Size of the volume. */
  readonly storage: string;
  /** `lifecycle.prevent_destroy` on the volume claim. */
  readonly preventDestroy: boolean;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly dependsOn?: ITerraformDependable[];
  /** More ports of the container and the Service (the probes use `port`). @default - none */
  readonly extraPorts?: ReadonlyArray<{ readonly name: string; readonly port: number }>;
  /** ConfigMaps (or one key of one, `subPath`) mounted read-only. @default - none */
  readonly configMounts?: ReadonlyArray<{ readonly configMapName: string; readonly mountPath: string; readonly subPath?: string }>;
  /** Service account (for Pod Identity). @default - the namespace's default */
  readonly serviceAccountName?: string;
  /** Whether the image may write outside its volumes. @default false */
  readonly writableRootFilesystem?: boolean;
  /** Storage class of the volume. @default 'gp3-encrypted' */
  readonly storageClassName?: string;
}

/** A single-replica Deployment, its Service and its volume. */
export class SingleReplicaService extends Construct {
  public readonly volume: KubernetesPersistentVolumeClaimV1;
  public readonly deployment: KubernetesDeploymentV1;
  public readonly service: KubernetesServiceV1;
  /** `http://<name>.<namespace>.svc:<port>` */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: SingleReplicaServiceProps) {
    super(scope, id);
    const labels = { ...props.labels };
    const metadata = () => ({ name: props.name, namespace: props.namespace, labels: { ...labels } });
    this.volume = new KubernetesPersistentVolumeClaimV1(this, 'volume', {
      metadata: metadata(),
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: props.storageClassName ?? SINGLE_REPLICA_STORAGE_CLASS,
        resources: { requests: { storage: props.storage } },
      },
      // The storage class binds at first consumer: the claim is Pending until the pod starts.
      waitUntilBound: false,
      lifecycle: { preventDestroy: props.preventDestroy },
      dependsOn: props.dependsOn,
    });
    const configMounts = (props.configMounts ?? []).map((m, i) => ({ ...m, volume: `config-${i}` }));
    const probe = (path: string, initialDelaySeconds: number) => ({
      httpGet: { path, port: String(props.port) },
      initialDelaySeconds,
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 6,
    });
    this.deployment = new KubernetesDeploymentV1(this, 'deployment', {
      metadata: metadata(),
      spec: {
        replicas: '1',
        strategy: { type: 'Recreate' },
        selector: { matchLabels: { ...labels } },
        template: {
          metadata: { labels: { ...labels } },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            serviceAccountName: props.serviceAccountName,
            securityContext: providerPodSecurityContext(props.uid, props.gid),
            nodeSelector: props.nodeSelector ? { ...props.nodeSelector } : undefined,
            container: [
              {
                name: props.name,
                image: `${props.image.repository}:${props.image.tag}`,
                command: props.command ? [...props.command] : undefined,
                args: props.args ? [...props.args] : undefined,
                env: (props.env ?? []).map((e) => ('value' in e ? { name: e.name, value: e.value } : { name: e.name, valueFrom: { secretKeyRef: { ...e.secretKeyRef } } })),
                port: [{ name: 'http', containerPort: props.port, protocol: 'TCP' }, ...(props.extraPorts ?? []).map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' }))],
                readinessProbe: probe(props.readinessPath, 5),
                livenessProbe: probe(props.livenessPath, 30),
                resources: resourcesBlock(props.resources),
                securityContext: containerSecurityContext(!props.writableRootFilesystem),
                volumeMount: [
                  { name: 'data', mountPath: props.dataPath },
                  { name: 'tmp', mountPath: '/tmp' },
                  ...configMounts.map((m) => ({ name: m.volume, mountPath: m.mountPath, readOnly: true, ...(m.subPath ? { subPath: m.subPath } : {}) })),
                ],
              },
            ],
            volume: [
              { name: 'data', persistentVolumeClaim: { claimName: props.name } },
              { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
              ...configMounts.map((m) => ({ name: m.volume, configMap: { name: m.configMapName } })),
            ],
          },
        },
      },
      dependsOn: [this.volume, ...(props.dependsOn ?? [])],
    });
    this.service = new KubernetesServiceV1(this, 'service', {
      metadata: metadata(),
      spec: {
        type: 'ClusterIP',
        selector: { ...labels },
        port: [{ name: 'http', port: props.port, targetPort: 'http', protocol: 'TCP' }, ...(props.extraPorts ?? []).map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: 'TCP' }))],
      },
    });
    this.url = `http://${props.name}.${props.namespace}.svc:${props.port}`;
  }
}
