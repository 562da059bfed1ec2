/**
 * `ExternalDnsCloud` (cloud layer): ExternalDNS's Pod Identity role, scoped to **one** Route 53
 * hosted zone and the names under one domain —
 *
 * - `route53:ChangeResourceRecordSets`, `ListResourceRecordSets` and `ListTagsForResources` on that
 *   zone only, and changes only to records named `<domain>` or `*.<domain>`
 *   (`route53:ChangeResourceRecordSetsNormalizedRecordNames`);
 * - `route53:ListHostedZones` on `*` (the API has no resource to scope it to).
 *
 * These are the actions of ExternalDNS v0.21.0's AWS tutorial (docs/tutorials/aws.md), narrowed
 * from `hostedzone/*` to the zone. The release is {@link ExternalDns} (platform layer).
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { EksCluster } from '../cluster/eks-cluster';
import { policyDocument } from '../core/iam';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { PodIdentityRole } from '../core/pod-identity-role';
import { Schemas, validateProps } from '../core/validation';
import { partitionOfRegion } from './aws-load-balancer-controller-cloud';
import { EXTERNAL_DNS_DEFAULTS } from './constants';
import { dependencyStrings } from '../core/resources/reference-tokens';

/** What the ExternalDNS release needs of its AWS side. */
export interface ExternalDnsCloudRef {
  readonly clusterName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The hosted zone ExternalDNS may change. */
  readonly hostedZoneId: string;
  /** The domain whose names it manages. */
  readonly domain: string;
}

/** Props of {@link ExternalDnsCloud}. */
export interface ExternalDnsCloudProps {
  /** The cluster: an `EksCluster` of the same cloud stack, or the name of an existing cluster. */
  readonly cluster: EksCluster | { readonly clusterName: string };
  /** The Route 53 hosted zone ExternalDNS may write to. */
  readonly hostedZoneId: string;
  /** The domain (in that zone) whose names ExternalDNS manages, e.g. `ml.example.com`. */
  readonly domain: string;
}

const schema = Schemas.object({
  cluster: Schemas.construct('an EksCluster or { clusterName }', { clusterName: z.string().min(1, { message: 'is empty; pass the EKS cluster name' }) }),
  hostedZoneId: Schemas.hostedZoneId(),
  domain: Schemas.dnsName(),
});

/** ExternalDNS's role, limited to one hosted zone and one domain. */
export class ExternalDnsCloud extends Construct implements ExternalDnsCloudRef {
  public readonly clusterName: string;
  public readonly namespace: string = EXTERNAL_DNS_DEFAULTS.namespace;
  public readonly serviceAccount: string = EXTERNAL_DNS_DEFAULTS.serviceAccount;
  public readonly hostedZoneId: string;
  public readonly domain: string;
  public readonly role: PodIdentityRole;

  constructor(scope: Construct, id: string, props: ExternalDnsCloudProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'ExternalDnsCloud');
    this.clusterName = props.cluster.clusterName;
    this.hostedZoneId = props.hostedZoneId;
    this.domain = props.domain;
    const stack = TerraformStack.of(this);
    const partition = partitionOfRegion(stack instanceof MlopsStack ? stack.region : undefined);
    const zoneArn = `arn:${partition}:route53:::hostedzone/${props.hostedZoneId}`;
    this.role = new PodIdentityRole(this, 'role', {
      clusterName: this.clusterName,
      namespace: this.namespace,
      serviceAccount: this.serviceAccount,
      policy: policyDocument(
        {
          Sid: 'ChangeRecordsUnderTheDomain',
          Effect: 'Allow',
          Action: ['route53:ChangeResourceRecordSets'],
          Resource: zoneArn,
          Condition: { 'ForAllValues:StringLike': { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': [props.domain, `*.${props.domain}`] } },
        },
        { Sid: 'ReadTheZone', Effect: 'Allow', Action: ['route53:ListResourceRecordSets', 'route53:ListTagsForResources'], Resource: zoneArn },
        { Sid: 'FindTheZone', Effect: 'Allow', Action: ['route53:ListHostedZones'], Resource: '*' },
      ),
    });
    if (props.cluster instanceof EksCluster && this.role.association) this.role.association.dependsOn = dependencyStrings([props.cluster.cluster]);
  }
}
