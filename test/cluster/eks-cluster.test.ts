import { EksCluster } from '../../src/cluster/eks-cluster';
import { Network } from '../../src/cluster/network';
import { cloudStack, onlyResource, policy, resourceAt, resourceList, resources, synth } from '../helpers/synth';

function cluster(props: Partial<ConstructorParameters<typeof EksCluster>[2]> = {}) {
  const stack = cloudStack();
  const network = new Network(stack, 'network', { name: 'ml', clusterName: 'ml', preset: 'dev' });
  const c = new EksCluster(stack, 'cluster', { name: 'ml', network, preset: 'dev', ...props });
  return { c, json: synth(stack) };
}

describe('EksCluster', () => {
  const { json } = cluster();
  const eks = onlyResource(json, 'aws_eks_cluster');

  test('private endpoint only by default', () => {
    expect(eks.vpc_config).toEqual({
      endpoint_private_access: true,
      endpoint_public_access: false,
      subnet_ids: expect.arrayContaining([expect.stringMatching(/aws_subnet\.network_private-0/)]),
    });
    expect(eks.vpc_config.public_access_cidrs).toBeUndefined();
  });

  test('public endpoint only with an explicit allow-list', () => {
    const { json: pub } = cluster({ endpointPublicAccessCidrs: ['203.0.113.0/24'] });
    const vpc = onlyResource(pub, 'aws_eks_cluster').vpc_config;
    expect(vpc.endpoint_public_access).toBe(true);
    expect(vpc.public_access_cidrs).toEqual(['203.0.113.0/24']);
  });

  test('the private endpoint is reachable from the listed CIDRs on 443 only; none by default', () => {
    expect(resourceList(json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    const { json: priv } = cluster({ endpointPrivateAccessCidrs: ['10.40.0.0/16', '10.40.0.0/16', '172.16.0.0/12'] });
    const rules = resourceList(priv, 'aws_vpc_security_group_ingress_rule').map((r: any) => [r.cidr_ipv4, r.ip_protocol, r.from_port, r.to_port, r.security_group_id]);
    const sg = '${aws_eks_cluster.cluster_A4C38409.vpc_config[0].cluster_security_group_id}';
    expect(rules).toEqual([
      ['10.40.0.0/16', 'tcp', 443, 443, sg],
      ['172.16.0.0/12', 'tcp', 443, 443, sg],
    ]);
  });

  test('IRSA is optional: an IAM OIDC provider only when asked, and IRSA roles can trust it', () => {
    expect(resourceList(json, 'aws_iam_openid_connect_provider')).toEqual([]);
    const { c, json: withOidc } = cluster({ irsaOidcProvider: true });
    const provider = onlyResource(withOidc, 'aws_iam_openid_connect_provider');
    expect([provider.url, provider.client_id_list]).toEqual(['${aws_eks_cluster.cluster_A4C38409.identity[0].oidc[0].issuer}', ['sts.amazonaws.com']]);
    expect(c.irsa!.oidcProviderArn).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(provider.thumbprint_list).toBeUndefined();
  });

  test('API authentication mode, Secrets envelope encryption with a rotated, protected KMS key', () => {
    expect(eks.access_config).toEqual({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: true });
    expect(eks.encryption_config.resources).toEqual(['secrets']);
    expect(eks.encryption_config.provider.key_arn).toMatch(/^\$\{aws_kms_key\.cluster_kms-key_[A-F0-9]+\.arn\}$/);
    const key = resourceAt(json, 'aws_kms_key', 'cluster/kms-key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('all control-plane logs, to a KMS-encrypted log group created before the cluster', () => {
    expect(eks.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    const group = resourceAt(json, 'aws_cloudwatch_log_group', 'cluster/log-group');
    expect(group.name).toBe('/aws/eks/ml/cluster');
    expect(group.retention_in_days).toBe(30);
    expect(group.kms_key_id).toMatch(/aws_kms_key\.cluster_kms-key/);
    expect(eks.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\.cluster_log-group/)]));
  });

  test('dev has no deletion protection; prod has it', () => {
    expect(eks.deletion_protection).toBe(false);
    expect(onlyResource(cluster({ preset: 'prod' }).json, 'aws_eks_cluster').deletion_protection).toBe(true);
  });

  test('system nodes: on-demand, IMDSv2 with hop limit 2, encrypted gp3 root volume', () => {
    const lt = onlyResource(json, 'aws_launch_template');
    expect(lt.metadata_options).toEqual({
      http_endpoint: 'enabled',
      http_put_response_hop_limit: 2,
      http_tokens: 'required',
      instance_metadata_tags: 'disabled',
    });
    expect(lt.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { delete_on_termination: 'true', encrypted: 'true', volume_size: 50, volume_type: 'gp3' } },
    ]);
    const ng = onlyResource(json, 'aws_eks_node_group');
    expect(ng.capacity_type).toBe('ON_DEMAND');
    expect(ng.scaling_config).toEqual({ desired_size: 2, max_size: 4, min_size: 2 });
    expect(ng.labels).toEqual({ 'mlops.cdktf.io/node-role': 'system' });
  });

  test('add-ons: networking before nodes, coredns and EBS CSI (with its Pod Identity role) after', () => {
    const addons = resources(json, 'aws_eks_addon');
    const byName = Object.fromEntries(Object.values(addons).map((a: any) => [a.addon_name, a]));
    expect(Object.keys(byName).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
    for (const pre of ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent']) {
      expect(byName[pre].depends_on).toEqual([expect.stringMatching(/^aws_eks_cluster\./)]);
    }
    for (const post of ['coredns', 'aws-ebs-csi-driver']) {
      expect(byName[post].depends_on).toEqual([expect.stringMatching(/^aws_eks_node_group\./)]);
    }
    expect(byName['aws-ebs-csi-driver'].pod_identity_association).toEqual([
      { role_arn: expect.stringMatching(/^\$\{aws_iam_role\.cluster_addons_ebs-csi-role_[A-F0-9]+\.arn\}$/), service_account: 'ebs-csi-controller-sa' },
    ]);
    const ng = onlyResource(json, 'aws_eks_node_group');
    expect(ng.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/aws_eks_addon\.cluster_addons_vpc-cni/)]));
  });

  test('vpc-cni enforces NetworkPolicies; no other add-on is configured', () => {
    const byName = Object.fromEntries(Object.values(resources(json, 'aws_eks_addon')).map((a: any) => [a.addon_name, a]));
    expect(JSON.parse(byName['vpc-cni'].configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    expect(Object.keys(byName).filter((n) => byName[n].configuration_values !== undefined)).toEqual(['vpc-cni']);
  });

  test('the EBS CSI role trusts only its service account through Pod Identity', () => {
    const role = resourceAt(json, 'aws_iam_role', 'ebs-csi-role/role');
    expect(policy(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowEksPodIdentity',
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: {
              'aws:RequestTag/eks-cluster-name': 'ml',
              'aws:RequestTag/kubernetes-namespace': 'kube-system',
              'aws:RequestTag/kubernetes-service-account': 'ebs-csi-controller-sa',
            },
          },
        },
      ],
    });
  });

  test('the cluster security group is tagged for Karpenter discovery', () => {
    const tag = onlyResource(json, 'aws_ec2_tag');
    expect(tag).toMatchObject({ key: 'karpenter.sh/discovery', value: 'ml' });
    expect(tag.resource_id).toMatch(/vpc_config\[0\]\.cluster_security_group_id|vpc_config\.0\.cluster_security_group_id/);
  });

  test('admin principals get access entries with the cluster admin policy', () => {
    const { json: withAdmin } = cluster({ adminPrincipalArns: ['arn:aws:iam::123456789012:role/ci-deploy'] });
    expect(onlyResource(withAdmin, 'aws_eks_access_entry')).toMatchObject({ principal_arn: 'arn:aws:iam::123456789012:role/ci-deploy', type: 'STANDARD' });
    expect(onlyResource(withAdmin, 'aws_eks_access_policy_association')).toMatchObject({
      access_scope: { type: 'cluster' },
      policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
    });
  });

  test('IAM role names fit in 64 characters even for a 100-character cluster name', () => {
    const long = 'a'.repeat(100);
    const stack = cloudStack();
    new EksCluster(stack, 'cluster', { name: long, network: { vpcId: 'vpc-1', privateSubnetIds: ['subnet-1', 'subnet-2'] } });
    const names = resourceList(synth(stack), 'aws_iam_role').map((r) => r.name);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(64);
    expect(new Set(names).size).toBe(names.length);
  });

  describe('validation', () => {
    test.each([
      [{ endpointPublicAccessCidrs: ['0.0.0.0/0'] }, 'test-cloud/cluster: endpointPublicAccessCidrs[0] = "0.0.0.0/0" opens the Kubernetes API endpoint to the whole internet; list the CIDRs of your office, VPN or CI runners instead (or none for a private endpoint)'],
      [{ endpointPublicAccessCidrs: ['10.0.0.0/33'] }, 'test-cloud/cluster: endpointPublicAccessCidrs[0] = "10.0.0.0/33" is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16'],
      [{ name: 'x'.repeat(101) }, /^test-cloud\/cluster: name = "x+.*" is longer than 100 characters; EKS cluster names are at most 100 characters$/],
      [{ endpointPrivateAccessCidrs: ['0.0.0.0/0'] }, 'test-cloud/cluster: endpointPrivateAccessCidrs[0] = "0.0.0.0/0" is wider than /8; the private endpoint rule is for your VPC, VPN or runner CIDRs'],
      [{ name: 'bad name' }, 'test-cloud/cluster: name = "bad name" is not a valid EKS cluster name; use letters, digits, "-" and "_", starting with a letter or digit'],
      [{ logTypes: ['api', 'scheduler'] }, 'test-cloud/cluster: logTypes = ["api","scheduler"] must include api, audit, authenticator; these logs are needed to audit who did what'],
      [{ systemNodes: { metadataHopLimit: 3 } }, 'test-cloud/cluster: systemNodes.metadataHopLimit = 3 must be 1 or 2; a larger hop limit exposes node credentials to containers'],
      [{ systemNodes: { desiredSize: 2, maxSize: 1 } }, 'test-cloud/cluster: systemNodes.maxSize = 1 is below desiredSize (2); raise maxSize'],
      [
        { systemNodes: { instanceTypes: ['m7g.large'] } },
        'test-cloud/cluster: systemNodes.instanceTypes[0] = "m7g.large" is not an x86_64 instance type, but system nodes run the AL2023_x86_64_STANDARD AMI; use an x86_64 type such as "m7i.large"',
      ],
      [
        { systemNodes: { instanceTypes: ['g6.xlarge'] } },
        'test-cloud/cluster: systemNodes.instanceTypes[0] = "g6.xlarge" has GPUs or other accelerators, which the standard system node AMI cannot drive; use a general-purpose type such as "m7i.large" (GPU capacity comes from a GpuNodePool)',
      ],
      [
        { logRetentionDays: 42 },
        'test-cloud/cluster: logRetentionDays = 42 is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
      ],
      [{ kubernetesVersion: '1.99' }, 'test-cloud/cluster: kubernetesVersion = "1.99" is not a version the library supports; use 1.33 or 1.34 (SUPPORTED_KUBERNETES_VERSIONS, what the pinned charts are tested with)'],
      [
        { endpointPublicAccessCidrs: ['192.168.10.0/24'] },
        'test-cloud/cluster: endpointPublicAccessCidrs[0] = "192.168.10.0/24" is (or overlaps) the non-public range 192.168.0.0/16, which never reaches the public endpoint; list public egress CIDRs here and inside-VPC ranges in endpointPrivateAccessCidrs',
      ],
      [
        { adminPrincipalArns: ['arn:aws:iam::123456789012:role/ci', 'arn:aws:iam::123456789012:role/ci'] },
        'test-cloud/cluster: adminPrincipalArns = ["arn:aws:iam::123456789012:role/ci","arn:aws:iam::123456789012:role/ci"] lists a principal twice; each gets one access entry, give distinct ARNs',
      ],
      [{ addonVersions: { 'vpc-cni': 'latest' } }, 'test-cloud/cluster: addonVersions.vpc-cni = "latest" is not an EKS add-on version; use e.g. "v1.20.4-eksbuild.1" (aws eks describe-addon-versions)'],
      [{ deletionProtecton: true }, 'test-cloud/cluster: deletionProtecton = true is not a known prop; did you mean "deletionProtection"?'],
    ])('%j', (props, message) => {
      expect(() => cluster(props as any)).toThrow(message);
    });

    test('a missing or half network says what to pass instead of crashing', () => {
      const stack = cloudStack();
      expect(() => new EksCluster(stack, 'a', { name: 'ml' } as any)).toThrow('test-cloud/a: network = (missing) is required; pass a Network (or { vpcId, privateSubnetIds })');
      expect(() => new EksCluster(stack, 'b', { name: 'ml', network: { vpcId: 'vpc-1' } } as any)).toThrow('test-cloud/b: network.privateSubnetIds = (missing) is required; pass the private subnet ids');
      expect(() => new EksCluster(stack, 'c', undefined as any)).toThrow('test-cloud/c: props = (missing) is required; pass an object');
    });
  });
});

describe('tags on what default_tags does not reach', () => {
  test('instances, volumes and ENIs of system nodes get the stack common tags', () => {
    const { json } = cluster();
    const specs = onlyResource(json, 'aws_launch_template').tag_specifications;
    expect(specs.map((s: any) => s.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    expect(specs[0].tags).toEqual({
      Name: 'ml-system',
      'mlops.cdktf.io/node-role': 'system',
      'mlops:environment': 'dev',
      'mlops:managed-by': 'cdktf-mlops',
      'mlops:project': 'test',
      'mlops:stack': 'test-cloud',
    });
  });
});
