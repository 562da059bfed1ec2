/**
 * Contract tests of continuous training against the upstream data:
 * - the WorkflowTemplate, and the Workflow every Sensor trigger submits, against the full-schema
 *   Argo Workflows v4.0.6 CRDs (nothing the API server would prune);
 * - EventSources, Sensors and the EventBus against Argo Events v1.9.10's JSON schema (its CRDs
 *   validate nothing below `spec`);
 * - the InferenceServices and HTTPRoute of a pipeline rollout slot against the KServe and Gateway
 *   API CRDs;
 * - every Helm value of argo-workflows, argo-events and kube-prometheus-stack (alert webhooks)
 *   against the pinned charts' values.yaml, and the pinned JetStream version and images against the
 *   argo-events chart's list.
 */
import { parse } from 'yaml';
import { App } from 'cdktf';
import { CHARTS, IMAGES, JETSTREAM_VERSION } from '../../src/core/versions';
import { Monitoring, MonitoringCloud } from '../../src/monitoring';
import { ArgoEventsCloud } from '../../src/pipelines';
import { CHART_CONTRACTS } from './chart-contracts';
import { chartValues, crdSchema, undefinedFields, unknownValuePaths, validateArgoEventsResource, validateCustomResource } from '../helpers/upstream';
import { cloudStack, platformStack, synth, TfJson } from '../helpers/synth';
import { manifests, synthScenario } from '../pipelines/fixture';

const json = synthScenario();
const all = manifests(json.workloads);
const byKind = (kind: string) => Object.values(all).filter((m) => m.kind === kind);

function helmValues(stack: TfJson, chart: string): any {
  const release = Object.values<any>(stack.resource?.helm_release ?? {}).find((r) => r.chart === chart);
  if (!release) throw new Error(`no release of ${chart}`);
  return parse(release.values[0]);
}

describe('Argo Workflows custom resources against the full-schema CRDs (v4.0.6)', () => {
  const template = all['WorkflowTemplate/churn'];
  const submitted = byKind('Sensor').flatMap((s) => s.spec.triggers.map((t: any) => t.template.argoWorkflow.source.resource));

  test('the WorkflowTemplate validates and has no field the API server would prune', () => {
    expect(validateCustomResource(template)).toEqual([]);
    expect(undefinedFields(template.spec, (crdSchema('argoproj.io/v1alpha1/WorkflowTemplate')!.schema as any).properties.spec)).toEqual([]);
  });

  test('every Workflow a Sensor submits validates against the Workflow CRD', () => {
    expect(submitted).toHaveLength(3);
    const workflowSpec = (crdSchema('argoproj.io/v1alpha1/Workflow')!.schema as any).properties.spec;
    for (const wf of submitted) {
      expect(validateCustomResource(wf)).toEqual([]);
      expect(undefinedFields(wf.spec, workflowSpec)).toEqual([]);
    }
  });

  test('the CRD catches a broken template (the check can fail)', () => {
    const bad = structuredClone(template);
    bad.spec.templates[1].retryStrategy.backoff.factors = '2';
    bad.spec.synchronization = { mutex: { name: 'x' } };
    expect(undefinedFields(bad.spec, (crdSchema('argoproj.io/v1alpha1/WorkflowTemplate')!.schema as any).properties.spec)).toEqual(
      expect.arrayContaining(['.synchronization.mutex', '.templates[1].retryStrategy.backoff.factors']),
    );
    const wrongType = structuredClone(template);
    wrongType.spec.templates[1].container.env = 'MLOPS=1';
    expect(validateCustomResource(wrongType).join('\n')).toContain('/spec/templates/1/container/env must be array');
  });
});

describe('Argo Events custom resources against the JSON schema (v1.9.10)', () => {
  test('every EventSource, Sensor and EventBus validates', () => {
    const resources = [...byKind('EventSource'), ...byKind('Sensor'), ...byKind('EventBus')];
    expect(resources.map((r) => `${r.kind}/${r.metadata.name}`).sort()).toEqual([
      'EventBus/default',
      'EventSource/alertmanager',
      'EventSource/churn-new-data',
      'EventSource/churn-schedule',
      'Sensor/churn',
    ]);
    for (const r of resources) expect({ name: `${r.kind}/${r.metadata.name}`, errors: validateArgoEventsResource(r) }).toEqual({ name: `${r.kind}/${r.metadata.name}`, errors: [] });
  });

  test('the schema catches a wrong field (the check can fail)', () => {
    const sensor = structuredClone(all['Sensor/churn']);
    sensor.spec.triggers[0].retryStrategy.steps = 'five';
    delete sensor.spec.dependencies[0].eventName;
    const errors = validateArgoEventsResource(sensor).join('\n');
    expect(errors).toContain('/spec/triggers/0/retryStrategy/steps must be integer');
    expect(errors).toContain("must have required property 'eventName'");
    const source = structuredClone(all['EventSource/churn-new-data']);
    delete source.spec.sqs['new-data'].waitTimeSeconds;
    expect(validateArgoEventsResource(source).join('\n')).toContain("must have required property 'waitTimeSeconds'");
  });
});

describe('the rollout slot against the KServe and Gateway API CRDs', () => {
  test('both InferenceServices and the HTTPRoute (with track filters) validate', () => {
    for (const key of ['InferenceService/churn-canary', 'HTTPRoute/churn']) {
      expect({ key, errors: validateCustomResource(all[key]) }).toEqual({ key, errors: [] });
      const schema = (crdSchema(`${all[key].apiVersion}/${all[key].kind}`)!.schema as any).properties.spec;
      expect({ key, pruned: undefinedFields(all[key].spec, schema) }).toEqual({ key, pruned: [] });
    }
  });
});

describe('Helm values against the pinned charts', () => {
  test('argo-workflows and argo-events set only keys of their charts', () => {
    for (const chart of [CHARTS.argoWorkflows.chart, CHARTS.argoEvents.chart]) {
      const contract = CHART_CONTRACTS[chart];
      expect({ chart, unknown: unknownValuePaths(helmValues(json.platform, chart), chartValues(contract.valuesDir!), [...(contract.freeForm ?? [])]) }).toEqual({ chart, unknown: [] });
    }
  });

  test('the pinned JetStream version and images are the chart\'s entry for that version', () => {
    const entry = chartValues('argo-events').configs.jetstream.versions.find((v: any) => v.version === JETSTREAM_VERSION);
    expect(entry).toEqual({
      version: JETSTREAM_VERSION,
      natsImage: `${IMAGES.nats.repository}:${IMAGES.nats.tag}`,
      metricsExporterImage: `${IMAGES.natsMetricsExporter.repository}:${IMAGES.natsMetricsExporter.tag}`,
      configReloaderImage: `${IMAGES.natsConfigReloader.repository}:${IMAGES.natsConfigReloader.tag}`,
      startCommand: '/nats-server',
    });
  });

  test('kube-prometheus-stack with the alert webhook sets only keys of its chart', () => {
    const app = new App();
    const cloud = cloudStack(app);
    const events = new ArgoEventsCloud(cloud, 'argo-events');
    const platform = platformStack(app);
    new Monitoring(platform, 'monitoring', { cloud: new MonitoringCloud(cloud, 'monitoring'), alertWebhooks: [events.alertWebhook] });
    const contract = CHART_CONTRACTS[CHARTS.kubePrometheusStack.chart];
    const values = helmValues(synth(platform), CHARTS.kubePrometheusStack.chart);
    expect(values.alertmanager.config.receivers.map((r: any) => r.name)).toEqual(['null', 'argo-events']);
    expect(unknownValuePaths(values, chartValues(contract.valuesDir!), [...(contract.freeForm ?? [])])).toEqual([]);
  });
});
