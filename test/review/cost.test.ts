/** Cost model with hand-computed figures (prices from the us-east-1 table, 730 h/month). */
import { EksCluster, Network } from '../../src/cluster';
import { GPU_INSTANCE_TYPES } from '../../src/compute/gpu-instances';
import { estimateCost, quantityToGiB } from '../../src/review/cost';
import { parseStack } from '../../src/synth/load';
import { mergePriceTable } from '../../src/review/prices/load';
import { US_EAST_1_PRICES } from '../../src/review/prices/us-east-1';
import { renderCostMarkdown } from '../../src/review/render-cost';
import { SynthOutput } from '../../src/review/types';
import { cloudStack } from '../helpers/synth';
import { synthApp } from './fixtures';

function output(resource: Record<string, Record<string, unknown>>, region = 'us-east-1'): SynthOutput {
  const json = { provider: { aws: [{ region }] }, resource };
  return { label: 'fixture', stacks: new Map([['s', parseStack('s', json)]]) };
}

const nodePool = (name: string, limit: string | undefined, requirements: unknown[]): Record<string, unknown> => ({
  manifest: { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name }, spec: { template: { spec: { requirements } }, ...(limit ? { limits: { 'nvidia.com/gpu': limit } } : {}) } },
});

test('reference cloud layer (dev): EKS + 1 NAT + EIP + 2 system nodes with 50 GiB gp3 + 2 KMS keys', () => {
  const out = synthApp((app) => {
    const s = cloudStack(app);
    const network = new Network(s, 'network', { name: 'mlops-dev', clusterName: 'mlops-dev', preset: 'dev' });
    new EksCluster(s, 'cluster', { name: 'mlops-dev', network, preset: 'dev', systemNodes: { instanceTypes: ['m7i.large'] } });
  }, 'dev');
  const c = estimateCost(out, US_EAST_1_PRICES);
  // 73 (EKS) + 32.85 (NAT) + 3.65 (IPv4) + 2 × 0.1008 × 730 (147.168) + 2 × 50 × 0.08 (8) + 2 × 1 (KMS) = 266.668
  expect(c.idleMonthlyUsd).toBeCloseTo(266.668, 6);
  expect(c.lines.map((l) => [l.address.split('.')[0], Math.round(l.monthlyUsd * 1000) / 1000])).toEqual([
    ['aws_eip', 3.65],
    ['aws_eks_cluster', 73],
    ['aws_eks_node_group', 155.168],
    ['aws_kms_key', 1],
    ['aws_kms_key', 1],
    ['aws_nat_gateway', 32.85],
  ]);
  expect(c.excluded).toContain('NAT gateway data processing ($/GB)');
  expect(c.excluded).toContain('CloudWatch Logs ingestion and storage');
  expect(c.gpuHourlyUsd).toBe(0);
});

test('RDS multi-AZ doubles instance and storage; ElastiCache nodes; PVC; LoadBalancer Service; secret', () => {
  const c = estimateCost(
    output({
      aws_db_instance: { db: { instance_class: 'db.t4g.medium', allocated_storage: 100, storage_type: 'gp3', multi_az: true } },
      aws_elasticache_replication_group: { cache: { node_type: 'cache.t4g.small', num_cache_clusters: 2 } },
      kubernetes_persistent_volume_claim_v1: { pvc: { spec: { resources: { requests: { storage: '100Gi' } } } } },
      kubernetes_service_v1: { lb: { spec: { type: 'LoadBalancer' } } },
      aws_secretsmanager_secret: { s: { name: 'x' } },
    }),
    US_EAST_1_PRICES,
  );
  const byAddress = Object.fromEntries(c.lines.map((l) => [l.address, l.monthlyUsd]));
  expect(byAddress['aws_db_instance.db']).toBeCloseTo(2 * 0.065 * 730 + 2 * 100 * 0.115, 9); // 94.9 + 23 = 117.9
  expect(byAddress['aws_elasticache_replication_group.cache']).toBeCloseTo(2 * 0.032 * 730, 9); // 46.72
  expect(byAddress['kubernetes_persistent_volume_claim_v1.pvc']).toBeCloseTo(100 * 0.08, 9); // 100Gi is 100 GiB, billed as 100 GB-months
  expect(byAddress['kubernetes_service_v1.lb']).toBeCloseTo(0.0225 * 730, 9); // 16.425
  expect(byAddress['aws_secretsmanager_secret.s']).toBeCloseTo(0.4, 9);
  expect(c.idleMonthlyUsd).toBeCloseTo(117.9 + 46.72 + 8 + 16.425 + 0.4, 6);
  expect(c.idleLowerBound).toBe(false);
  expect(c.lines.find((l) => l.address === 'aws_db_instance.db')!.formula).toBe('2 × db.t4g.medium (multi-AZ) × $0.065/h × 730 h + 200 × GiB gp3 × $0.115/GB-month');
});

test('PVCs that Helm charts create from volumeClaimTemplates and persistence sizes are priced as gp3, per replica', () => {
  const prometheus = [
    'prometheus:',
    '  prometheusSpec:',
    '    replicas: 1',
    '    storageSpec:',
    '      volumeClaimTemplate:',
    '        spec:',
    '          resources:',
    '            requests:',
    '              storage: 50Gi',
    'alertmanager:',
    '  alertmanagerSpec:',
    '    replicas: 2',
    '    storage:',
    '      volumeClaimTemplate:',
    '        spec:',
    '          resources:',
    '            requests:',
    '              storage: 5Gi',
    'grafana:',
    '  persistence:',
    '    enabled: false',
    '    size: 10Gi',
  ].join('\n');
  const c = estimateCost(
    output({
      helm_release: {
        monitoring: { chart: 'kube-prometheus-stack', values: [prometheus] },
        qdrant: { chart: 'qdrant', values: ['replicaCount: 3\npersistence:\n  size: 50Gi\n  storageClassName: gp3-encrypted\n'] },
        odd: { chart: 'odd', values: ['persistence:\n  size: ${var.size}\n'] },
      },
    }),
    US_EAST_1_PRICES,
  );
  const byAddress = Object.fromEntries(c.lines.map((l) => [l.address, l]));
  expect(byAddress['helm_release.monitoring'].monthlyUsd).toBeCloseTo((50 + 2 * 5) * 0.08, 9);
  expect(byAddress['helm_release.monitoring'].formula).toBe(
    '10 × GiB PVC `alertmanager.alertmanagerSpec.storage` 5Gi × 2 replicas (from Helm values, assumed EBS gp3) × $0.08/GB-month + ' +
      '50 × GiB PVC `prometheus.prometheusSpec.storageSpec` 50Gi × 1 replica (from Helm values, assumed EBS gp3) × $0.08/GB-month',
  );
  expect(byAddress['helm_release.qdrant'].monthlyUsd).toBeCloseTo(3 * 50 * 0.08, 9);
  expect(byAddress['helm_release.qdrant'].formula).toBe('150 × GiB PVC `persistence` 50Gi × 3 replicas (from Helm values, assumed EBS gp3) × $0.08/GB-month');
  expect(c.unpriced).toEqual([{ stack: 's', address: 'helm_release.odd', reason: 'PVC size `${var.size}` at `persistence.size` is not a literal quantity' }]);
  // an unpriced resource makes the idle total a lower bound, and the report says so
  expect(c.idleLowerBound).toBe(true);
  const report = renderCostMarkdown('fixture', c).split('\n');
  expect(report[2]).toBe(`**Idle: at least $${(((50 + 10) + 150) * 0.08).toFixed(2)}/month · Max GPU burn: $0.00/hour**`);
  expect(report).toContain(`| | **Idle total** | | **at least $${(210 * 0.08).toFixed(2)}** |`);
  expect(report).toContain('Unpriced (the idle total is a lower bound):');
});

test('max GPU burn = limit × dearest admitted $/GPU-hour, types with more GPUs than the limit excluded', () => {
  const c = estimateCost(
    output({
      kubernetes_manifest: {
        // g5 with limit 4: g5.48xlarge (8 GPUs) cannot launch; dearest per GPU is g5.16xlarge at $4.096 → 4 × 4.096 = 16.384
        small: nodePool('small', '4', [{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g5'] }]),
        // p5.48xlarge only: 16 × 55.04 / 8 = 110.08
        big: nodePool('big', '16', [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.48xlarge'] }, { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] }]),
        open: nodePool('open', undefined, [{ key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['h100'] }]),
        cpu: nodePool('cpu', undefined, [{ key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['m'] }]),
      },
    }),
    US_EAST_1_PRICES,
  );
  expect(c.gpu.map((g) => [g.nodePool, g.instanceType, g.hourlyUsd === undefined ? undefined : Math.round(g.hourlyUsd * 1e6) / 1e6])).toEqual([
    ['big', 'p5.48xlarge', 110.08],
    ['open', undefined, undefined],
    ['small', 'g5.16xlarge', 16.384],
  ]);
  expect(c.gpuHourlyUsd).toBeCloseTo(126.464, 9);
  expect(c.gpuUnbounded).toBe(true);
  expect(c.gpu[0].notes).toEqual(['spot allowed: priced at on-demand (upper bound)', 'price of p5.48xlarge unverified']);
  expect(c.gpu[1].notes).toEqual(['no `nvidia.com/gpu` limit: GPU spend is unbounded']);
  expect(renderCostMarkdown('fixture', c).split('\n')[2]).toBe('**Idle: $0.00/month · Max GPU burn: unbounded (+$126.46)/hour**');
});

test('a GPU pool without a price is "unpriced" and the total "at least", never $0.00', () => {
  const h200 = nodePool('h200', '8', [{ key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['h200'] }]);
  const h100 = nodePool('h100', '8', [{ key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['h100'] }]);
  const l4 = nodePool('l4', '1', [{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g6'] }]);
  // a table that prices only p5.48xlarge and g6.xlarge: h200 has no price at all, h100 lacks p5.4xlarge
  const partial = mergePriceTable({ region: 'eu-west-1', prices: { 'ec2:p5.48xlarge': 80, 'ec2:g6.xlarge': 1 } }, 'partial.json');
  const c = estimateCost(output({ kubernetes_manifest: { h200, h100, l4 } }, 'eu-west-1'), partial);
  const byPool = Object.fromEntries(c.gpu.map((g) => [g.nodePool, g]));
  expect(byPool.h200).toMatchObject({ lowerBound: true, notes: ['no price for p5e.48xlarge, p5en.48xlarge'] });
  expect(byPool.h200.hourlyUsd).toBeUndefined();
  expect(byPool.h100).toMatchObject({ hourlyUsd: 80, lowerBound: true, notes: ['no price for p5.4xlarge'] });
  expect(byPool.l4.lowerBound).toBe(true);
  expect(c.gpuLowerBound).toBe(true);
  const report = renderCostMarkdown('fixture', c).split('\n');
  expect(report[2]).toMatch(/Max GPU burn: at least \$\d+\.\d\d\/hour\*\*$/);
  expect(report).toContain('- `s` NodePool `h200`: unpriced — no price for p5e.48xlarge, p5en.48xlarge');
  expect(report).toContain('- `s` NodePool `h100`: at least 8 GPU × $10.00/GPU-h (p5.48xlarge) = $80.00/h — no price for p5.4xlarge');
  expect(report.join('\n')).not.toMatch(/NodePool `h200`: \$0\.00/);

  // no catalog type fits (a 1-GPU limit on 4- and 8-GPU types): unpriced, not $0.00
  const tooSmall = nodePool('big-only', '1', [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.48xlarge'] }]);
  const none = estimateCost(output({ kubernetes_manifest: { tooSmall } }), US_EAST_1_PRICES);
  expect(none.gpu[0]).toMatchObject({ lowerBound: true, notes: ['no catalog GPU instance type fits the requirements and the limit'] });
  expect(none.gpu[0].hourlyUsd).toBeUndefined();
  expect(renderCostMarkdown('fixture', none).split('\n')[2]).toBe('**Idle: $0.00/month · Max GPU burn: at least $0.00/hour**');
});

test('every GPU instance type the catalog admits has a us-east-1 price', () => {
  const missing = Object.keys(GPU_INSTANCE_TYPES).filter((t) => US_EAST_1_PRICES.prices[`ec2:${t}`] === undefined);
  expect(missing).toEqual([]);
  expect(US_EAST_1_PRICES.prices['ec2:p5.4xlarge']).toEqual({ usd: 6.88, unit: 'hour', verified: false });
  expect(US_EAST_1_PRICES.sources.join('\n')).toMatch(/dated June 2026 \(p5\.4xlarge \$6\.88\/h/);
});

test('a price file overrides us-east-1 prices; another region starts empty and stacks elsewhere warn', () => {
  const override = mergePriceTable({ date: '2026-11-01', source: 'negotiated', prices: { 'eks:cluster-hour': 0.08 } }, 'prices.json');
  const cluster = { aws_eks_cluster: { c: { name: 'x' } }, aws_nat_gateway: { n: {} } };
  expect(estimateCost(output(cluster), override).idleMonthlyUsd).toBeCloseTo(0.08 * 730 + 0.045 * 730, 9);
  expect(override.sources[0]).toBe('prices.json (negotiated)');

  const eu = mergePriceTable({ region: 'eu-west-1', prices: { 'eks:cluster-hour': 0.1 } }, 'eu.json');
  const c = estimateCost(output(cluster, 'eu-west-1'), eu);
  expect(c.idleMonthlyUsd).toBeCloseTo(73, 9);
  expect(c.unpriced).toEqual([{ stack: 's', address: 'aws_nat_gateway.n', reason: 'no price for `vpc:nat-gateway-hour` in the eu-west-1 table' }]);
  expect(estimateCost(output(cluster, 'eu-west-1'), US_EAST_1_PRICES).warnings).toEqual(['stacks run in eu-west-1 but prices are for us-east-1; pass --prices with a eu-west-1 table']);
  expect(() => mergePriceTable({ prices: { 'eks:cluster-hour': -1 } }, 'bad.json')).toThrow(/^bad\.json: prices\.eks:cluster-hour /);
});

test('prices carry units and verification flags', () => {
  expect(US_EAST_1_PRICES.prices['eks:cluster-hour']).toEqual({ usd: 0.1, unit: 'hour', verified: true });
  expect(US_EAST_1_PRICES.prices['ec2:g5.xlarge']).toEqual({ usd: 1.006, unit: 'hour', verified: true });
  expect(US_EAST_1_PRICES.prices['ec2:g6e.48xlarge'].verified).toBe(false);
});

test('Kubernetes quantities become the whole GiB the EBS CSI driver provisions (and AWS bills as GB-months)', () => {
  expect(quantityToGiB('100Gi')).toBe(100);
  expect(quantityToGiB('1Ti')).toBe(1024);
  expect(quantityToGiB('500G')).toBe(466); // 500e9 bytes = 465.66 GiB, rounded up
  expect(quantityToGiB('512Mi')).toBe(1);
  expect(quantityToGiB('10737418240')).toBe(10);
  expect(quantityToGiB('lots')).toBeUndefined();
});
