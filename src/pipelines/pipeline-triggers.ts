/**
 * The triggers of a training pipeline, as pure functions (asserted in tests): its EventSources and
 * its Sensor, all in the events namespace on the shared EventBus.
 *
 * - **schedule**: a `calendar` EventSource `<name>-schedule` (cron, UTC);
 * - **new data**: an `sqs` EventSource `<name>-new-data` reading the pipeline's queue (JSON bodies
 *   of EventBridge `Object Created` events) as service account `<name>-new-data` (Pod Identity);
 * - **drift**: the shared alert webhook (`PipelineEvents`), filtered to firing `MlopsModelDrift`
 *   notifications whose common `model` label is the pipeline's model.
 *
 * The Sensor `<name>` has one dependency and one trigger per configured source; each trigger fires
 * on its own dependency (`conditions`) and submits a Workflow from the pipeline's WorkflowTemplate
 * in the pipeline namespace, with `trigger` set to the source and, for new data, `data-uri` set to
 * the directory of the object that arrived (`s3://<bucket>/<dir of key>/`, a sprig template). A
 * submission is retried with backoff (`retryStrategy`) and acknowledged only after it succeeded
 * (`atLeastOnce`).
 */
import { systemNodeSelector } from '../core/labels';
import { containerSecurityContext, podSecurityContext } from '../core/pod-security';
import { DRIFT_ALERT_NAME } from '../monitoring/constants';
import { ARGO_EVENTS_USER } from './argo-events';
import { ARGO_API_VERSION, ARGO_KINDS, TRIGGERS } from './constants';

/** Everything the triggers are made of. */
export interface TriggersSpec {
  readonly name: string;
  readonly eventsNamespace: string;
  readonly pipelineNamespace: string;
  readonly eventBusName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly accounts: { readonly sensor: string; readonly newData: string };
  /** Default `data-uri` of the runs. */
  readonly dataUri: string;
  readonly schedule?: string;
  readonly newData?: { readonly region: string; readonly queueName: string };
  readonly drift?: { readonly model: string; readonly eventSource: string; readonly event: string };
}

/** Dependency (and trigger) names. */
export const TRIGGER_DEPENDENCIES = { schedule: TRIGGERS.schedule, newData: TRIGGERS.newData, drift: TRIGGERS.drift } as const;

/** Where `data-uri` of a new-data run comes from (sprig `dir` of the arrived object's key). */
export const NEW_DATA_URI_TEMPLATE = 's3://{{ .Input.body.detail.bucket.name }}/{{ .Input.body.detail.object.key | dir }}/';

const SMALL = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } };

/** Pod template of the EventSources and the Sensor: system nodes, non-root, small. */
function podTemplate(serviceAccountName?: string): Record<string, unknown> {
  return {
    ...(serviceAccountName ? { serviceAccountName } : {}),
    nodeSelector: systemNodeSelector(),
    securityContext: podSecurityContext(ARGO_EVENTS_USER, ARGO_EVENTS_USER),
    container: { resources: structuredClone(SMALL), securityContext: containerSecurityContext() },
  };
}

function metadata(s: TriggersSpec, name: string): Record<string, unknown> {
  return { name, namespace: s.eventsNamespace, labels: { ...s.labels } };
}

/** The EventSources (schedule, new data) the pipeline owns. */
export function renderEventSources(s: TriggersSpec): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  if (s.schedule) {
    out.schedule = {
      apiVersion: ARGO_API_VERSION,
      kind: ARGO_KINDS.eventSource,
      metadata: metadata(s, `${s.name}-schedule`),
      spec: { eventBusName: s.eventBusName, template: podTemplate(), calendar: { [TRIGGER_DEPENDENCIES.schedule]: { schedule: s.schedule, timezone: 'Etc/UTC' } } },
    };
  }
  if (s.newData) {
    out.newData = {
      apiVersion: ARGO_API_VERSION,
      kind: ARGO_KINDS.eventSource,
      metadata: metadata(s, `${s.name}-new-data`),
      spec: {
        eventBusName: s.eventBusName,
        template: podTemplate(s.accounts.newData),
        sqs: { [TRIGGER_DEPENDENCIES.newData]: { region: s.newData.region, queue: s.newData.queueName, waitTimeSeconds: 20, jsonBody: true } },
      },
    };
  }
  return out;
}

/** The Workflow a trigger submits. */
export function triggeredWorkflow(s: TriggersSpec, trigger: string): Record<string, unknown> {
  return {
    apiVersion: ARGO_API_VERSION,
    kind: ARGO_KINDS.workflow,
    metadata: { generateName: `${s.name}-`, namespace: s.pipelineNamespace, labels: { ...s.labels } },
    spec: {
      workflowTemplateRef: { name: s.name },
      arguments: { parameters: [{ name: 'trigger', value: trigger }, { name: 'data-uri', value: s.dataUri }] },
    },
  };
}

/** The Sensor. */
export function renderSensor(s: TriggersSpec): Record<string, unknown> {
  const dependencies: Record<string, unknown>[] = [];
  if (s.schedule) dependencies.push({ name: TRIGGER_DEPENDENCIES.schedule, eventSourceName: `${s.name}-schedule`, eventName: TRIGGER_DEPENDENCIES.schedule });
  if (s.newData) dependencies.push({ name: TRIGGER_DEPENDENCIES.newData, eventSourceName: `${s.name}-new-data`, eventName: TRIGGER_DEPENDENCIES.newData });
  if (s.drift) {
    const eq = (path: string, value: string) => ({ path, type: 'string', value: [value] });
    dependencies.push({
      name: TRIGGER_DEPENDENCIES.drift,
      eventSourceName: s.drift.eventSource,
      eventName: s.drift.event,
      filters: { data: [eq('body.status', 'firing'), eq('body.commonLabels.alertname', DRIFT_ALERT_NAME), eq('body.commonLabels.model', s.drift.model)] },
    });
  }
  const triggers = dependencies.map((dep) => {
    const name = dep.name as string;
    const parameters =
      name === TRIGGER_DEPENDENCIES.newData ? [{ src: { dependencyName: name, dataTemplate: NEW_DATA_URI_TEMPLATE }, dest: 'spec.arguments.parameters.1.value' }] : undefined;
    return {
      template: {
        name,
        conditions: name,
        argoWorkflow: { operation: 'submit', source: { resource: triggeredWorkflow(s, name) }, ...(parameters ? { parameters } : {}) },
      },
      retryStrategy: { steps: 5, duration: '10s', factor: 2, jitter: 0.1 },
      atLeastOnce: true,
    };
  });
  return {
    apiVersion: ARGO_API_VERSION,
    kind: ARGO_KINDS.sensor,
    metadata: metadata(s, s.name),
    spec: { eventBusName: s.eventBusName, template: podTemplate(s.accounts.sensor), dependencies, triggers },
  };
}
