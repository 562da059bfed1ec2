/**
 * Contract of monitoring with upstream kube-prometheus-stack 88.5.3 (prometheus-operator v0.93.1)
 * and KEDA 2.20.2: every PrometheusRule, ServiceMonitor, PodMonitor and ScaledJob validates against
 * its CRD (and sets no field the CRD does not define), and every Helm value set exists in the pinned
 * chart's values.yaml (subchart keys are listed with the template that reads them).
 */
import Ajv from 'ajv';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { CHARTS } from '../../src/core/versions';
import { GpuDashboard, InferenceMetricsMonitors, KUBE_PROMETHEUS_STACK_SUBCHART_KEYS, kedaValues, MlopsAlertRules, Monitoring, MonitoringCloud, PlatformMetricsMonitors } from '../../src/monitoring';
import { cloudStack, platformStack, synth, testApp, workloadsStack } from '../helpers/synth';
import { METRICS } from '../../src/monitoring/constants';
import { chartValues, crdSchemas, requireUpstream, undefinedFields, unknownValuePaths, validateCustomResource } from '../helpers/upstream';
import { driftScenario, manifests, synthAll } from '../monitoring/fixtures';

/**
 * Validates a custom resource against its CRD like `validateCustomResource` (test/helpers/upstream.ts),
 * with one difference: the PrometheusRule CRD has a Go-only regex, `^(?i)(abort|warn)?$` (on
 * `groups[].partial_response_strategy`, which the library never sets), that JavaScript cannot compile,
 * so the shared helper throws on it. Patterns with Go's inline `(?i)` flag are compiled
 * case-insensitively here instead.
 */
function validateCr(resource: any): string[] {
  const key = `${resource.apiVersion}/${resource.kind}`;
  const entry = crdSchemas().get(key);
  if (!entry) return [`no CRD for ${key}`];
  if (!JSON.stringify(entry.schema).includes('(?i)')) return validateCustomResource(resource);
  const convert = (node: any): any => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== 'object') return node;
    const out: any = {};
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-kubernetes-')) continue;
      if (k === 'pattern' && typeof v === 'string' && v.includes('(?i)')) {
        out.pattern = v.replace('(?i)', '').replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
      } else out[k] = convert(v);
    }
    if (node['x-kubernetes-int-or-string']) {
      delete out.type;
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    }
    return out;
  };
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(convert(entry.schema));
  const { metadata: _m, ...rest } = resource;
  return validate({ ...rest, metadata: {} }) ? [] : (validate.errors ?? []).map((e) => `${key} ${e.instancePath || '/'} ${e.message}`);
}

function allCustomResources(): any[] {
  const workloads = workloadsStack();
  new MlopsAlertRules(workloads, 'alerts');
  new InferenceMetricsMonitors(workloads, 'monitors');
  new PlatformMetricsMonitors(workloads, 'platform-monitors', { feastNamespace: 'feast' });
  const drift = synthAll(driftScenario());
  return [...Object.values(manifests(synth(workloads))), ...Object.values(manifests(drift.workloads)).filter((m: any) => m.apiVersion.startsWith('monitoring.') || m.apiVersion.startsWith('keda.'))];
}

/** Paths (dotted) whose value is an image tag `latest` in a values tree. */
function latestTagPaths(values: any, prefix = ''): string[] {
  if (values === null || typeof values !== 'object') return [];
  return Object.entries(values).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    if (k === 'tag' && v === 'latest') return [p];
    return latestTagPaths(v, p);
  });
}

function get(obj: any, path: string[]): any {
  return path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

describe('monitoring contract (kube-prometheus-stack 88.5.3, keda 2.20.2)', () => {
  test('pinned charts are the ones the upstream data describes', () => {
    expect(CHARTS.kubePrometheusStack.version).toBe('88.5.3');
    expect(CHARTS.keda.version).toBe('2.20.2');
  });

  test('every PrometheusRule, ServiceMonitor, PodMonitor and ScaledJob validates against its CRD', () => {
    const crs = allCustomResources();
    expect(crs.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'PodMonitor/envoy-gateway-proxies',
      'PodMonitor/karpenter',
      'PodMonitor/kserve-model-servers',
      'PrometheusRule/mlops-alerts',
      'PrometheusRule/mlops-drift',
      'ScaledJob/churn-retrain',
      'ServiceMonitor/feast-feature-server',
      'ServiceMonitor/pushgateway',
    ]);
    for (const m of crs) expect({ name: m.metadata.name, errors: validateCr(m) }).toEqual({ name: m.metadata.name, errors: [] });
  });

  test('no field outside the CRD schemas (the API server would prune it)', () => {
    for (const m of allCustomResources()) {
      const schema = crdSchemas().get(`${m.apiVersion}/${m.kind}`)!.schema as any;
      expect({ name: m.metadata.name, unknown: undefinedFields({ spec: m.spec }, schema) }).toEqual({ name: m.metadata.name, unknown: [] });
    }
  });

  test('kube-prometheus-stack: every value set is a key of the chart (or a listed subchart key)', () => {
    const app = testApp();
    const cloud = new MonitoringCloud(cloudStack(app), 'monitoring');
    const stack = platformStack(app);
    new Monitoring(stack, 'monitoring', { cloud });
    const release = Object.values<any>(synth(stack).resource!.helm_release)[0];
    const values = parse(release.values[0]);
    expect(unknownValuePaths(values, chartValues('kube-prometheus-stack'), [...KUBE_PROMETHEUS_STACK_SUBCHART_KEYS])).toEqual([]);
  });

  test('kube-prometheus-stack: every image tagged latest in the chart is disabled by our values', () => {
    const defaults = chartValues('kube-prometheus-stack');
    const app = testApp();
    const cloud = new MonitoringCloud(cloudStack(app), 'monitoring');
    const stack = platformStack(app);
    new Monitoring(stack, 'monitoring', { cloud });
    const values = parse(Object.values<any>(synth(stack).resource!.helm_release)[0].values[0]);
    const latest = latestTagPaths(defaults);
    expect(latest).toEqual(['crds.upgradeJob.image.busybox.tag']);
    for (const p of latest) {
      // The nearest ancestor with an `enabled` flag must be off in the merged values.
      const parts = p.split('.');
      let owner: string[] | undefined;
      for (let i = parts.length - 1; i > 0 && !owner; i--) if (get(defaults, [...parts.slice(0, i), 'enabled']) !== undefined) owner = parts.slice(0, i);
      expect({ path: p, enabled: get(values, [...owner!, 'enabled']) }).toEqual({ path: p, enabled: false });
    }
  });

  test('keda: every value set is a key of the chart', () => {
    expect(unknownValuePaths(kedaValues(), chartValues('keda'))).toEqual([]);
    expect(unknownValuePaths(kedaValues({ preset: 'dev' }), chartValues('keda'))).toEqual([]);
  });

  test('the dashboard label is the one the chart sidecar watches', () => {
    const grafana = chartValues('kube-prometheus-stack').grafana.sidecar.dashboards;
    const stack = platformStack();
    new GpuDashboard(stack, 'gpu');
    const cm = Object.values<any>(synth(stack).resource!.kubernetes_config_map_v1)[0];
    expect(cm.metadata.labels[grafana.label]).toBe(grafana.labelValue);
  });

  test('every DCGM metric the alerts and the dashboard query is in dcgm-exporter\'s default counter list', () => {
    // The dcgm-exporter chart's values document the default list (commented `customMetrics`); the
    // GPU operator's exporter uses the image's default list.
    const text = readFileSync(join(requireUpstream(), 'charts', 'dcgm-exporter', 'values.yaml'), 'utf8');
    const defaults = new Set([...text.matchAll(/^\s*#\s*(DCGM_FI_[A-Z0-9_]+)\s*,/gm)].map((m) => m[1]));
    expect(defaults.size).toBeGreaterThan(20);
    const used = Object.values(METRICS).filter((m) => m.startsWith('DCGM_FI_'));
    expect(used).toEqual(['DCGM_FI_PROF_GR_ENGINE_ACTIVE', 'DCGM_FI_DEV_FB_USED', 'DCGM_FI_DEV_FB_FREE']);
    expect(used.filter((m) => !defaults.has(m))).toEqual([]);
  });
});
