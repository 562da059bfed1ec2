/**
 * `Network` (data layer): a VPC across 2–4 availability zones with private subnets for nodes,
 * public subnets only for NAT gateways and internet-facing load balancers, NAT (one gateway in `dev`,
 * one per AZ in `prod`), VPC flow logs to an encrypted log group, an S3 gateway endpoint and the
 * subnet tags Karpenter and the AWS Load Balancer Controller discover.
 *
 * Subnet CIDRs are computed at synth time (visible in the plan, reviewable): the VPC is split into
 * 2^k blocks (k = ⌈log2(azCount + 1)⌉); private subnet i is block i, and the last block is split into
 * the public subnets. A /16 with 3 AZs gives three /18 private subnets (16k pod IPs each with the VPC
 * CNI) and three /20 public subnets.
 *
 * Why the data layer: the databases and caches of the data layer (RDS, ElastiCache) sit in its
 * private subnets, and a VPC cannot be deleted while they are in it, nor can they move to another
 * VPC without being replaced. So the VPC outlives the cluster with them; the EKS cluster, its nodes
 * and the load balancers its controllers create are destroyed and rebuilt inside it. Created in a
 * `CloudStack` with a data stack, its resources go to the data stack anyway (`dataScope`).
 */
import { Construct } from 'constructs';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { AwsIamRole, AwsIamRolePolicy } from '../core/resources/aws-iam-role';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Fn, Token } from 'cdktf';
import { z } from 'zod';
import { policyDocument, policyJson, serviceTrustPolicy } from '../core/iam';
import { dataScope } from '../core/layers/data-scope';
import { requireLayer } from '../core/layers/mlops-stack';
import { iamRoleName } from '../core/naming';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { stackRegion } from '../core/layers/stack-region';
import { cidrSubnet, regionOfZone, Schemas } from '../core/schemas';
import { failProp, validateProps } from '../core/validation';
import { logsKeyPolicy } from '../core/kms-policies';
import { KARPENTER_DISCOVERY_TAG } from '../core/labels';
import { AwsCloudwatchLogGroup } from '../core/resources/aws-events';
import { AwsKmsKey } from '../core/resources/aws-kms';
import { AwsEip, AwsFlowLog, AwsInternetGateway, AwsNatGateway, AwsRouteTableAssociation, AwsSubnet, AwsVpc, AwsVpcEndpoint } from '../core/resources/aws-network';
import { attributeString } from '../core/resources/reference-tokens';

/** Subnet tags that controllers discover. */
export const SUBNET_TAGS = {
  /** Karpenter's subnet and security-group selector key (value: cluster name). */
  karpenterDiscovery: KARPENTER_DISCOVERY_TAG,
  /** AWS Load Balancer Controller: subnets for internal load balancers. */
  internalElb: 'kubernetes.io/role/internal-elb',
  /** AWS Load Balancer Controller: subnets for internet-facing load balancers. */
  elb: 'kubernetes.io/role/elb',
} as const;

/** Props of {@link Network}. */
export interface NetworkProps {
  /** Name used in resource names and the `Name` tag. */
  readonly name: string;
  /**
   * Name of the EKS cluster that will use this VPC; subnets get `karpenter.sh/discovery=<it>` and
   * `kubernetes.io/cluster/<it>=shared`.
   */
  readonly clusterName: string;
  /**
   * `dev`: one NAT gateway; `prod`: one NAT gateway per AZ.
   * @default 'prod'
   */
  readonly preset?: Preset;
  /**
   * IPv4 CIDR of the VPC, /16 to /22.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * Number of availability zones (2–4). Ignored when `availabilityZones` is given.
   * @default 3
   */
  readonly azCount?: number;
  /**
   * Explicit availability zone names (2–4). Pin them for a plan that never changes when AWS adds a zone.
   * @default - the first `azCount` zones the region reports
   */
  readonly availabilityZones?: string[];
  /**
   * NAT gateways: `single` (one, in the first AZ) or `perAz`.
   * @default - `single` for `dev`, `perAz` for `prod`
   */
  readonly natGateways?: 'single' | 'perAz';
  /**
   * Days to keep VPC flow logs.
   * @default - 30 for `dev`, 365 for `prod`
   */
  readonly flowLogRetentionDays?: number;
}

const schema = Schemas.props<NetworkProps>()({
  name: Schemas.k8sName(),
  clusterName: Schemas.eksClusterName(),
  preset: presetSchema.optional(),
  cidr: Schemas.cidr()
    .refine((c) => {
      const p = Number(c.split('/')[1]);
      return p >= 16 && p <= 22;
    }, { message: 'must be a /16 to /22 block; EKS pods take one VPC IP each, so give the VPC at least a /22 (a /16 is recommended)' })
    .optional(),
  azCount: z.number().int().min(2, { message: 'is below 2; EKS needs subnets in at least 2 availability zones, use 2 or more' }).max(4, { message: 'is above 4; use 2 to 4 availability zones' }).optional(),
  availabilityZones: z
    .array(Schemas.availabilityZone())
    .min(2, { message: 'has fewer than 2 zones; EKS needs subnets in at least 2 availability zones' })
    .max(4, { message: 'has more than 4 zones; use 2 to 4' })
    .refine((a) => new Set(a).size === a.length, { message: 'lists a zone twice; give distinct zones' })
    .refine((a) => new Set(a.map(regionOfZone)).size <= 1, { message: 'mixes zones of different regions; a VPC lives in one region, give zones of one region' })
    .optional(),
  natGateways: z.enum(['single', 'perAz'], { message: 'must be "single" or "perAz"' }).optional(),
  flowLogRetentionDays: Schemas.logRetentionDays().optional(),
});

/** Default VPC CIDR. */
export const DEFAULT_VPC_CIDR = '10.0.0.0/16';

/** A VPC for an EKS cluster. */
export class Network extends Construct {
  public readonly vpc: AwsVpc;
  public readonly privateSubnets: AwsSubnet[];
  public readonly publicSubnets: AwsSubnet[];
  public readonly natGateways: AwsNatGateway[];
  public readonly flowLogGroup: AwsCloudwatchLogGroup;
  /** KMS key that encrypts the flow log group (and may be shared with other log groups). */
  public readonly logsKey: AwsKmsKey;
  /** VPC id. */
  public readonly vpcId: string;
  /** Ids of the private subnets, in AZ order. */
  public readonly privateSubnetIds: string[];
  /** The computed CIDRs, in AZ order. */
  public readonly privateSubnetCidrs: string[];
  public readonly publicSubnetCidrs: string[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, ['data', 'cloud'], 'Network');
    const data = dataScope(this);
    const cidr = props.cidr ?? DEFAULT_VPC_CIDR;
    const azCount = props.availabilityZones?.length ?? props.azCount ?? 3;
    if (props.availabilityZones && props.azCount !== undefined && props.azCount !== props.availabilityZones.length) {
      failProp(data, 'azCount', props.azCount, `disagrees with availabilityZones (${props.availabilityZones.length} zones); drop azCount or make them agree`);
    }
    const deployRegion = stackRegion(this);
    const foreign = deployRegion === undefined ? undefined : props.availabilityZones?.find((zone) => !Token.isUnresolved(zone) && regionOfZone(zone) !== deployRegion);
    if (foreign !== undefined) {
      failProp(this, 'availabilityZones', props.availabilityZones, `names ${foreign}, a zone of ${regionOfZone(foreign)}, but the stack deploys to ${deployRegion}; use zones of ${deployRegion} (e.g. ${deployRegion}a)`);
    }
    const nat = props.natGateways ?? byPreset(props.preset, { dev: 'single', prod: 'perAz' } as const);

    const privateBits = Math.ceil(Math.log2(azCount + 1));
    const publicBits = Math.ceil(Math.log2(azCount));
    const publicBlock = cidrSubnet(cidr, privateBits, 2 ** privateBits - 1);
    this.privateSubnetCidrs = Array.from({ length: azCount }, (_, i) => cidrSubnet(cidr, privateBits, i));
    this.publicSubnetCidrs = Array.from({ length: azCount }, (_, i) => cidrSubnet(publicBlock, publicBits, i));

    let zones: string[];
    if (props.availabilityZones) {
      zones = props.availabilityZones;
    } else {
      const azs = new DataAwsAvailabilityZones(data, 'azs', { state: 'available', filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }] });
      zones = Array.from({ length: azCount }, (_, i) => Fn.element(azs.names, i));
    }

    this.vpc = new AwsVpc(data, 'vpc', {
      cidrBlock: cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    this.vpcId = this.vpc.id;
    // The default security group of a VPC allows all traffic between its members; empty it.
    new DefaultSecurityGroup(data, 'default-sg', { vpcId: this.vpc.id, tags: { Name: `${props.name}-default-deny` } });

    const region = new DataAwsRegion(data, 'region');
    const igw = new AwsInternetGateway(data, 'igw', { vpcId: this.vpc.id, tags: { Name: props.name } });
    const clusterTag = `kubernetes.io/cluster/${props.clusterName}`;

    this.publicSubnets = zones.map(
      (zone, i) =>
        new AwsSubnet(data, `public-${i}`, {
          vpcId: this.vpc.id,
          availabilityZone: zone,
          cidrBlock: this.publicSubnetCidrs[i],
          mapPublicIpOnLaunch: false,
          tags: { Name: `${props.name}-public-${i}`, [SUBNET_TAGS.elb]: '1', [clusterTag]: 'shared' },
        }),
    );
    this.privateSubnets = zones.map(
      (zone, i) =>
        new AwsSubnet(data, `private-${i}`, {
          vpcId: this.vpc.id,
          availabilityZone: zone,
          cidrBlock: this.privateSubnetCidrs[i],
          mapPublicIpOnLaunch: false,
          tags: {
            Name: `${props.name}-private-${i}`,
            [SUBNET_TAGS.internalElb]: '1',
            [SUBNET_TAGS.karpenterDiscovery]: props.clusterName,
            [clusterTag]: 'shared',
          },
        }),
    );
    this.privateSubnetIds = this.privateSubnets.map((s) => s.id);

    const publicRt = new RouteTable(data, 'public-rt', {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }],
      tags: { Name: `${props.name}-public` },
    });
    this.publicSubnets.forEach((s, i) => new AwsRouteTableAssociation(data, `public-rta-${i}`, { subnetId: s.id, routeTableId: publicRt.id }));

    const natCount = nat === 'perAz' ? azCount : 1;
    this.natGateways = Array.from({ length: natCount }, (_, i) => {
      const eip = new AwsEip(data, `nat-eip-${i}`, { domain: 'vpc', tags: { Name: `${props.name}-nat-${i}` } });
      return new AwsNatGateway(data, `nat-${i}`, {
        allocationId: eip.id,
        subnetId: this.publicSubnets[i].id,
        tags: { Name: `${props.name}-nat-${i}` },
        dependsOn: [igw],
      });
    });
    const privateRts = this.privateSubnets.map((s, i) => {
      const rt = new RouteTable(data, `private-rt-${i}`, {
        vpcId: this.vpc.id,
        route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: this.natGateways[nat === 'perAz' ? i : 0].id }],
        tags: { Name: `${props.name}-private-${i}` },
      });
      new AwsRouteTableAssociation(data, `private-rta-${i}`, { subnetId: s.id, routeTableId: rt.id });
      return rt;
    });

    // S3 gateway endpoint: image layers, model artifacts and backups stay off the NAT gateways.
    new AwsVpcEndpoint(data, 's3-endpoint', {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${attributeString(region, 'region')}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: privateRts.map((rt) => rt.id),
      tags: { Name: `${props.name}-s3` },
    });

    // Flow logs to a KMS-encrypted log group.
    const partition = new DataAwsPartition(data, 'partition');
    const caller = new DataAwsCallerIdentity(data, 'caller');
    this.logsKey = new AwsKmsKey(data, 'logs-key', {
      description: `${props.name}: CloudWatch Logs encryption`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyJson(logsKeyPolicy(attributeString(partition, 'partition'), attributeString(caller, 'account_id'), attributeString(region, 'region'))),
      lifecycle: { preventDestroy: true },
    });
    this.flowLogGroup = new AwsCloudwatchLogGroup(data, 'flow-logs', {
      name: `/aws/vpc/${props.name}/flow-logs`,
      retentionInDays: props.flowLogRetentionDays ?? byPreset(props.preset, { dev: 30, prod: 365 }),
      kmsKeyId: this.logsKey.arn,
    });
    const flowRole = new AwsIamRole(data, 'flow-logs-role', {
      name: iamRoleName(props.name, 'vpc-flow-logs'),
      assumeRolePolicy: policyJson(
        serviceTrustPolicy('vpc-flow-logs.amazonaws.com', ['sts:AssumeRole'], { StringEquals: { 'aws:SourceAccount': attributeString(caller, 'account_id') } }),
      ),
    });
    new AwsIamRolePolicy(data, 'flow-logs-policy', {
      role: flowRole.name,
      name: 'write-flow-logs',
      policy: policyJson(
        policyDocument({
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`],
        }),
      ),
    });
    new AwsFlowLog(data, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: flowRole.arn,
      maxAggregationInterval: 60,
    });
  }
}
