import { Network } from '../../src/cluster/network';
import { cloudStack, onlyResource, platformStack, resourceAt, resourceList, synth } from '../helpers/synth';

function network(props: Partial<ConstructorParameters<typeof Network>[2]> = {}) {
  const stack = cloudStack();
  const net = new Network(stack, 'network', { name: 'ml', clusterName: 'ml-cluster', ...props });
  return { net, json: synth(stack) };
}

describe('Network', () => {
  test('splits a /16 over 3 AZs: /18 private subnets, /20 public subnets in the last quarter', () => {
    const { net, json } = network();
    expect(net.privateSubnetCidrs).toEqual(['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/18']);
    expect(net.publicSubnetCidrs).toEqual(['10.0.192.0/20', '10.0.208.0/20', '10.0.224.0/20']);
    const subnets = resourceList(json, 'aws_subnet');
    expect(subnets.map((s) => s.cidr_block).sort()).toEqual([...net.privateSubnetCidrs, ...net.publicSubnetCidrs].sort());
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  test('private subnets carry the Karpenter and internal-ELB discovery tags; public ones the ELB tag', () => {
    const { json } = network();
    expect(resourceAt(json, 'aws_subnet', 'network/private-0').tags).toEqual({
      Name: 'ml-private-0',
      'karpenter.sh/discovery': 'ml-cluster',
      'kubernetes.io/cluster/ml-cluster': 'shared',
      'kubernetes.io/role/internal-elb': '1',
    });
    expect(resourceAt(json, 'aws_subnet', 'network/public-0').tags).toEqual({
      Name: 'ml-public-0',
      'kubernetes.io/cluster/ml-cluster': 'shared',
      'kubernetes.io/role/elb': '1',
    });
  });

  test('prod: one NAT gateway per AZ, each private route table uses its own', () => {
    const { json } = network();
    expect(resourceList(json, 'aws_nat_gateway')).toHaveLength(3);
    const routes = [0, 1, 2].map((i) => resourceAt(json, 'aws_route_table', `network/private-rt-${i}`).route[0].nat_gateway_id);
    expect(new Set(routes).size).toBe(3);
  });

  test('dev: a single NAT gateway shared by all private route tables', () => {
    const { json } = network({ preset: 'dev' });
    expect(resourceList(json, 'aws_nat_gateway')).toHaveLength(1);
    const routes = [0, 1, 2].map((i) => resourceAt(json, 'aws_route_table', `network/private-rt-${i}`).route[0].nat_gateway_id);
    expect(new Set(routes).size).toBe(1);
  });

  test('flow logs of all traffic go to a KMS-encrypted log group with retention', () => {
    const { json } = network({ preset: 'dev' });
    const group = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(group.name).toBe('/aws/vpc/ml/flow-logs');
    expect(group.retention_in_days).toBe(30);
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.network_logs-key_[A-F0-9]+\.arn\}$/);
    const flow = onlyResource(json, 'aws_flow_log');
    expect(flow.traffic_type).toBe('ALL');
    expect(flow.log_destination_type).toBe('cloud-watch-logs');
    const key = onlyResource(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('the default security group is emptied and an S3 gateway endpoint serves the private route tables', () => {
    const { json } = network();
    const sg = onlyResource(json, 'aws_default_security_group');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    const endpoint = onlyResource(json, 'aws_vpc_endpoint');
    expect(endpoint.vpc_endpoint_type).toBe('Gateway');
    expect(endpoint.service_name).toMatch(/^com\.amazonaws\.\$\{data\.aws_region\.network_region_[A-F0-9]+\.region\}\.s3$/);
    expect(endpoint.route_table_ids).toHaveLength(3);
  });

  test('explicit availability zones are used as given, without a data source', () => {
    const { json } = network({ availabilityZones: ['us-east-1a', 'us-east-1b'] });
    expect(resourceList(json, 'aws_subnet').map((s) => s.availability_zone).sort()).toEqual(['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b']);
    expect(json.data?.aws_availability_zones).toBeUndefined();
  });

  describe('validation', () => {
    test.each([
      [{ cidr: '10.0.0.1/16' }, 'test-cloud/network: cidr = "10.0.0.1/16" is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16'],
      [{ cidr: '10.0.0.0/24' }, 'test-cloud/network: cidr = "10.0.0.0/24" must be a /16 to /22 block; EKS pods take one VPC IP each, so give the VPC at least a /22 (a /16 is recommended)'],
      [{ azCount: 1 }, 'test-cloud/network: azCount = 1 is below 2; EKS needs subnets in at least 2 availability zones, use 2 or more'],
      [{ availabilityZones: ['us-east-1a'] }, 'test-cloud/network: availabilityZones = ["us-east-1a"] has fewer than 2 zones; EKS needs subnets in at least 2 availability zones'],
      [{ availabilityZones: ['us-east-1a', 'us-east-1b'], azCount: 3 }, 'test-cloud/network: azCount = 3 disagrees with availabilityZones (2 zones); drop azCount or make them agree'],
      [{ flowLogRetentionDays: 10 }, 'test-cloud/network: flowLogRetentionDays = 10 is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653'],
      [{ availabilityZones: ['us-east-1a', 'us-west-2b'] }, 'test-cloud/network: availabilityZones = ["us-east-1a","us-west-2b"] mixes zones of different regions; a VPC lives in one region, give zones of one region'],
      [{ availabilityZones: ['eu-west-1a', 'eu-west-1b'] }, 'test-cloud/network: availabilityZones = ["eu-west-1a","eu-west-1b"] names eu-west-1a, a zone of eu-west-1, but the stack deploys to us-east-1; use zones of us-east-1 (e.g. us-east-1a)'],
      [{ clusterName: 'bad name' }, 'test-cloud/network: clusterName = "bad name" is not a valid EKS cluster name; use letters, digits, "-" and "_", starting with a letter or digit'],
    ])('%j', (props, message) => {
      expect(() => network(props as any)).toThrow(message);
    });

    test('refuses the platform layer', () => {
      expect(() => new Network(platformStack(), 'network', { name: 'ml', clusterName: 'c' })).toThrow(
        'test-platform/network: Network belongs in the data or cloud layer but was created in platform stack "test-platform"; create it in the data or cloud stack of the stack set (stackSet.data or stackSet.cloud).',
      );
    });
  });
});
