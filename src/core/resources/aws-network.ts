/**
 * The network resources of `Network` (VPC, subnets, gateways, route table associations, security
 * group rules, VPC endpoints, flow logs), typed and synthesized like their provider bindings without loading them or
 * building their attribute-reference objects (see {@link ProviderResource}). One file: each is only
 * its Terraform type, config type and the attributes the library reads.
 */
import { Construct } from 'constructs';
import type { EipConfig } from '@cdktf/provider-aws/lib/eip';
import type { FlowLogConfig } from '@cdktf/provider-aws/lib/flow-log';
import type { InternetGatewayConfig } from '@cdktf/provider-aws/lib/internet-gateway';
import type { NatGatewayConfig } from '@cdktf/provider-aws/lib/nat-gateway';
import type { RouteTableAssociationConfig } from '@cdktf/provider-aws/lib/route-table-association';
import type { SubnetConfig } from '@cdktf/provider-aws/lib/subnet';
import type { VpcConfig } from '@cdktf/provider-aws/lib/vpc';
import type { VpcEndpointConfig } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { VpcSecurityGroupIngressRuleConfig } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { AwsResource } from './aws-resource';

/** An `aws_vpc` resource (the binding's `Vpc`). */
export class AwsVpc extends AwsResource<VpcConfig> {
  constructor(scope: Construct, id: string, config: VpcConfig) {
    super(scope, id, 'aws_vpc', ['tags', 'tags_all'], config);
  }
}

/** An `aws_subnet` resource (the binding's `Subnet`). */
export class AwsSubnet extends AwsResource<SubnetConfig> {
  constructor(scope: Construct, id: string, config: SubnetConfig) {
    super(scope, id, 'aws_subnet', ['tags', 'tags_all'], config);
  }
}

/** An `aws_internet_gateway` resource (the binding's `InternetGateway`). */
export class AwsInternetGateway extends AwsResource<InternetGatewayConfig> {
  constructor(scope: Construct, id: string, config: InternetGatewayConfig) {
    super(scope, id, 'aws_internet_gateway', ['tags', 'tags_all'], config);
  }
}

/** An `aws_eip` resource (the binding's `Eip`). */
export class AwsEip extends AwsResource<EipConfig> {
  constructor(scope: Construct, id: string, config: EipConfig) {
    super(scope, id, 'aws_eip', ['tags', 'tags_all'], config);
  }
}

/** An `aws_nat_gateway` resource (the binding's `NatGateway`). */
export class AwsNatGateway extends AwsResource<NatGatewayConfig> {
  constructor(scope: Construct, id: string, config: NatGatewayConfig) {
    super(scope, id, 'aws_nat_gateway', ['tags', 'tags_all'], config);
  }
}

/** An `aws_route_table_association` resource (the binding's `RouteTableAssociation`). */
export class AwsRouteTableAssociation extends AwsResource<RouteTableAssociationConfig> {
  constructor(scope: Construct, id: string, config: RouteTableAssociationConfig) {
    super(scope, id, 'aws_route_table_association', [], config);
  }
}

/** An `aws_vpc_security_group_ingress_rule` resource (the binding's `VpcSecurityGroupIngressRule`). */
export class AwsVpcSecurityGroupIngressRule extends AwsResource<VpcSecurityGroupIngressRuleConfig> {
  constructor(scope: Construct, id: string, config: VpcSecurityGroupIngressRuleConfig) {
    super(scope, id, 'aws_vpc_security_group_ingress_rule', ['tags'], config);
  }
}

/** An `aws_vpc_endpoint` resource (the binding's `VpcEndpoint`). */
export class AwsVpcEndpoint extends AwsResource<VpcEndpointConfig> {
  constructor(scope: Construct, id: string, config: VpcEndpointConfig) {
    super(scope, id, 'aws_vpc_endpoint', ['tags', 'tags_all'], config);
  }
}

/** An `aws_flow_log` resource (the binding's `FlowLog`). */
export class AwsFlowLog extends AwsResource<FlowLogConfig> {
  constructor(scope: Construct, id: string, config: FlowLogConfig) {
    super(scope, id, 'aws_flow_log', ['tags', 'tags_all'], config);
  }
}
