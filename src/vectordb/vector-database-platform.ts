/**
 * `VectorDatabasePlatform` (platform layer): the database's namespace, the NetworkPolicies around it,
 * the service account for charts that create none (Weaviate) and the backup job's service account
 * when the job has AWS access of its own (Milvus: `<name>-backup`, bound to the backup role).
 *
 * NetworkPolicies (ingress; egress stays open for S3, STS and DNS):
 * - `<name>-default-deny`: every pod of the namespace denies ingress unless another policy allows it;
 * - `<name>-same-namespace`: pods of the namespace reach each other on any port (replication, Raft,
 *   gossip, etcd, the snapshot job);
 * - `<name>-clients` (when `clientNamespaces` is not empty): pods in the named namespaces reach the
 *   database's client pods on the HTTP and gRPC ports only.
 * The namespace is dedicated to one database: put nothing else in it.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { KubernetesNetworkPolicyV1 } from '../core/resources/kubernetes-network-policy';
import { requireLayer } from '../core/layers/mlops-stack';
import { VECTOR_DB_NAMESPACE_NAME_LABEL, VECTOR_DB_COMPONENT, VECTOR_DB_LABELS } from './constants';
import { EngineProfile } from './engines/engine-profile';
import { ResolvedVectorDatabaseSpec } from './spec';
import { VectorDatabaseCloud } from './vector-database-cloud';
import { KubernetesNamespaceV1, KubernetesServiceAccountV1 } from '../core/resources/kubernetes-core';

/** Props of {@link VectorDatabasePlatform}. */
export interface VectorDatabasePlatformProps {
  /** The cloud half (bucket, role, secrets); its spec decides engine, namespace and clients. */
  readonly cloud: VectorDatabaseCloud;
}

const schema = Schemas.props<VectorDatabasePlatformProps>()({
  cloud: z.custom<VectorDatabaseCloud>((v) => v instanceof VectorDatabaseCloud, { message: 'is not a VectorDatabaseCloud; pass the VectorDatabaseCloud of the cloud layer' }),
});

/** Namespace, NetworkPolicies and service account of a vector database. */
export class VectorDatabasePlatform extends Construct {
  public readonly spec: ResolvedVectorDatabaseSpec;
  public readonly profile: EngineProfile;
  public readonly namespace: KubernetesNamespaceV1;
  /** Name of the namespace. */
  public readonly namespaceName: string;
  public readonly networkPolicies: KubernetesNetworkPolicyV1[] = [];
  /** The service account, when the library creates it (Weaviate). */
  public readonly serviceAccount?: KubernetesServiceAccountV1;
  /** The backup job's service account (Milvus). */
  public readonly backupServiceAccount?: KubernetesServiceAccountV1;

  constructor(scope: Construct, id: string, props: VectorDatabasePlatformProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'VectorDatabasePlatform');
    this.spec = props.cloud.spec;
    this.profile = props.cloud.profile;
    const { spec, profile } = this;
    const labels = { [VECTOR_DB_LABELS.component]: VECTOR_DB_COMPONENT, [VECTOR_DB_LABELS.engine]: spec.engine };
    // Deleting the namespace deletes the database's PersistentVolumeClaims (and, with the reclaim
    // policy Delete, their EBS volumes): in prod the namespace is protected from destroy.
    this.namespace = new KubernetesNamespaceV1(this, 'namespace', {
      metadata: { name: spec.namespace, labels },
      lifecycle: { preventDestroy: spec.preset === 'prod' },
    });
    this.namespaceName = spec.namespace;
    const metadata = (name: string) => ({ name: `${spec.name}-${name}`, namespace: this.namespace.metadata.name, labels });

    this.networkPolicies.push(
      new KubernetesNetworkPolicyV1(this, 'default-deny', {
        metadata: metadata('default-deny'),
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      }),
      new KubernetesNetworkPolicyV1(this, 'same-namespace', {
        metadata: metadata('same-namespace'),
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] },
      }),
    );
    if (spec.clientNamespaces.length > 0) {
      this.networkPolicies.push(
        new KubernetesNetworkPolicyV1(this, 'clients', {
          metadata: metadata('clients'),
          spec: {
            podSelector: { matchLabels: { ...profile.serverPodLabels } },
            policyTypes: ['Ingress'],
            ingress: [
              {
                from: [{ namespaceSelector: { matchExpressions: [{ key: VECTOR_DB_NAMESPACE_NAME_LABEL, operator: 'In', values: [...spec.clientNamespaces] }] } }],
                ports: profile.podPorts.map((port) => ({ port: String(port), protocol: 'TCP' })),
              },
            ],
          },
        }),
      );
    }
    // Pod Identity injects its own projected token; neither account needs the Kubernetes API token.
    const serviceAccount = (sid: string, name: string) =>
      new KubernetesServiceAccountV1(this, sid, { metadata: { name, namespace: this.namespace.metadata.name, labels }, automountServiceAccountToken: false });
    if (profile.createServiceAccount) this.serviceAccount = serviceAccount('service-account', profile.serviceAccountName);
    if (profile.backupServiceAccountName) this.backupServiceAccount = serviceAccount('backup-service-account', profile.backupServiceAccountName);
  }
}
