/** Cost model with hand-computed figures (prices from the us-east-1 table, 730 h/month). */
import { EksCluster, Network } from '../../src/cluster';
import { estimateCost, quantityToGb } from '../../src/review/cost';
import { parseStack } from '../../src/review/load';
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
  expect(byAddress['kubernetes_persistent_volume_claim_v1.pvc']).toBeCloseTo((100 * 2 ** 30) / 1e9 * 0.08, 9); // 8.5899…
  expect(byAddress['kubernetes_service_v1.lb']).toBeCloseTo(0.0225 * 730, 9); // 16.425
  expect(byAddress['aws_secretsmanager_secret.s']).toBeCloseTo(0.4, 9);
  expect(c.idleMonthlyUsd).toBeCloseTo(117.9 + 46.72 + 8.589934592 + 16.425 + 0.4, 6);
  expect(c.lines.find((l) => l.address === 'aws_db_instance.db')!.formula).toBe('2 × db.t4g.medium (multi-AZ) × $0.065/h × 730 h + 200 × GB gp3 × $0.115/GB-month');
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
  const gib = 2 ** 30 / 1e9;
  const byAddress = Object.fromEntries(c.lines.map((l) => [l.address, l]));
  expect(byAddress['helm_release.monitoring'].monthlyUsd).toBeCloseTo((50 + 2 * 5) * gib * 0.08, 9);
  expect(byAddress['helm_release.monitoring'].formula).toBe(
    '10.7374 × GB PVC `alertmanager.alertmanagerSpec.storage` 5Gi × 2 replicas (from Helm values, assumed EBS gp3) × $0.08/GB-month + ' +
      '53.6871 × GB PVC `prometheus.prometheusSpec.storageSpec` 50Gi × 1 replica (from Helm values, assumed EBS gp3) × $0.08/GB-month',
  );
  expect(byAddress['helm_release.qdrant'].monthlyUsd).toBeCloseTo(3 * 50 * gib * 0.08, 9);
  expect(byAddress['helm_release.qdrant'].formula).toBe('161.0613 × GB PVC `persistence` 50Gi × 3 replicas (from Helm values, assumed EBS gp3) × $0.08/GB-month');
  expect(c.unpriced).toEqual([{ stack: 's', address: 'helm_release.odd', reason: 'PVC size `${var.size}` at `persistence.size` is not a literal quantity' }]);
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

test('a GPU pool admitting an unpriced type is reported as a lower bound', () => {
  const c = estimateCost(output({ kubernetes_manifest: { p: nodePool('p', '8', [{ key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['h200'] }]) } }), US_EAST_1_PRICES);
  expect(c.gpu[0].notes).toEqual(['lower bound: no price for p5e.48xlarge, p5en.48xlarge']);
  expect(c.gpu[0].hourlyUsd).toBeUndefined();
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

test('Kubernetes quantities', () => {
  expect(quantityToGb('1Ti')).toBeCloseTo(1099.511627776, 9);
  expect(quantityToGb('500G')).toBe(500);
  expect(quantityToGb('lots')).toBeUndefined();
});
