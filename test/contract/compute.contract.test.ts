/**
 * Contract tests of the compute layer against ../shared/upstream:
 * - every NodePool and EC2NodeClass `GpuNodePool` emits (across its options) validates against the
 *   Karpenter v1.14.1 CRDs (CEL rules are asserted in test/compute/gpu-node-pool.test.ts);
 * - every Helm value `Karpenter` sets exists in the pinned chart's values.yaml (or is a free-form
 *   map a template reads: listed below with the template);
 * - `KarpenterAws` reproduces Karpenter's getting-started CloudFormation: the six controller
 *   policies statement for statement, the node role's managed policies, the queue, its policy and
 *   the five EventBridge patterns.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { GpuNodePool, GpuNodePoolProps } from '../../src/compute';
import { INTERRUPTION_EVENT_RULES, INTERRUPTION_QUEUE_RETENTION_SECONDS, INTERRUPTION_QUEUE_SENDERS, karpenterControllerPolicies, Karpenter, KarpenterAwsRef } from '../../src/compute/karpenter';
import { NODE_ROLE_MANAGED_POLICIES } from '../../src/cluster/system-node-group';
import { CHARTS, IMAGES } from '../../src/core/versions';
import { FAKE_CLUSTER, platformStack, resourceList, synth, workloadsStack } from '../helpers/synth';
import { chartValues, requireUpstream, unknownValuePaths, validateCustomResource } from '../helpers/upstream';
import { CHART_CONTRACTS } from './chart-contracts';

const KARPENTER_FREE_FORM = CHART_CONTRACTS[CHARTS.karpenter.chart].freeForm ?? [];

const KARPENTER = { nodeRoleName: 'KarpenterNodeRole-test-cluster' };
const MIG = { configName: 'a100-3g', gpu: 'A100-40GB' as const, layout: { '3g.20gb': 2 } };

const POOL_CASES: Array<[string, Omit<GpuNodePoolProps, 'karpenter'>]> = [
  ['defaults (families)', { instanceFamilies: ['g6e', 'g5', 'g6'], limits: { gpu: 8 } }],
  ['bottlerocket, RAID0, hop 2, KMS, weight', { instanceFamilies: ['g6e'], limits: { gpu: 4 }, amiFamily: 'bottlerocket', instanceStoreRaid0: true, metadataHopLimit: 2, volumeKmsKeyId: 'alias/ebs', weight: 10 }],
  [
    'GPU labels and every disruption option',
    {
      gpu: { names: ['h100', 'h200'], minCount: 8, maxCount: 8, minMemoryGiB: 80 },
      capacityTypes: ['reserved', 'spot', 'on-demand'],
      limits: { gpu: 16, cpu: '768', memory: '8Ti' },
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '1h30m',
      budgets: [{ nodes: '0', reasons: ['Underutilized', 'Drifted'], schedule: '0 9 * * mon-fri', duration: '8h' }, { nodes: '20%' }],
      expireAfter: 'Never',
      terminationGracePeriod: '48h',
      taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }, { key: 'dedicated', value: 'llm', effect: 'NoExecute' }],
      labels: { team: 'llm', 'example.com/tier': 'gold' },
    },
  ],
  ['subnets and security group by id', { instanceTypes: ['g5.xlarge'], limits: { gpu: 1 }, cluster: { clusterName: 'c', region: 'us-east-1', bind: () => ({ ...FAKE_CLUSTER, karpenterDiscoveryTag: undefined }) } }],
  ['MIG pool', { instanceTypes: ['p4d.24xlarge'], capacityTypes: ['on-demand'], limits: { gpu: 8 }, mig: MIG }],
];

function manifestsOf(props: Omit<GpuNodePoolProps, 'karpenter'>): any[] {
  const stack = workloadsStack();
  new GpuNodePool(stack, 'pool', { karpenter: KARPENTER, ...props });
  return resourceList(synth(stack), 'kubernetes_manifest').map((r) => r.manifest);
}

describe('GpuNodePool against the Karpenter CRDs', () => {
  test.each(POOL_CASES)('%s', (_name, props) => {
    const manifests = manifestsOf(props);
    expect(manifests.map((m) => m.kind).filter((k) => k !== 'NodeOverlay')).toEqual(['EC2NodeClass', 'NodePool']);
    for (const m of manifests) expect([m.kind, validateCustomResource(m)]).toEqual([m.kind, []]);
  });

  test('the check catches a bad manifest (the validator is live)', () => {
    const [nodeClass] = manifestsOf(POOL_CASES[0][1]);
    expect(validateCustomResource({ ...nodeClass, spec: { ...nodeClass.spec, metadataOptions: { httpPutResponseHopLimit: 65 } } })).not.toEqual([]);
  });
});

describe('Karpenter values against the pinned chart', () => {
  const aws: KarpenterAwsRef = { clusterName: 'c', interruptionQueueName: 'c-karpenter', nodeRoleName: 'n', namespace: 'kube-system', serviceAccount: 'karpenter' };
  test.each([
    ['defaults', {}],
    ['every feature gate', { featureGates: ['nodeRepair', 'nodeOverlay', 'reservedCapacity', 'spotToSpotConsolidation', 'staticCapacity', 'capacityBuffer'] as const }],
  ])('%s: every value is a key of the chart', (_name, extra) => {
    const k = new Karpenter(platformStack(), 'karpenter', { aws, ...extra, featureGates: 'featureGates' in extra ? [...extra.featureGates] : undefined });
    expect(unknownValuePaths(k.values, chartValues('karpenter'), [...KARPENTER_FREE_FORM])).toEqual([]);
  });

  test('the free-form path really extends a non-empty default; the image tag default is stale', () => {
    const defaults = chartValues('karpenter');
    expect(defaults.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(defaults.settings.featureGates.nodeOverlay).toBe(false);
    expect(defaults.controller.image.tag).not.toBe(IMAGES.karpenterController.tag);
    expect(defaults.controller.image.digest).toMatch(/^sha256:/); // why we clear the digest
    expect(CHART_CONTRACTS[CHARTS.karpenter.chart]).toEqual(expect.objectContaining({ version: CHARTS.karpenter.version, valuesDir: 'karpenter' }));
  });
});

describe('KarpenterAws against Karpenter v1.14 cloudformation.yaml', () => {
  const cfn = () => parseDocument(fs.readFileSync(path.join(requireUpstream(), 'karpenter', 'cloudformation.yaml'), 'utf8'), { logLevel: 'silent' }).toJS() as any;
  const ctx = { partition: 'aws', region: 'eu-west-1', accountId: '111122223333', clusterName: 'gpu', nodeRoleArn: 'arn:aws:iam::111122223333:role/KarpenterNodeRole-gpu', queueArn: 'arn:aws:sqs:eu-west-1:111122223333:gpu' };
  const sub = (text: string) =>
    text
      .replace(/\$\{AWS::Partition\}/g, ctx.partition)
      .replace(/\$\{AWS::Region\}/g, ctx.region)
      .replace(/\$\{AWS::AccountId\}/g, ctx.accountId)
      .replace(/\$\{ClusterName\}/g, ctx.clusterName)
      .replace(/\$\{KarpenterNodeRole\.Arn\}/g, ctx.nodeRoleArn)
      .replace(/\$\{KarpenterInterruptionQueue\.Arn\}/g, ctx.queueArn);

  test('the six controller policies, statement for statement', () => {
    const resources = cfn().Resources;
    const ours = karpenterControllerPolicies(ctx);
    const upstream: Record<string, unknown> = {};
    for (const [id, r] of Object.entries<any>(resources)) {
      if (r.Type !== 'AWS::IAM::ManagedPolicy') continue;
      upstream[id.replace(/Policy$/, '')] = JSON.parse(sub(r.Properties.PolicyDocument));
    }
    expect(Object.keys(upstream).sort()).toEqual(Object.keys(ours).sort());
    for (const [name, doc] of Object.entries(ours)) expect([name, doc]).toEqual([name, upstream[name]]);
  });

  test('node role policies, queue and rules', () => {
    const r = cfn().Resources;
    expect(r.KarpenterNodeRole.Properties.ManagedPolicyArns.map((a: string) => a.split('/').pop()).sort()).toEqual([...NODE_ROLE_MANAGED_POLICIES].sort());
    expect(r.KarpenterInterruptionQueue.Properties).toEqual(expect.objectContaining({ MessageRetentionPeriod: INTERRUPTION_QUEUE_RETENTION_SECONDS, SqsManagedSseEnabled: true }));
    expect(r.KarpenterInterruptionQueuePolicy.Properties.PolicyDocument.Statement[0].Principal.Service).toEqual([...INTERRUPTION_QUEUE_SENDERS]);
    for (const rule of Object.values(INTERRUPTION_EVENT_RULES)) {
      expect([rule.upstreamId, r[rule.upstreamId].Properties.EventPattern]).toEqual([rule.upstreamId, rule.pattern]);
    }
    expect(Object.values<any>(r).filter((x) => x.Type === 'AWS::Events::Rule')).toHaveLength(Object.keys(INTERRUPTION_EVENT_RULES).length);
  });
});
