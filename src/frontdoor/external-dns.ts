/**
 * `ExternalDns` (platform layer): the `external-dns` chart (pinned in `CHARTS`, app v0.21.0) in its
 * own namespace, publishing the front door's host names in Route 53: an alias record per Ingress
 * host (to the shared ALB) and per `external-dns.alpha.kubernetes.io/hostname` of a LoadBalancer
 * Service (the serving NLB).
 *
 * - One zone, one domain: `--zone-id-filter` and `domainFilters` match the role of
 *   {@link ExternalDnsCloud}, which may change nothing else;
 * - `txtOwnerId` is the cluster name, so two clusters (e.g. `dev` and `prod`) sharing a zone never
 *   take over each other's records (ownership TXT records, registry `txt`);
 * - `policy: upsert-only` by default: records are created and updated, never deleted. After a
 *   teardown the records stay and point at deleted load balancers (delete them by hand, or use
 *   `sync`, which deletes a record when its Ingress goes — while ExternalDNS still runs, which the
 *   layer order guarantees);
 * - `AWS_REGION` set explicitly (no instance metadata), on the system nodes, non-root (chart
 *   defaults kept: read-only root filesystem, all capabilities dropped).
 *
 * Values are checked against the chart's values.schema.json (contract test).
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { HelmChart } from '../core/helm-chart';
import { KubernetesStack, requireLayer } from '../core/layers/mlops-stack';
import { PlainObject } from '../core/merge';
import { ContainerResources, containerResourcesSchema, resourcesBlock } from '../core/pod-security';
import { Schemas, validateProps } from '../core/validation';
import { CHARTS } from '../core/versions';
import { systemNodeSelector } from '../core/labels';
import { TerraformStack } from 'cdktf';
import { EXTERNAL_DNS_DEFAULTS } from './constants';
import { ExternalDnsCloudRef } from './external-dns-cloud';

/** How ExternalDNS treats records (the chart's `policy`). */
export type ExternalDnsPolicy = 'upsert-only' | 'sync' | 'create-only';

/** Requests and limits of ExternalDNS. */
export const EXTERNAL_DNS_RESOURCES: ContainerResources = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** Props of {@link ExternalDns}. */
export interface ExternalDnsProps {
  /** The AWS side (`ExternalDnsCloud`). */
  readonly cloud: ExternalDnsCloudRef;
  /**
   * `upsert-only` (never delete), `sync` (delete records whose source is gone) or `create-only`.
   * @default 'upsert-only'
   */
  readonly policy?: ExternalDnsPolicy;
  /**
   * Owner id written into the TXT ownership records; unique per cluster writing to the zone.
   * @default - the cluster name
   */
  readonly txtOwnerId?: string;
  /**
   * Region for the AWS SDK (Route 53 is global, the SDK still needs one).
   * @default - the stack's cluster region
   */
  readonly region?: string;
  /**
   * Node selector.
   * @default { 'kubernetes.io/os': 'linux', 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Requests and limits. @default EXTERNAL_DNS_RESOURCES */
  readonly resources?: ContainerResources;
  /** Helm value overrides. @default - none */
  readonly overrides?: PlainObject;
}

const schema = Schemas.object({
  cloud: Schemas.construct('an ExternalDnsCloud', {
    clusterName: z.string().min(1),
    namespace: Schemas.k8sName(),
    serviceAccount: Schemas.k8sName(),
    hostedZoneId: Schemas.hostedZoneId(),
    domain: Schemas.dnsName(),
  }),
  policy: z.enum(['upsert-only', 'sync', 'create-only'], { message: 'must be "upsert-only", "sync" or "create-only"' }).optional(),
  txtOwnerId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, { message: 'is not an owner id; use letters, digits, ".", "_" and "-" (at most 63)' }).optional(),
  region: Schemas.region().optional(),
  nodeSelector: Schemas.labels().optional(),
  resources: containerResourcesSchema.optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

/** ExternalDNS for one Route 53 zone. */
export class ExternalDns extends Construct {
  public readonly chart: HelmChart;
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: ExternalDnsProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'ExternalDns');
    const stack = TerraformStack.of(this);
    const region = props.region ?? (stack instanceof KubernetesStack ? stack.cluster.region : undefined);
    this.namespace = props.cloud.namespace;
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.externalDns,
      releaseName: EXTERNAL_DNS_DEFAULTS.releaseName,
      namespace: this.namespace,
      createNamespace: true,
      values: externalDnsValues({ ...props, region }),
      overrides: props.overrides,
    });
  }
}

/** The chart values (before overrides). */
export function externalDnsValues(props: ExternalDnsProps): PlainObject {
  const { cloud } = props;
  const region = props.region;
  return {
    provider: { name: 'aws' },
    sources: ['service', 'ingress'],
    policy: props.policy ?? EXTERNAL_DNS_DEFAULTS.policy,
    registry: 'txt',
    txtOwnerId: props.txtOwnerId ?? cloud.clusterName,
    domainFilters: [cloud.domain],
    extraArgs: [`--zone-id-filter=${cloud.hostedZoneId}`],
    env: region ? ['AWS_REGION', 'AWS_DEFAULT_REGION'].map((name) => ({ name, value: region })) : [],
    serviceAccount: { create: true, name: cloud.serviceAccount },
    nodeSelector: systemNodeSelector(props.nodeSelector),
    resources: resourcesBlock(props.resources ?? EXTERNAL_DNS_RESOURCES),
  };
}
