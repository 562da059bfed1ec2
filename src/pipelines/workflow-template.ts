/**
 * The WorkflowTemplate of a training pipeline, as a pure function of its resolved definition
 * (asserted in tests). The DAG:
 *
 * ```
 * validate → train → evaluate → gate ─(promote)→ register ─┬→ canary → analyse → promote
 *                                   └(reject)→ (run ends)    └ (no rollout: run ends)
 * on exit, when the run did not succeed: rollback
 * ```
 *
 * - **One run at a time**: `synchronization.mutexes` named after the pipeline (a second run waits).
 * - **Timeouts**: `activeDeadlineSeconds` per step attempt and for the whole run.
 * - **Retries** with exponential backoff: user steps retry on failures and errors (a reclaimed
 *   spot GPU node is an error); the analysis only on errors (a failed analysis must not give the
 *   canary traffic again); rollout steps (idempotent) on both.
 * - **Least privilege**: user steps run as `<name>-steps` (Pod Identity for data and artifacts),
 *   the gate and analysis as `<name>-runner` (nothing beyond the executor's own), canary, promote and
 *   rollback as `<name>-rollout` (may patch only the rollout's InferenceServices and route). Every
 *   container: non-root, no privilege escalation, no capabilities, read-only root file system,
 *   a `/tmp` emptyDir, requests and limits.
 * - **Metrics**: `mlops_pipeline_runs{pipeline,status}` when a run ends,
 *   `mlops_pipeline_promotions{pipeline}` and `mlops_pipeline_rollbacks{pipeline}`.
 */
import { containerSecurityContext, podSecurityContext, resourcesBlock } from '../core/pod-security';
import { CURL_IMAGE_USER, IMAGES } from '../core/versions';
import { Toleration } from '../compute/scheduling/types';
import { DRIFT_MODEL_DEFAULTS, durationSeconds } from '../monitoring/drift-spec';
import { ARGO_WORKFLOW_DEFAULTS } from './argo-workflows-values';
import { ARGO_API_VERSION, ARGO_KINDS, MODEL_ALIASES, PIPELINE_ENV, STEP_OUTPUT_DIR, TRIGGERS } from './constants';
import { EvaluationGate, PIPELINE_STEP_DEFAULTS, PipelineStep, PipelineSteps } from './pipeline-spec';
import { analysisScript, canaryScript, gateScript, promoteScript, ROLLOUT_ENV, rollbackScript } from './rollout-scripts';

/** The rollout, resolved (numbers in seconds, queries rendered). */
export interface ResolvedRollout {
  readonly namespace: string;
  readonly stable: string;
  readonly canary: string;
  readonly route: string;
  readonly stableBackend: number;
  readonly canaryBackend: number;
  readonly stableService: string;
  readonly canaryService: string;
  readonly canaryPercent: number;
  readonly modelUriPrefix: string;
  readonly prometheusUrl: string;
  readonly readyTimeoutSeconds: number;
  readonly windowSeconds: number;
  readonly intervalSeconds: number;
  readonly maxErrorRatio: number;
  readonly maxLatencyP95Ms: number;
  readonly minRequests: number;
  readonly queries: { readonly errorRatio: string; readonly latencyP95Ms: string; readonly requests: string };
}

/** Everything the template is made of. */
export interface WorkflowTemplateSpec {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly accounts: { readonly steps: string; readonly runner: string; readonly rollout: string };
  readonly region: string;
  /** Key prefix of this pipeline's artifacts (`<artifactPrefix>/<name>`). */
  readonly artifactPrefix: string;
  readonly mlflow: { readonly trackingUri: string; readonly credentialsSecretName: string; readonly registeredModelName: string; readonly experimentName: string };
  readonly featureServerUrl?: string;
  /** Default of the `data-uri` parameter. */
  readonly dataUri: string;
  readonly steps: PipelineSteps;
  /** The train step's GPU request, tolerations and node selector. */
  readonly gpu: { readonly resources: Readonly<Record<string, number>>; readonly tolerations: readonly Toleration[]; readonly nodeSelector: Readonly<Record<string, string>> };
  readonly rollout?: ResolvedRollout;
  readonly runTimeoutSeconds: number;
}

/** Names of the templates (and DAG tasks). */
export const PIPELINE_TASKS = {
  main: 'pipeline',
  validate: 'validate',
  train: 'train',
  evaluate: 'evaluate',
  gate: 'gate',
  register: 'register',
  canary: 'canary',
  analyse: 'analyse',
  promote: 'promote',
  rollback: 'rollback',
  exit: 'exit-handler',
} as const;

const T = PIPELINE_TASKS;
const LIBRARY_RESOURCES = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } } as const;
const STEP_RESOURCES = { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } } as const;

function retry(limit: number, policy: 'Always' | 'OnError' | 'OnFailure', duration: string): Record<string, unknown> | undefined {
  return limit > 0 ? { limit: String(limit), retryPolicy: policy, backoff: { duration, factor: '2', maxDuration: '1h' } } : undefined;
}

function optional(key: string, value: unknown): Record<string, unknown> {
  return value === undefined ? {} : { [key]: value };
}

function counter(name: string, help: string, labels: Record<string, string>): Record<string, unknown> {
  return { name, help, labels: Object.entries(labels).map(([key, value]) => ({ key, value })), counter: { value: '1' } };
}

function env(values: Record<string, string | undefined>): Array<Record<string, string>> {
  return Object.entries(values)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => ({ name, value }));
}

/** A user step's template. */
function userStep(
  s: WorkflowTemplateSpec,
  name: string,
  step: PipelineStep,
  defaults: { readonly timeout: string; readonly retries: number },
  extra: { inputs?: string[]; outputs?: Record<string, unknown>; env?: Record<string, string | undefined>; gpu?: boolean; scratch?: string; retryPolicy?: 'Always' | 'OnError' },
): Record<string, unknown> {
  const uid = step.runAsUser ?? 1000;
  const base = resourcesBlock(step.resources ?? (extra.gpu ? DRIFT_MODEL_DEFAULTS.trainingResources : STEP_RESOURCES));
  const gpu = extra.gpu ? Object.fromEntries(Object.entries(s.gpu.resources).map(([k, v]) => [k, String(v)])) : {};
  const userEnv = Object.keys(step.env ?? {}).sort().map((k) => ({ name: k, value: step.env![k] }));
  const inputs = extra.inputs ?? [];
  return {
    name,
    metadata: { labels: { ...s.labels, 'mlops.cdktf.io/step': name } },
    serviceAccountName: s.accounts.steps,
    activeDeadlineSeconds: durationSeconds(step.timeout ?? defaults.timeout),
    ...optional('retryStrategy', retry(step.retries ?? defaults.retries, extra.retryPolicy ?? 'Always', '1m')),
    securityContext: podSecurityContext(uid, uid),
    ...(extra.gpu ? { nodeSelector: { ...s.gpu.nodeSelector }, tolerations: s.gpu.tolerations.map((t) => ({ ...t })) } : {}),
    ...(inputs.length > 0 ? { inputs: { parameters: inputs.map((p) => ({ name: p })) } } : {}),
    ...(extra.outputs ? { outputs: extra.outputs } : {}),
    container: {
      image: step.image,
      ...(step.command ? { command: [...step.command] } : {}),
      ...(step.args ? { args: [...step.args] } : {}),
      env: [
        ...env({
          [PIPELINE_ENV.pipeline]: s.name,
          [PIPELINE_ENV.runId]: '{{workflow.name}}',
          [PIPELINE_ENV.trigger]: '{{workflow.parameters.trigger}}',
          [PIPELINE_ENV.dataUri]: '{{workflow.parameters.data-uri}}',
          [PIPELINE_ENV.outputDir]: STEP_OUTPUT_DIR,
          AWS_REGION: s.region,
          [PIPELINE_ENV.mlflowTrackingUri]: s.mlflow.trackingUri,
          [PIPELINE_ENV.mlflowExperiment]: s.mlflow.experimentName,
          [PIPELINE_ENV.registeredModel]: s.mlflow.registeredModelName,
          [PIPELINE_ENV.featureServerUrl]: s.featureServerUrl,
          ...extra.env,
        }),
        ...userEnv,
      ],
      envFrom: [{ secretRef: { name: s.mlflow.credentialsSecretName } }],
      resources: { requests: { ...base.requests, ...gpu }, limits: { ...base.limits, ...gpu } },
      securityContext: containerSecurityContext(true),
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    },
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: extra.scratch ?? PIPELINE_STEP_DEFAULTS.scratch } }],
  };
}

/** A library step's template (curl image, a script, env only). */
function libraryStep(
  s: WorkflowTemplateSpec,
  name: string,
  script: string,
  o: { account: string; timeoutSeconds: number; retries: number; retryPolicy: 'Always' | 'OnError'; env: Record<string, string | undefined>; inputs?: string[]; outputs?: Record<string, unknown>; mlflowCredentials?: boolean; metrics?: Record<string, unknown>[] },
): Record<string, unknown> {
  const inputs = o.inputs ?? [];
  return {
    name,
    metadata: { labels: { ...s.labels, 'mlops.cdktf.io/step': name } },
    serviceAccountName: o.account,
    activeDeadlineSeconds: o.timeoutSeconds,
    ...optional('retryStrategy', retry(o.retries, o.retryPolicy, '10s')),
    securityContext: podSecurityContext(CURL_IMAGE_USER.uid, CURL_IMAGE_USER.gid),
    ...(inputs.length > 0 ? { inputs: { parameters: inputs.map((p) => ({ name: p })) } } : {}),
    ...(o.outputs ? { outputs: o.outputs } : {}),
    ...(o.metrics ? { metrics: { prometheus: o.metrics } } : {}),
    container: {
      image: `${IMAGES.curl.repository}:${IMAGES.curl.tag}`,
      command: ['/bin/sh', '-c', script],
      env: env(o.env),
      ...(o.mlflowCredentials ? { envFrom: [{ secretRef: { name: s.mlflow.credentialsSecretName } }] } : {}),
      resources: resourcesBlock(LIBRARY_RESOURCES),
      securityContext: { ...containerSecurityContext(true), runAsUser: CURL_IMAGE_USER.uid, runAsGroup: CURL_IMAGE_USER.gid },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    },
    volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } }],
  };
}

function param(name: string, file: string, defaultValue?: string): Record<string, unknown> {
  return { name, valueFrom: { path: `${STEP_OUTPUT_DIR}/${file}`, ...(defaultValue !== undefined ? { default: defaultValue } : {}) } };
}

function gateEnv(gate: EvaluationGate): Record<string, string> {
  const E = ROLLOUT_ENV;
  return {
    [E.metric]: gate.metric,
    [E.candidate]: '{{inputs.parameters.candidate}}',
    [E.champion]: '{{inputs.parameters.champion}}',
    [E.direction]: gate.direction,
    [E.minImprovement]: String(gate.minImprovement ?? 0),
    [E.threshold]: gate.threshold === undefined ? '' : String(gate.threshold),
    [E.outputDir]: STEP_OUTPUT_DIR,
  };
}

/** Env of the Kubernetes-facing rollout steps. */
function targetEnv(r: ResolvedRollout): Record<string, string> {
  const E = ROLLOUT_ENV;
  return {
    [E.kubeApi]: 'https://kubernetes.default.svc',
    [E.kubeTokenFile]: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    [E.kubeCaFile]: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    [E.namespace]: r.namespace,
    [E.stable]: r.stable,
    [E.canary]: r.canary,
    [E.route]: r.route,
    [E.stableBackend]: String(r.stableBackend),
    [E.canaryBackend]: String(r.canaryBackend),
    [E.stableService]: r.stableService,
    [E.canaryService]: r.canaryService,
    [E.readyTimeout]: String(r.readyTimeoutSeconds),
    [E.pollSeconds]: '10',
  };
}

/** The rollout's templates. */
function rolloutTemplates(s: WorkflowTemplateSpec, r: ResolvedRollout): Record<string, unknown>[] {
  const E = ROLLOUT_ENV;
  const retries = PIPELINE_STEP_DEFAULTS.rollout.retries;
  const model = { [E.modelUri]: '{{inputs.parameters.model-uri}}', [E.modelUriPrefix]: r.modelUriPrefix };
  return [
    libraryStep(s, T.canary, canaryScript(), {
      account: s.accounts.rollout,
      timeoutSeconds: r.readyTimeoutSeconds + 300,
      retries,
      retryPolicy: 'Always',
      inputs: ['model-uri'],
      env: { ...targetEnv(r), ...model, [E.percent]: String(r.canaryPercent) },
    }),
    libraryStep(s, T.analyse, analysisScript(), {
      account: s.accounts.runner,
      timeoutSeconds: r.windowSeconds + 600,
      retries,
      retryPolicy: 'OnError',
      env: {
        [E.prometheusUrl]: r.prometheusUrl,
        [E.errorQuery]: r.queries.errorRatio,
        [E.latencyQuery]: r.queries.latencyP95Ms,
        [E.requestsQuery]: r.queries.requests,
        [E.windowSeconds]: String(r.windowSeconds),
        [E.intervalSeconds]: String(r.intervalSeconds),
        [E.sleepSeconds]: String(r.intervalSeconds),
        [E.maxErrorRatio]: String(r.maxErrorRatio),
        [E.maxLatencyMs]: String(r.maxLatencyP95Ms),
        [E.minRequests]: String(r.minRequests),
      },
    }),
    libraryStep(s, T.promote, promoteScript(), {
      account: s.accounts.rollout,
      timeoutSeconds: r.readyTimeoutSeconds + 300,
      retries,
      retryPolicy: 'Always',
      inputs: ['model-uri', 'model-version'],
      mlflowCredentials: true,
      env: { ...targetEnv(r), ...model, [E.modelVersion]: '{{inputs.parameters.model-version}}', [E.modelName]: s.mlflow.registeredModelName, [E.alias]: MODEL_ALIASES.champion, [E.mlflowUri]: s.mlflow.trackingUri },
      metrics: [counter('mlops_pipeline_promotions', 'Model versions a training pipeline promoted', { pipeline: s.name })],
    }),
    libraryStep(s, T.rollback, rollbackScript(), {
      account: s.accounts.rollout,
      timeoutSeconds: 600,
      retries,
      retryPolicy: 'Always',
      env: targetEnv(r),
      metrics: [counter('mlops_pipeline_rollbacks', 'Runs of a training pipeline that ended with the canary rolled back', { pipeline: s.name })],
    }),
    { name: T.exit, steps: [[{ name: T.rollback, template: T.rollback, when: '{{workflow.status}} != Succeeded' }]] },
  ];
}

/** The DAG tasks. */
function tasks(s: WorkflowTemplateSpec): Record<string, unknown>[] {
  const p = (name: string, value: string) => ({ name, value });
  const out: Record<string, unknown>[] = [
    { name: T.validate, template: T.validate },
    { name: T.train, template: T.train, depends: `${T.validate}.Succeeded` },
    { name: T.evaluate, template: T.evaluate, depends: `${T.train}.Succeeded`, arguments: { parameters: [p('run-id', `{{tasks.${T.train}.outputs.parameters.run-id}}`)] } },
    {
      name: T.gate,
      template: T.gate,
      depends: `${T.evaluate}.Succeeded`,
      arguments: { parameters: [p('candidate', `{{tasks.${T.evaluate}.outputs.parameters.metric}}`), p('champion', `{{tasks.${T.evaluate}.outputs.parameters.champion-metric}}`)] },
    },
    {
      name: T.register,
      template: T.register,
      depends: `${T.gate}.Succeeded`,
      when: `{{tasks.${T.gate}.outputs.parameters.decision}} == promote`,
      arguments: { parameters: [p('run-id', `{{tasks.${T.train}.outputs.parameters.run-id}}`)] },
    },
  ];
  if (s.rollout) {
    const uri = p('model-uri', `{{tasks.${T.register}.outputs.parameters.model-uri}}`);
    out.push(
      { name: T.canary, template: T.canary, depends: `${T.register}.Succeeded`, arguments: { parameters: [uri] } },
      { name: T.analyse, template: T.analyse, depends: `${T.canary}.Succeeded` },
      { name: T.promote, template: T.promote, depends: `${T.analyse}.Succeeded`, arguments: { parameters: [uri, p('model-version', `{{tasks.${T.register}.outputs.parameters.model-version}}`)] } },
    );
  }
  return out;
}

/** The WorkflowTemplate manifest. */
export function renderWorkflowTemplate(s: WorkflowTemplateSpec): Record<string, unknown> {
  const d = PIPELINE_STEP_DEFAULTS;
  const { validate, train, evaluate, register } = s.steps;
  const artifactKey = (step: string, file: string) => `${s.artifactPrefix}/{{workflow.name}}/${step}/${file}`;
  const templates: Record<string, unknown>[] = [
    { name: T.main, dag: { tasks: tasks(s) } },
    userStep(s, T.validate, validate, d.validate, {
      outputs: { artifacts: [{ name: 'report', path: `${STEP_OUTPUT_DIR}/report`, s3: { key: artifactKey(T.validate, 'report.tgz') } }] },
    }),
    userStep(s, T.train, train, d.train, { gpu: true, scratch: train.scratchSize ?? d.trainScratch, outputs: { parameters: [param('run-id', 'run-id')] } }),
    userStep(s, T.evaluate, evaluate, d.evaluate, {
      inputs: ['run-id'],
      env: { [PIPELINE_ENV.runIdInput]: '{{inputs.parameters.run-id}}', [PIPELINE_ENV.metric]: evaluate.gate.metric },
      outputs: { parameters: [param('metric', 'metric'), param('champion-metric', 'champion-metric', '')] },
    }),
    libraryStep(s, T.gate, gateScript(), {
      account: s.accounts.runner,
      timeoutSeconds: durationSeconds(d.gate.timeout),
      retries: d.gate.retries,
      retryPolicy: 'OnError',
      inputs: ['candidate', 'champion'],
      env: gateEnv(evaluate.gate),
      outputs: { parameters: [param('decision', 'decision'), param('reason', 'reason')] },
    }),
    userStep(s, T.register, register, d.register, {
      inputs: ['run-id'],
      env: {
        [PIPELINE_ENV.runIdInput]: '{{inputs.parameters.run-id}}',
        [PIPELINE_ENV.modelAlias]: MODEL_ALIASES.challenger,
        [PIPELINE_ENV.modelUriPrefix]: s.rollout?.modelUriPrefix,
      },
      outputs: { parameters: [param('model-version', 'model-version'), param('model-uri', 'model-uri')] },
    }),
    ...(s.rollout ? rolloutTemplates(s, s.rollout) : []),
  ];
  return {
    apiVersion: ARGO_API_VERSION,
    kind: ARGO_KINDS.workflowTemplate,
    metadata: { name: s.name, namespace: s.namespace, labels: { ...s.labels } },
    spec: {
      entrypoint: T.main,
      ...(s.rollout ? { onExit: T.exit } : {}),
      serviceAccountName: s.accounts.runner,
      arguments: { parameters: [{ name: 'trigger', value: TRIGGERS.manual }, { name: 'data-uri', value: s.dataUri }] },
      activeDeadlineSeconds: s.runTimeoutSeconds,
      synchronization: { mutexes: [{ name: s.name }] },
      podGC: { ...ARGO_WORKFLOW_DEFAULTS.podGC },
      ttlStrategy: { ...ARGO_WORKFLOW_DEFAULTS.ttlStrategy },
      workflowMetadata: { labels: { ...s.labels } },
      metrics: { prometheus: [{ ...counter('mlops_pipeline_runs', 'Runs of a training pipeline by result', { pipeline: s.name, status: '{{workflow.status}}' }) }] },
      templates,
    },
  };
}
