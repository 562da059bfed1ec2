/**
 * `FeastFeatureStorePlatform` (platform layer): the feature store's namespace, its service account
 * (the `feast-feature-server` chart creates none: its pods run as `serviceAccount.name`) and the
 * NetworkPolicies around it.
 *
 * NetworkPolicies (the namespace is dedicated to the feature store):
 * - `<name>-default-deny`: every pod denies all ingress and egress unless allowed below;
 * - `<name>-egress`: DNS (to kube-system), Redis with TLS (6379), HTTPS (443: S3, STS), and the
 *   EKS Pod Identity agent (169.254.170.23:80);
 * - `<name>-servers`: the servers' pods accept their ports from the namespace itself and from
 *   `clientNamespaces`;
 * - `<name>-metrics` (when `metricsNamespaces` is not empty): port 8000 of the servers from those
 *   namespaces.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import type { NetworkPolicyV1SpecIngressFrom } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { KubernetesNetworkPolicyV1 } from '../core/resources/kubernetes-network-policy';
import { requireLayer } from '../core/layers/mlops-stack';
import {
  FEAST_CHART_POD_NAME,
  FEAST_COMPONENT,
  FEAST_CONTAINER_PORTS,
  FEAST_LABELS,
  FEAST_METRICS_PORT,
  FEAST_NAMESPACE_NAME_LABEL,
  POD_IDENTITY_AGENT_CIDR,
  REDIS_PORT,
} from './constants';
import { FeastFeatureStoreCloud } from './feast-feature-store-cloud';
import { ResolvedFeastSpec } from './spec';
import { KubernetesNamespaceV1, KubernetesServiceAccountV1 } from '../core/resources/kubernetes-core';

/** Props of {@link FeastFeatureStorePlatform}. */
export interface FeastFeatureStorePlatformProps {
  /** The cloud half; its spec decides namespace, names and clients. */
  readonly cloud: FeastFeatureStoreCloud;
}

const schema = Schemas.props<FeastFeatureStorePlatformProps>()({
  cloud: z.custom<FeastFeatureStoreCloud>((v) => v instanceof FeastFeatureStoreCloud, { message: 'is not a FeastFeatureStoreCloud; pass the FeastFeatureStoreCloud of the cloud layer' }),
});

const tcp = (port: number) => ({ port: String(port), protocol: 'TCP' });

/** Namespace, service account and NetworkPolicies of a Feast feature store. */
export class FeastFeatureStorePlatform extends Construct {
  public readonly spec: ResolvedFeastSpec;
  public readonly namespace: KubernetesNamespaceV1;
  /** Name of the namespace. */
  public readonly namespaceName: string;
  /** The service account of the servers and the materialization job (bound to the Pod Identity role). */
  public readonly serviceAccount: KubernetesServiceAccountV1;
  /** Name of the service account. */
  public readonly serviceAccountName: string;
  public readonly networkPolicies: KubernetesNetworkPolicyV1[] = [];

  constructor(scope: Construct, id: string, props: FeastFeatureStorePlatformProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'FeastFeatureStorePlatform');
    this.spec = props.cloud.spec;
    const s = this.spec;
    const labels = { [FEAST_LABELS.component]: FEAST_COMPONENT };
    this.namespace = new KubernetesNamespaceV1(this, 'namespace', { metadata: { name: s.namespace, labels } });
    this.namespaceName = s.namespace;
    const namespace = this.namespace.metadata.name;
    this.serviceAccount = new KubernetesServiceAccountV1(this, 'service-account', { metadata: { name: s.name, namespace, labels } });
    this.serviceAccountName = s.name;

    const metadata = (suffix: string) => ({ name: `${s.name}-${suffix}`, namespace, labels });
    const servers = { matchLabels: { [FEAST_LABELS.name]: FEAST_CHART_POD_NAME } };
    const fromNamespaces = (names: readonly string[]): NetworkPolicyV1SpecIngressFrom[] => [
      { namespaceSelector: { matchExpressions: [{ key: FEAST_NAMESPACE_NAME_LABEL, operator: 'In', values: [...names] }] } },
    ];
    const anywhere = (port: number, protocol = 'TCP') => ({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: String(port), protocol }] });

    this.networkPolicies.push(
      new KubernetesNetworkPolicyV1(this, 'default-deny', { metadata: metadata('default-deny'), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } }),
      new KubernetesNetworkPolicyV1(this, 'egress', {
        metadata: metadata('egress'),
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ namespaceSelector: { matchLabels: { [FEAST_NAMESPACE_NAME_LABEL]: 'kube-system' } } }],
              ports: [
                { port: '53', protocol: 'UDP' },
                { port: '53', protocol: 'TCP' },
              ],
            },
            // Redis only inside the VPC (the replication group's endpoints); S3 and STS over 443.
            { to: [{ ipBlock: { cidr: props.cloud.vpcCidr } }], ports: [{ port: String(REDIS_PORT), protocol: 'TCP' }] },
            anywhere(443),
            { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [tcp(80)] },
          ],
        },
      }),
      new KubernetesNetworkPolicyV1(this, 'servers', {
        metadata: metadata('servers'),
        spec: {
          podSelector: servers,
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: {} }, ...(s.featureServer.clientNamespaces.length > 0 ? fromNamespaces(s.featureServer.clientNamespaces) : [])], ports: Object.values(FEAST_CONTAINER_PORTS).map(tcp) }],
        },
      }),
    );
    if (s.featureServer.metricsNamespaces.length > 0) {
      this.networkPolicies.push(
        new KubernetesNetworkPolicyV1(this, 'metrics', {
          metadata: metadata('metrics'),
          spec: { podSelector: servers, policyTypes: ['Ingress'], ingress: [{ from: fromNamespaces(s.featureServer.metricsNamespaces), ports: [tcp(FEAST_METRICS_PORT)] }] },
        }),
      );
    }
  }
}
