import { App, TerraformStack } from 'cdktf';
import { GpuNodePool, GpuNodePoolProps, MigConfiguration } from '../../src/compute';
import { cloudStack, platformStack, resourceAt, resourceList, synth, workloadsStack, FAKE_CLUSTER } from '../helpers/synth';

const KARPENTER = { nodeRoleName: 'KarpenterNodeRole-test-cluster' };
const BASE: GpuNodePoolProps = { karpenter: KARPENTER, instanceFamilies: ['g6e', 'g5', 'g6'], limits: { gpu: 8 } };

function pool(props: Partial<GpuNodePoolProps> = {}, stack = workloadsStack(), id = 'gpu-inference') {
  const p = new GpuNodePool(stack, id, { ...BASE, ...props } as GpuNodePoolProps);
  const json = synth(stack);
  return {
    pool: p,
    nodePool: resourceAt(json, 'kubernetes_manifest', `${id}/node-pool`),
    nodeClass: resourceAt(json, 'kubernetes_manifest', `${id}/node-class`),
    json,
  };
}

describe('GpuNodePool NodePool', () => {
  test('spot-first, bounded, scale-to-zero, tainted', () => {
    const { nodePool, nodeClass } = pool();
    expect(nodePool.manifest).toEqual({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'gpu-inference' },
      spec: {
        template: {
          metadata: { labels: { 'mlops.cdktf.io/gpu-pool': 'gpu-inference', 'mlops.cdktf.io/node-role': 'gpu' } },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu-inference' },
            requirements: [
              { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
              { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
              { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
              { key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] },
              { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g6e', 'g5', 'g6'] },
            ],
            taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
            expireAfter: '720h',
          },
        },
        limits: { 'nvidia.com/gpu': '8' },
        disruption: {
          consolidationPolicy: 'WhenEmpty',
          consolidateAfter: '5m',
          budgets: [
            { nodes: '100%', reasons: ['Empty'] },
            { nodes: '1', reasons: ['Drifted', 'Underutilized'] },
          ],
        },
      },
    });
    expect(nodePool.manifest.spec.replicas).toBeUndefined(); // no static capacity
    expect(nodePool.depends_on).toEqual(['kubernetes_manifest.gpu-inference_node-class_028A5533']);
    expect(nodeClass.manifest.kind).toBe('EC2NodeClass');
  });

  test('selection by GPU labels, capacity, disruption and limits options', () => {
    const { nodePool } = pool({
      instanceFamilies: undefined,
      gpu: { names: ['h100', 'h200'], minCount: 8, maxCount: 8, minMemoryGiB: 80 },
      capacityTypes: ['reserved', 'on-demand'],
      limits: { gpu: 16, cpu: '384', memory: '4Ti' },
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '30m',
      budgets: [{ nodes: '0', schedule: '0 9 * * mon-fri', duration: '8h' }],
      expireAfter: 'Never',
      terminationGracePeriod: '24h',
      weight: 50,
      labels: { team: 'llm' },
    });
    const spec = nodePool.manifest.spec;
    expect(spec.template.spec.requirements.slice(4)).toEqual([
      { key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['h100', 'h200'] },
      { key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'Gt', values: ['7'] },
      { key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'Lt', values: ['9'] },
      { key: 'karpenter.k8s.aws/instance-gpu-memory', operator: 'Gt', values: ['81919'] },
    ]);
    expect(spec.template.spec.requirements[0]).toEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['reserved', 'on-demand'] });
    expect(spec.limits).toEqual({ 'nvidia.com/gpu': '16', cpu: '384', memory: '4Ti' });
    expect(spec.disruption).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '30m', budgets: [{ nodes: '0', schedule: '0 9 * * mon-fri', duration: '8h' }] });
    expect([spec.template.spec.expireAfter, spec.template.spec.terminationGracePeriod, spec.weight]).toEqual(['Never', '24h', 50]);
    expect(spec.template.metadata.labels).toEqual({ 'mlops.cdktf.io/gpu-pool': 'gpu-inference', 'mlops.cdktf.io/node-role': 'gpu', team: 'llm' });
  });
});

describe('GpuNodePool EC2NodeClass', () => {
  test('pinned AL2023 alias, IMDSv2 hop 1, encrypted 200Gi gp3, discovery selectors, node role, tags', () => {
    const { nodeClass } = pool();
    expect(nodeClass.manifest).toEqual({
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: 'gpu-inference' },
      spec: {
        role: 'KarpenterNodeRole-test-cluster',
        amiSelectorTerms: [{ alias: 'al2023@v20251108' }],
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'test-cluster' } }],
        securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'test-cluster' } }],
        metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
        blockDeviceMappings: [{ deviceName: '/dev/xvda', rootVolume: true, ebs: { volumeSize: '200Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
        tags: { 'mlops:environment': 'dev', 'mlops:managed-by': 'cdktf-mlops', 'mlops:project': 'test', 'mlops:stack': 'test-workloads' },
      },
    });
  });

  test('Bottlerocket: 4Gi OS volume and a data volume as kubelet root; RAID0; hop limit 2; KMS key', () => {
    const { nodeClass } = pool({ amiFamily: 'bottlerocket', instanceStoreRaid0: true, metadataHopLimit: 2, volumeSizeGiB: 500, volumeKmsKeyId: 'alias/ebs' });
    const spec = nodeClass.manifest.spec;
    expect(spec.amiSelectorTerms).toEqual([{ alias: 'bottlerocket@v1.50.0' }]);
    expect(spec.blockDeviceMappings).toEqual([
      { deviceName: '/dev/xvda', ebs: { volumeSize: '4Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true, kmsKeyID: 'alias/ebs' } },
      { deviceName: '/dev/xvdb', rootVolume: true, ebs: { volumeSize: '500Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true, kmsKeyID: 'alias/ebs' } },
    ]);
    expect([spec.instanceStorePolicy, spec.metadataOptions.httpPutResponseHopLimit]).toEqual(['RAID0', 2]);
  });

  test('without a discovery tag, subnets and security group by id', () => {
    const stack = workloadsStack();
    const cluster = { clusterName: 'c', region: 'us-east-1', bind: () => ({ ...FAKE_CLUSTER, karpenterDiscoveryTag: undefined }) };
    const { nodeClass } = pool({ cluster }, stack);
    expect(nodeClass.manifest.spec.subnetSelectorTerms).toEqual([{ id: 'subnet-0aaaaaaaaaaaaaaa1' }, { id: 'subnet-0aaaaaaaaaaaaaaa2' }]);
    expect(nodeClass.manifest.spec.securityGroupSelectorTerms).toEqual([{ id: 'sg-0123456789abcdef0' }]);
  });

  test('satisfies the CRD CEL rules ajv does not evaluate', () => {
    for (const props of [{}, { amiFamily: 'bottlerocket' as const }]) {
      const { nodeClass, nodePool } = pool(props, workloadsStack());
      const nc = nodeClass.manifest.spec;
      // alias terms: one term, alias alone, family@version with a supported family; no amiFamily needed.
      expect(nc.amiSelectorTerms).toHaveLength(1);
      expect(Object.keys(nc.amiSelectorTerms[0])).toEqual(['alias']);
      expect(nc.amiSelectorTerms[0].alias).toMatch(/^(al2023|bottlerocket)@v[0-9.]+$/);
      expect(nc.amiFamily).toBeUndefined();
      // exactly one of role / instanceProfile; at most one root volume.
      expect([nc.role !== undefined, nc.instanceProfile !== undefined]).toEqual([true, false]);
      expect(nc.blockDeviceMappings.filter((m: any) => m.rootVolume === true)).toHaveLength(1);
      // no restricted tags.
      expect(Object.keys(nc.tags).filter((k) => /^(eks:eks-cluster-name|kubernetes\.io\/cluster\/|karpenter\.sh\/nodepool|karpenter\.sh\/nodeclaim|karpenter\.k8s\.aws\/ec2nodeclass)/.test(k))).toEqual([]);
      // NodePool: labels outside the restricted karpenter domains; In requirements have values; budgets pair schedule/duration.
      const np = nodePool.manifest.spec;
      const restricted = (k: string) => /^[^/]*(karpenter\.sh|karpenter\.k8s\.aws)\//.test(k) || k === 'kubernetes.io/hostname';
      expect(Object.keys(np.template.metadata.labels).filter(restricted)).toEqual([]);
      for (const r of np.template.spec.requirements) if (r.operator === 'In') expect(r.values.length).toBeGreaterThan(0);
      for (const b of np.disruption.budgets) expect(b.schedule === undefined).toBe(b.duration === undefined);
      expect(np.replicas).toBeUndefined();
    }
  });
});

describe('GpuNodePool public API', () => {
  test('tolerations, node selector and offer', () => {
    const { pool: p } = pool({ instanceFamilies: ['g6e'] });
    expect(p.nodePoolName).toBe('gpu-inference');
    expect(p.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    expect(p.nodeSelector).toEqual({ 'mlops.cdktf.io/gpu-pool': 'gpu-inference' });
    expect(p.offer.limits).toEqual({ 'nvidia.com/gpu': 8 });
    expect(p.offer.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
    expect(p.offer.instances.map((i) => [i.instanceType, i.resources['nvidia.com/gpu']])).toEqual([
      ['g6e.xlarge', 1],
      ['g6e.2xlarge', 1],
      ['g6e.4xlarge', 1],
      ['g6e.8xlarge', 1],
      ['g6e.16xlarge', 1],
      ['g6e.12xlarge', 4],
      ['g6e.24xlarge', 4],
      ['g6e.48xlarge', 8],
    ]);
  });

  test('custom taint without value is tolerated with Exists', () => {
    const { pool: p } = pool({ taints: [{ key: 'dedicated', effect: 'NoExecute' }], name: 'training' });
    expect(p.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }]);
    expect(p.nodePool).toBeDefined();
  });
});

describe('GpuNodePool MIG', () => {
  const MIG = { configName: 'h100-3g', gpu: 'H100-80GB' as const, layout: { '3g.40gb': 2 } };

  test('labels nodes with the mig config, adds the NodeOverlay, offers MIG slices', () => {
    const { pool: p, nodePool, json } = pool({ instanceFamilies: undefined, instanceTypes: ['p5.48xlarge'], capacityTypes: ['on-demand'], limits: { gpu: 16 }, mig: MIG }, workloadsStack(), 'mig');
    expect(nodePool.manifest.spec.template.metadata.labels).toEqual({ 'mlops.cdktf.io/gpu-pool': 'mig', 'mlops.cdktf.io/node-role': 'gpu', 'nvidia.com/mig.config': 'h100-3g' });
    const overlays = resourceList(json, 'kubernetes_manifest').filter((m) => m.manifest.kind === 'NodeOverlay');
    expect(overlays.map((o) => [o.manifest.metadata.name, o.manifest.spec.capacity])).toEqual([['mig-mig-p5-48xlarge', { 'nvidia.com/mig-3g.40gb': '16' }]]);
    expect(p.offer.instances).toEqual([{ instanceType: 'p5.48xlarge', resources: { 'nvidia.com/mig-3g.40gb': 16 } }]);
    expect(p.offer.limits).toEqual({ 'nvidia.com/gpu': 16, 'nvidia.com/mig-3g.40gb': 32 });
  });

  test('the layout is declared once: taken from the MigConfiguration, or synth fails when it disagrees or is missing', () => {
    const app = new App();
    const platform = platformStack(app);
    const config = new MigConfiguration(platform, 'mig-config', { pools: [MIG] });
    const stack = workloadsStack(app);
    const spec = config.pool('h100-3g');
    expect(spec).toEqual(MIG);
    new GpuNodePool(stack, 'ok', { ...BASE, instanceFamilies: undefined, instanceTypes: ['p5.48xlarge'], limits: { gpu: 8 }, mig: spec });
    expect(() => synth(stack)).not.toThrow();
    new GpuNodePool(stack, 'other', { ...BASE, instanceFamilies: undefined, instanceTypes: ['p5.48xlarge'], limits: { gpu: 8 }, mig: { ...MIG, layout: { '3g.40gb': 1, '4g.40gb': 1 } } });
    new GpuNodePool(stack, 'missing', { ...BASE, instanceFamilies: undefined, instanceTypes: ['p5.48xlarge'], limits: { gpu: 8 }, mig: { ...MIG, configName: 'h100-7g', layout: { '7g.80gb': 1 } } });
    expect(() => synth(stack)).toThrow(
      '[test-workloads/other] mig = H100-80GB {3g.40gb: 1, 4g.40gb: 1} disagrees with config "h100-3g" of test-platform/mig-config (H100-80GB {3g.40gb: 2}); declare the layout once: pass mig: configuration.pool("h100-3g")',
    );
    expect(() => synth(stack)).toThrow(
      '[test-workloads/missing] mig.configName = "h100-7g" is not a config of the MIG manager\'s ConfigMap (test-platform/mig-config: h100-3g); add this pool\'s spec to the MigConfiguration\'s pools, or pass mig: configuration.pool(<name>)',
    );
    expect(() => config.pool('nope')).toThrow('test-platform/mig-config: pool(configName) = "nope" is not a config of this MigConfiguration (h100-3g); use one of them or add the pool to its pools');
  });

  test('MIG on a GPU without MIG fails with the reason', () => {
    expect(() => new GpuNodePool(workloadsStack(), 'mig', { ...BASE, instanceFamilies: ['g6e'], mig: MIG })).toThrow(
      /^test-workloads\/mig: mig = .* cannot run on g6e\.xlarge: g6e\.xlarge has L40S GPUs, which do not support MIG/,
    );
  });
});

describe('GpuNodePool validation', () => {
  const err = (props: Record<string, unknown>) => () => new GpuNodePool(workloadsStack(), 'pool', { ...BASE, ...props } as unknown as GpuNodePoolProps);

  test('limits.gpu is required', () => {
    expect(err({ limits: undefined })).toThrow('test-workloads/pool: limits = (missing) is required; set limits: { gpu: <most GPUs the pool may run> } so GPU spend is bounded');
    expect(err({ limits: { cpu: '64' } })).toThrow('test-workloads/pool: limits.gpu = (missing) is required; give the number of GPUs');
    expect(err({ limits: { gpu: 0 } })).toThrow('test-workloads/pool: limits.gpu = 0 must be at least 1; give a positive number of GPUs');
  });

  test('selection', () => {
    expect(err({ instanceFamilies: ['m7i'] })).toThrow('test-workloads/pool: instanceFamilies[0] = "m7i" is not a known NVIDIA GPU instance family; use one of g4dn, g5, g6, g6e, p4d, p4de, p5, p5e, p5en, p6-b200');
    expect(err({ instanceFamilies: undefined, instanceTypes: ['p5.96xlarge'] })).toThrow('test-workloads/pool: instanceTypes[0] = "p5.96xlarge" is not a known NVIDIA GPU instance type');
    expect(err({ instanceFamilies: undefined })).toThrow('test-workloads/pool: instanceFamilies = (missing) is required when instanceTypes and gpu are not given; select GPUs, e.g. instanceFamilies: ["g6e", "g5"]');
    expect(err({ instanceFamilies: ['g5'], gpu: { names: ['h100'] } })).toThrow('together with instanceTypes and gpu selects no known GPU instance type; loosen the selection (see GPU_INSTANCE_TYPES)');
    expect(err({ gpu: { minCount: 8, maxCount: 4 } })).toThrow('test-workloads/pool: gpu.maxCount = 4 is below gpu.minCount (8); raise maxCount or lower minCount');
  });

  test('node settings', () => {
    expect(err({ metadataHopLimit: 3 })).toThrow('test-workloads/pool: metadataHopLimit = 3 must be 1 or 2; a larger hop limit lets containers reach the node role credentials');
    expect(err({ amiAlias: 'al2023@latest' })).toThrow('test-workloads/pool: amiAlias = "al2023@latest" is not a pinned al2023/bottlerocket alias; use e.g. "al2023@v20251108"');
    expect(err({ amiAlias: 'bottlerocket@v1.50.0' })).toThrow('test-workloads/pool: amiAlias = "bottlerocket@v1.50.0" does not belong to amiFamily "al2023"; use "al2023@v20251108" or change amiFamily');
    expect(err({ volumeSizeGiB: 20 })).toThrow('test-workloads/pool: volumeSizeGiB = 20 is below 50 GiB; GPU AMIs and model server images need at least 50 GiB');
    expect(err({ capacityTypes: ['preemptible'] })).toThrow('test-workloads/pool: capacityTypes[0] = "preemptible" is not a capacity type; use "spot", "on-demand" or "reserved"');
    expect(err({ consolidateAfter: '5 minutes' })).toThrow('test-workloads/pool: consolidateAfter = "5 minutes" is not a duration; use e.g. "30s", "5m", "720h" or "Never"');
    expect(err({ budgets: [{ nodes: 'all' }] })).toThrow('test-workloads/pool: budgets[0].nodes = "all" is not a node count or percentage; use e.g. "1" or "20%"');
    expect(err({ weight: 101 })).toThrow('test-workloads/pool: weight = 101 is above 100; weights are 1-100');
  });

  test('limits.gpu below the smallest instance never launches a node; a huge one is a warning', () => {
    expect(err({ instanceFamilies: undefined, instanceTypes: ['p5.48xlarge'], limits: { gpu: 4 } })).toThrow(
      'test-workloads/pool: limits.gpu = 4 is below the 8 GPUs of the smallest instance type the pool may launch (p5.48xlarge), so the pool could never launch a node; raise it to at least 8 or select smaller instance types',
    );
    const huge = new GpuNodePool(workloadsStack(), 'huge', { ...BASE, limits: { gpu: 1_000_000 } });
    expect(huge.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data))).toEqual([
      'limits.gpu = 1000000 is above 1024 GPUs: as good as unbounded, it no longer caps GPU spend; set the most GPUs the pool should ever run',
    ]);
    const normal = new GpuNodePool(workloadsStack(), 'normal', BASE);
    expect(normal.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });

  test('budgets: one cron validator, schedule and duration together', () => {
    expect(err({ budgets: [{ nodes: '1', schedule: '61 * * * *', duration: '1h' }] })).toThrow(
      'test-workloads/pool: budgets[0].schedule = "61 * * * *" has an invalid minute field "61" ("61" is not a number from 0 to 59); use 5 fields "minute hour day-of-month month day-of-week" (UTC), e.g. "5 * * * *" for hourly',
    );
    expect(err({ budgets: [{ nodes: '1', schedule: '0 9 * * 1-5' }] })).toThrow(
      "test-workloads/pool: budgets[0].schedule = \"0 9 * * 1-5\" needs duration too (Karpenter's CRD: 'schedule' must be set with 'duration'); give both, e.g. schedule \"0 9 * * 1-5\" with duration \"8h\", or neither for an always-active budget",
    );
    expect(err({ budgets: [{ nodes: '1', duration: '8h' }] })).toThrow("test-workloads/pool: budgets[0].duration = \"8h\" needs schedule too (Karpenter's CRD");
  });

  test('labels and taints the CRD or the pool refuse', () => {
    expect(err({ labels: { 'karpenter.sh/capacity-type': 'spot' } })).toThrow(
      'test-workloads/pool: labels.karpenter.sh/capacity-type = "spot" is in a label domain Karpenter\'s NodePool CRD refuses (karpenter.sh); use a label of your own domain',
    );
    expect(err({ labels: { 'mlops.cdktf.io/gpu-pool': 'x' } })).toThrow('test-workloads/pool: labels.mlops.cdktf.io/gpu-pool = "x" is set by the pool itself (role, pool name, MIG config); leave it out');
    expect(err({ taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'b', effect: 'NoSchedule' }] })).toThrow(
      'test-workloads/pool: taints = [{"key":"a","effect":"NoSchedule"},{"key":"a","value":"b","effect":"NoSchedule"}] has two taints with the same key and effect; Kubernetes keeps one per key and effect, give each once',
    );
    expect(err({ taints: [{ key: 'a', value: '', effect: 'NoSchedule' }] })).toThrow('test-workloads/pool: taints[0].value = "" is empty; leave value out for a taint without a value');
    expect(err({ maxReplica: 3 })).toThrow('test-workloads/pool: maxReplica = 3 is not a known prop; remove it or check its spelling');
  });

  test('layer and cluster', () => {
    expect(() => new GpuNodePool(cloudStack(), 'pool', BASE)).toThrow('test-cloud/pool: GpuNodePool belongs in the workloads layer but was created in cloud stack "test-cloud"');
    expect(() => new GpuNodePool(new TerraformStack(new App(), 'plain'), 'pool', BASE)).toThrow(
      'plain/pool: cluster = (missing) is required outside a WorkloadsStack; pass the ClusterRef of the cluster',
    );
  });
});
