/**
 * Contract tests of MIG and the GPU operator against ../shared/upstream:
 * - every NodeOverlay the library emits validates against Karpenter v1.14.1's CRD, and the CRD's CEL
 *   rules are exactly the ones the unit tests re-implement;
 * - every gpu-operator Helm value exists in the pinned chart (v26.7.0), or is a documented free-form path;
 * - the mig-parted config has the shape of gpu-operator's default one, under the same ConfigMap key;
 * - every layout of gpu-operator's default mig-parted config that applies to a GPU of the tables is
 *   accepted, every profile of the tables appears in it, and the `all-<profile>` counts are the tables'
 *   maximum counts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { NvidiaGpuOperator, NvidiaGpuOperatorProps } from '../../src/compute/gpu-operator';
import {
  MigConfiguration,
  MigNodeOverlay,
  MigPoolSpec,
  MIG_GPUS,
  MIG_GPU_MODELS,
  migProfile,
  NODE_OVERLAY_FEATURE_GATE_VALUES,
  validateMigLayout,
} from '../../src/compute/mig';
import { MigGpuModel } from '../../src/compute/mig/types';
import { CHARTS } from '../../src/core/versions';
import { onlyResource, platformStack, resourceList, synth, workloadsStack } from '../helpers/synth';
import { CHART_CONTRACTS } from './chart-contracts';
import { chartValues, requireUpstream, unknownValuePaths, validateCustomResource } from '../helpers/upstream';
import { NODE_OVERLAY_CEL_RULES } from '../compute/mig/node-overlay-cel';

const GPU_OPERATOR_FREE_FORM = CHART_CONTRACTS[CHARTS.gpuOperator.chart].freeForm ?? [];

const upstreamMig = (): any => parse(fs.readFileSync(path.join(requireUpstream(), 'mig', 'default-mig-parted-config.config.yaml'), 'utf8'));
const upstreamMigConfigMap = (): any => parseAllDocuments(fs.readFileSync(path.join(requireUpstream(), 'mig', 'gpu-operator_assets_state-mig-manager_0400_configmap.yaml'), 'utf8'))[0].toJS();

const POOLS: Record<string, { spec: MigPoolSpec; types: string[] }> = {
  a100: { spec: { configName: 'a100-balanced', gpu: 'A100-40GB', layout: { '3g.20gb': 1, '2g.10gb': 1, '1g.5gb': 2 } }, types: ['p4d.24xlarge'] },
  a100x80: { spec: { configName: 'a100-80', gpu: 'A100-80GB', layout: { '1g.10gb+me': 1, '1g.10gb': 6 } }, types: ['p4de.24xlarge'] },
  h100: { spec: { configName: 'h100', gpu: 'H100-80GB', layout: { '4g.40gb': 1, '3g.40gb': 1 } }, types: ['p5.4xlarge', 'p5.48xlarge'] },
  h200: { spec: { configName: 'h200', gpu: 'H200-141GB', layout: { '1g.35gb': 4 } }, types: ['p5e.48xlarge', 'p5en.48xlarge'] },
  b200: { spec: { configName: 'b200', gpu: 'B200', layout: { '7g.180gb': 1 } }, types: ['p6-b200.48xlarge'] },
};

describe('NodeOverlay contract (Karpenter v1.14.1 CRD)', () => {
  test.each(Object.entries(POOLS))('%s overlays validate against the CRD', (name, { spec, types }) => {
    const stack = workloadsStack();
    new MigNodeOverlay(stack, 'overlay', { nodePoolName: `${name}-pool`, instanceTypes: types, spec });
    const manifests = resourceList(synth(stack), 'kubernetes_manifest').map((r) => r.manifest);
    expect(manifests).toHaveLength(types.length);
    for (const m of manifests) {
      expect(validateCustomResource(m)).toEqual([]);
      expect(m.metadata.name.length).toBeLessThanOrEqual(253);
    }
  });

  test('the CRD has exactly the CEL rules the unit tests check', () => {
    const crd = parse(fs.readFileSync(path.join(requireUpstream(), 'crds', 'karpenter', 'karpenter.sh_nodeoverlays.yaml'), 'utf8'));
    const messages: string[] = [];
    const walk = (node: any): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      for (const rule of node['x-kubernetes-validations'] ?? []) messages.push(rule.message);
      Object.values(node).forEach(walk);
    };
    walk(crd.spec.versions.find((v: any) => v.name === 'v1alpha1').schema);
    expect([...messages].sort()).toEqual(NODE_OVERLAY_CEL_RULES.map((r) => r.message).sort());
  });

  test('the feature gate values exist in the karpenter chart', () => {
    expect(unknownValuePaths(NODE_OVERLAY_FEATURE_GATE_VALUES, chartValues('karpenter'))).toEqual([]);
    expect(chartValues('karpenter').settings.featureGates.nodeOverlay).toBe(false);
  });
});

describe('gpu-operator values contract (chart v26.7.0)', () => {
  const variants: Record<string, (s: ReturnType<typeof platformStack>) => NvidiaGpuOperatorProps> = {
    al2023: () => ({}),
    bottlerocket: () => ({ amiFamily: 'bottlerocket', serviceMonitor: true }),
    'al2023 with MIG, time-slicing and a ServiceMonitor': (s) => ({
      mig: new MigConfiguration(s, 'mig', { pools: [POOLS.a100.spec, POOLS.h100.spec] }),
      timeSlicing: { replicas: 4 },
      serviceMonitor: true,
      serviceMonitorLabels: { release: 'kube-prometheus-stack' },
    }),
  };

  test.each(Object.keys(variants))('%s: every value is a key of the pinned chart', (name) => {
    const stack = platformStack();
    const op = new NvidiaGpuOperator(stack, 'gpu', variants[name](stack));
    expect(op.chart.chart).toEqual(CHARTS.gpuOperator);
    const values = parse(onlyResource(synth(stack), 'helm_release').values[0]);
    expect(unknownValuePaths(values, chartValues('gpu-operator'), [...GPU_OPERATOR_FREE_FORM])).toEqual([]);
  });

  test('the defaults the library relies on are the chart’s', () => {
    const d = chartValues('gpu-operator');
    expect(d.migManager.config).toEqual({ default: 'all-disabled', create: false, name: '', data: {} });
    expect(d.devicePlugin.config).toEqual({ create: false, name: '', default: '', data: {} });
    // On by default in this chart: the library turns it off unless the caller has the CRD.
    expect(d.dcgmExporter.serviceMonitor.enabled).toBe(true);
    expect(d.daemonsets.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(d.operator.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  });
});

describe('mig-parted config contract (gpu-operator v26.7.0 default config)', () => {
  test('same ConfigMap key and document shape as the operator’s default config', () => {
    const cmUpstream = upstreamMigConfigMap();
    expect(Object.keys(cmUpstream.data)).toEqual(['config.yaml']);
    expect(parse(cmUpstream.data['config.yaml'])).toEqual(upstreamMig());

    const stack = platformStack();
    new MigConfiguration(stack, 'mig', { pools: Object.values(POOLS).map((p) => p.spec) });
    const cm = onlyResource(synth(stack), 'kubernetes_config_map_v1');
    expect(Object.keys(cm.data)).toEqual(Object.keys(cmUpstream.data));
    const ours = parse(cm.data['config.yaml']);
    const theirs = upstreamMig();
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect(ours.version).toBe(theirs.version);
    expect(ours['mig-configs']['all-disabled']).toEqual(theirs['mig-configs']['all-disabled']);
    const upstreamEntryKeys = new Set(Object.values(theirs['mig-configs']).flatMap((entries: any) => entries.flatMap((e: any) => Object.keys(e))));
    for (const entries of Object.values(ours['mig-configs']) as any[]) {
      for (const e of entries) {
        for (const k of Object.keys(e)) expect(upstreamEntryKeys).toContain(k);
        expect(e.devices).toBe('all');
        for (const [profile, count] of Object.entries(e['mig-devices'] ?? {})) expect([typeof profile, typeof count]).toEqual(['string', 'number']);
      }
    }
  });

  /** The GPU models an upstream entry applies to: by device id when it has a filter, else by profile names. */
  function modelsOf(entry: any): MigGpuModel[] {
    const filter: string[] | undefined = entry['device-filter'] === undefined ? undefined : [entry['device-filter']].flat();
    const names = Object.keys(entry['mig-devices'] ?? {});
    return MIG_GPU_MODELS.filter((m) =>
      filter ? filter.some((id) => MIG_GPUS[m].deviceIds.includes(id)) : names.length > 0 && names.every((n) => migProfile(m, n) !== undefined),
    );
  }

  test('every upstream layout that applies to a GPU of the tables is accepted', () => {
    const applied: Record<string, string[]> = Object.fromEntries(MIG_GPU_MODELS.map((m) => [m, []]));
    for (const [name, entries] of Object.entries(upstreamMig()['mig-configs']) as [string, any[]][]) {
      for (const entry of entries) {
        if (!entry['mig-enabled'] || Object.keys(entry['mig-devices'] ?? {}).length === 0) continue;
        for (const model of modelsOf(entry)) {
          const check = validateMigLayout(model, entry['mig-devices']);
          expect({ config: name, model, ok: check.ok, message: check.ok ? '' : check.message }).toEqual({ config: name, model, ok: true, message: '' });
          applied[model].push(name);
        }
      }
    }
    // Each GPU is covered by its all-balanced entry and one all-<profile> config per profile.
    for (const m of MIG_GPU_MODELS) expect({ m, balanced: applied[m].includes('all-balanced') }).toEqual({ m, balanced: true });
    expect(Object.fromEntries(MIG_GPU_MODELS.map((m) => [m, applied[m].length]))).toEqual({
      'A100-40GB': 8,
      'A100-80GB': 8,
      A30: 6,
      'H100-80GB': 8,
      'H100-NVL-94GB': 8,
      'H200-141GB': 8,
      B200: 8,
    });
  });

  test('every profile of the tables has an all-<profile> config upstream whose count is the table’s maximum', () => {
    const configs = upstreamMig()['mig-configs'];
    for (const m of MIG_GPU_MODELS) {
      for (const p of MIG_GPUS[m].profiles) {
        const key = `all-${p.name.replace('+', '.')}`;
        const entries: any[] = configs[key] ?? [];
        const entry = entries.find((e) => modelsOf(e).includes(m));
        expect({ m, profile: p.name, key, count: entry?.['mig-devices']?.[p.name] }).toEqual({ m, profile: p.name, key, count: p.maxCount });
      }
    }
  });

  test('the reference mixed layouts of gpu-operator (all-balanced) match per GPU', () => {
    const balanced: any[] = upstreamMig()['mig-configs']['all-balanced'];
    const byModel = Object.fromEntries(MIG_GPU_MODELS.map((m) => [m, balanced.find((e) => modelsOf(e).includes(m))?.['mig-devices']]));
    expect(byModel).toEqual({
      'A100-40GB': { '1g.5gb': 2, '2g.10gb': 1, '3g.20gb': 1 },
      'A100-80GB': { '1g.10gb': 2, '2g.20gb': 1, '3g.40gb': 1 },
      A30: { '1g.6gb': 2, '2g.12gb': 1 },
      'H100-80GB': { '1g.10gb': 2, '2g.20gb': 1, '3g.40gb': 1 },
      'H100-NVL-94GB': { '1g.12gb': 2, '2g.24gb': 1, '3g.47gb': 1 },
      'H200-141GB': { '1g.18gb': 2, '2g.35gb': 1, '3g.71gb': 1 },
      B200: { '1g.23gb': 2, '2g.45gb': 1, '3g.90gb': 1 },
    });
  });
});
