/**
 * The library's own pipeline steps (gate, canary, analysis, promote, rollback), run with sh and curl
 * against a stub that plays the Kubernetes API, Prometheus and MLflow. What the stub sees (method,
 * path, content type, JSON body, auth) is what a real cluster would receive.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { analysisScript, canaryScript, gateScript, promoteScript, rollbackScript } from '../../src/pipelines/rollout-scripts';

beforeAll(() => {
  if (spawnSync('/bin/sh', ['-c', 'command -v curl && command -v awk && command -v sed']).status !== 0) {
    throw new Error('this test runs the pipeline step scripts: it needs /bin/sh, curl, awk and sed on PATH');
  }
});

/** The scripts spawn sh, curl and awk many times: generous on a loaded machine. */
const SCRIPT_TIMEOUT_MS = 30000;

interface Call { method: string; url: string; auth?: string; type?: string; body: string }
type Handler = (call: Call) => { status: number; body: unknown } | undefined;

/** Terraform renders `%%{` as `%{`; the shell sees the rendered form. */
const rendered = (script: string) => script.replace(/%%\{/g, '%{');

/** Runs `script` with `env` against a stub answering with `handler`; returns the exit code, output, calls and files written to OUTPUT_DIR. */
async function run(script: string, env: Record<string, string>, handler: Handler = () => undefined) {
  const calls: Call[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const call = { method: req.method!, url: req.url!, auth: req.headers.authorization, type: req.headers['content-type'], body };
      calls.push(call);
      const answer = handler(call) ?? { status: 404, body: { message: 'not stubbed' } };
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-step-'));
  fs.writeFileSync(path.join(work, 'token'), 'sa-token-123');
  fs.writeFileSync(path.join(work, 'ca.crt'), '');
  // the scripts use /tmp for their scratch files, as in the pod (a memory-backed emptyDir)
  const result = await new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn('/bin/sh', ['-c', rendered(script)], {
      env: { PATH: process.env.PATH!, KUBE_API: url, KUBE_TOKEN_FILE: path.join(work, 'token'), KUBE_CA_FILE: path.join(work, 'ca.crt'), PROMETHEUS_URL: url, MLFLOW_TRACKING_URI: url, OUTPUT_DIR: path.join(work, 'out'), ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
  server.close();
  const outputs: Record<string, string> = {};
  const outDir = path.join(work, 'out');
  if (fs.existsSync(outDir)) for (const f of fs.readdirSync(outDir)) outputs[f] = fs.readFileSync(path.join(outDir, f), 'utf8').trim();
  fs.rmSync(work, { recursive: true, force: true });
  return { ...result, calls, outputs };
}

const TARGET = {
  TARGET_NAMESPACE: 'models',
  STABLE_ISVC: 'churn',
  CANARY_ISVC: 'churn-canary',
  ROUTE: 'churn',
  STABLE_BACKEND: '0',
  CANARY_BACKEND: '1',
  STABLE_SERVICE: 'churn-predictor',
  CANARY_SERVICE: 'churn-canary-predictor',
  READY_TIMEOUT_SECONDS: '30',
  POLL_SECONDS: '0',
  MODEL_URI_PREFIX: 's3://acme-models/models/churn/versions/',
  MODEL_URI: 's3://acme-models/models/churn/versions/7/',
};
const ISVCS = '/apis/serving.kserve.io/v1beta1/namespaces/models/inferenceservices';
const ROUTE = '/apis/gateway.networking.k8s.io/v1/namespaces/models/httproutes/churn';

/** An InferenceService as the API server returns it (compact JSON, sorted keys). */
function isvc(generation: number, observed: number, ready: 'True' | 'False'): string {
  return (
    `{"apiVersion":"serving.kserve.io/v1beta1","kind":"InferenceService","metadata":{"generation":${generation},"name":"x","namespace":"models"},` +
    `"spec":{"predictor":{"model":{"storageUri":"s3://acme-models/models/churn/versions/7/"}}},` +
    `"status":{"conditions":[{"lastTransitionTime":"2026-01-01T00:00:00Z","status":"True","type":"IngressReady"},{"lastTransitionTime":"2026-01-01T00:00:00Z","severity":"Info","status":"${ready}","type":"Ready"}],"observedGeneration":${observed}}}`
  );
}

/** A Kubernetes stub: PATCH answers generation 5; GETs walk through `gets` (then repeat the last). */
function kubeStub(gets: string[], opts: { routeStatus?: number; isvcPatchStatus?: number } = {}): Handler {
  let i = 0;
  return (c) => {
    if (c.method === 'PATCH' && c.url.startsWith(ISVCS)) return { status: opts.isvcPatchStatus ?? 200, body: isvc(5, 4, 'True') };
    if (c.method === 'GET' && c.url.startsWith(ISVCS)) return { status: 200, body: gets[Math.min(i++, gets.length - 1)] };
    if (c.method === 'PATCH' && c.url === ROUTE) return { status: opts.routeStatus ?? 200, body: '{}' };
    if (c.method === 'POST' && c.url === '/api/2.0/mlflow/registered-models/alias') return { status: 200, body: '{}' };
    return undefined;
  };
}

const weights = (stable: number, canary: number) => [
  { op: 'test', path: '/spec/rules/0/backendRefs/0/name', value: 'churn-predictor' },
  { op: 'test', path: '/spec/rules/0/backendRefs/1/name', value: 'churn-canary-predictor' },
  { op: 'replace', path: '/spec/rules/0/backendRefs/0/weight', value: stable },
  { op: 'replace', path: '/spec/rules/0/backendRefs/1/weight', value: canary },
];

describe('canary', () => {
  const env = { ...TARGET, CANARY_PERCENT: '10' };

  test('points the canary at the version, waits for Ready at the new generation, then gives it its share', async () => {
    const r = await run(canaryScript(), env, kubeStub([isvc(5, 4, 'True'), isvc(5, 5, 'False'), isvc(5, 5, 'True')]));
    expect(r.code).toBe(0);
    expect(r.calls.map((c) => `${c.method} ${c.url}`)).toEqual([`PATCH ${ISVCS}/churn-canary`, `GET ${ISVCS}/churn-canary`, `GET ${ISVCS}/churn-canary`, `GET ${ISVCS}/churn-canary`, `PATCH ${ROUTE}`]);
    expect(r.calls[0]).toMatchObject({ auth: 'Bearer sa-token-123', type: 'application/json-patch+json' });
    expect(JSON.parse(r.calls[0].body)).toEqual([{ op: 'replace', path: '/spec/predictor/model/storageUri', value: 's3://acme-models/models/churn/versions/7/' }]);
    expect(JSON.parse(r.calls[4].body)).toEqual(weights(90, 10));
  }, SCRIPT_TIMEOUT_MS);

  test('a canary that never becomes Ready fails the step and leaves the route alone', async () => {
    const r = await run(canaryScript(), { ...env, READY_TIMEOUT_SECONDS: '1' }, kubeStub([isvc(5, 5, 'False')]));
    expect(r.code).toBe(1);
    expect(r.out).toContain('InferenceService churn-canary did not become Ready at generation 5 within 1 s');
    expect(r.calls.some((c) => c.url === ROUTE)).toBe(false);
  }, SCRIPT_TIMEOUT_MS);

  test('a model URI outside the prefix, or with characters a URI cannot have, never reaches the API', async () => {
    const outside = await run(canaryScript(), { ...env, MODEL_URI: 's3://other-bucket/models/churn/7/' }, kubeStub([]));
    expect([outside.code, outside.calls]).toEqual([1, []]);
    expect(outside.out).toContain("model URI 's3://other-bucket/models/churn/7/' is not under s3://acme-models/models/churn/versions/");
    const injected = await run(canaryScript(), { ...env, MODEL_URI: 's3://acme-models/models/churn/versions/7/"}]' }, kubeStub([]));
    expect([injected.code, injected.calls]).toEqual([1, []]);
    expect(injected.out).toContain('has characters a storage URI cannot have');
  }, SCRIPT_TIMEOUT_MS);

  test('an API error (e.g. RBAC 403) fails the step with the answer', async () => {
    const r = await run(canaryScript(), env, kubeStub([], { isvcPatchStatus: 403 }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('pointing InferenceService churn-canary at the new model failed: HTTP 403');
  }, SCRIPT_TIMEOUT_MS);
});

describe('rollback', () => {
  test('sends all traffic to stable, pinning the backend names', async () => {
    const r = await run(rollbackScript(), TARGET, kubeStub([]));
    expect(r.code).toBe(0);
    expect(r.calls.map((c) => `${c.method} ${c.url}`)).toEqual([`PATCH ${ROUTE}`]);
    expect(JSON.parse(r.calls[0].body)).toEqual(weights(100, 0));
  }, SCRIPT_TIMEOUT_MS);

  test('a route of another shape (failed test op: 422) fails instead of being half-changed', async () => {
    const r = await run(rollbackScript(), TARGET, kubeStub([], { routeStatus: 422 }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('setting the weights of route churn failed: HTTP 422');
  }, SCRIPT_TIMEOUT_MS);
});

describe('promote', () => {
  const env = { ...TARGET, MODEL_VERSION: '7', MODEL_NAME: 'churn-classifier', MODEL_ALIAS: 'champion', MLFLOW_TRACKING_USERNAME: 'mlflow-client', MLFLOW_TRACKING_PASSWORD: 'Secret123' };

  test('stable serves the version, the canary share returns to 0, then the alias moves to champion', async () => {
    const r = await run(promoteScript(), env, kubeStub([isvc(5, 5, 'True')]));
    expect(r.code).toBe(0);
    expect(r.calls.map((c) => `${c.method} ${c.url}`)).toEqual([`PATCH ${ISVCS}/churn`, `GET ${ISVCS}/churn`, `PATCH ${ROUTE}`, 'POST /api/2.0/mlflow/registered-models/alias']);
    expect(JSON.parse(r.calls[2].body)).toEqual(weights(100, 0));
    expect(r.calls[3]).toMatchObject({ auth: `Basic ${Buffer.from('mlflow-client:Secret123').toString('base64')}`, type: 'application/json' });
    expect(JSON.parse(r.calls[3].body)).toEqual({ name: 'churn-classifier', alias: 'champion', version: '7' });
  }, SCRIPT_TIMEOUT_MS);

  test('a version that is not a number is refused before anything changes', async () => {
    const r = await run(promoteScript(), { ...env, MODEL_VERSION: '7"' }, kubeStub([]));
    expect([r.code, r.calls]).toEqual([1, []]);
    expect(r.out).toContain('model version \'7"\' is not a number');
  }, SCRIPT_TIMEOUT_MS);
});

describe('analysis', () => {
  const env = {
    ERROR_RATIO_QUERY: 'errors[__RANGE__]',
    LATENCY_P95_MS_QUERY: 'p95[__RANGE__]',
    REQUESTS_QUERY: 'requests[__RANGE__]',
    WINDOW_SECONDS: '120',
    INTERVAL_SECONDS: '60',
    SLEEP_SECONDS: '0',
    MAX_ERROR_RATIO: '0.01',
    MAX_LATENCY_P95_MS: '500',
    MIN_REQUESTS: '100',
  };
  const vector = (v?: string) => ({ status: 200, body: { status: 'success', data: { resultType: 'vector', result: v === undefined ? [] : [{ metric: {}, value: [1767225600.5, v] }] } } });
  /** Answers each query from a list of values per query name (the last repeats). */
  function prom(values: Record<string, Array<string | undefined>>): Handler {
    const seen: Record<string, number> = {};
    return (c) => {
      const q = new URL(c.url, 'http://x').searchParams.get('query')!;
      const name = q.split('[')[0];
      const i = (seen[name] = (seen[name] ?? -1) + 1);
      const list = values[name];
      return vector(list[Math.min(i, list.length - 1)]);
    };
  }

  test('a healthy canary passes: every interval under the limits, enough requests over the window', async () => {
    const r = await run(analysisScript(), env, prom({ errors: ['0.001'], p95: ['120.5'], requests: ['450'] }));
    expect(r.code).toBe(0);
    const queries = r.calls.map((c) => new URL(c.url, 'http://x').searchParams.get('query'));
    expect(queries).toEqual(['errors[60s]', 'p95[60s]', 'errors[60s]', 'p95[60s]', 'requests[120s]']);
    expect(r.out).toContain('the canary passed: 450 requests');
  }, SCRIPT_TIMEOUT_MS);

  test('too many errors in an interval fails the run at that check', async () => {
    const r = await run(analysisScript(), env, prom({ errors: ['0.001', '0.07'], p95: ['100'], requests: ['450'] }));
    expect(r.code).toBe(1);
    expect(r.out).toContain("check 2/2: the canary's error ratio 0.07 is above 0.01");
    // the run stops at the failed check: the window's request count is never asked for
    expect(r.calls.map((c) => new URL(c.url, 'http://x').searchParams.get('query'))).toEqual(['errors[60s]', 'p95[60s]', 'errors[60s]', 'p95[60s]']);
  }, SCRIPT_TIMEOUT_MS);

  test('a slow canary fails; intervals without traffic (no data, NaN) are no verdict', async () => {
    const slow = await run(analysisScript(), env, prom({ errors: ['0'], p95: ['120', '1.2e3'], requests: ['450'] }));
    expect(slow.code).toBe(1);
    expect(slow.out).toContain("check 2/2: the canary's p95 latency 1.2e3 ms is above 500 ms");
    const quiet = await run(analysisScript(), env, prom({ errors: [undefined, 'NaN'], p95: ['NaN', '80'], requests: ['450'] }));
    expect(quiet.code).toBe(0);
    expect(quiet.out).toContain('check 1/2: error ratio no traffic, p95 latency no traffic ms');
    expect(quiet.out).toContain('check 2/2: error ratio no traffic, p95 latency 80 ms');
  }, SCRIPT_TIMEOUT_MS);

  test('too little traffic over the window cannot be judged: the run fails', async () => {
    const r = await run(analysisScript(), env, prom({ errors: ['0'], p95: ['50'], requests: ['12'] }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('the canary answered 12 requests in 120 s; at least 100 are needed to judge it');
  }, SCRIPT_TIMEOUT_MS);

  test('Prometheus errors fail the step (after curl\'s retries)', async () => {
    const r = await run(analysisScript(), env, () => ({ status: 400, body: { status: 'error' } }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('Prometheus answered HTTP 400 to: errors[60s]');
  }, SCRIPT_TIMEOUT_MS);
});

describe('gate', () => {
  const env = (candidate: string, champion: string, extra: Record<string, string> = {}) => ({
    METRIC: 'val_auc', CANDIDATE_VALUE: candidate, CHAMPION_VALUE: champion, DIRECTION: 'higher', MIN_IMPROVEMENT: '0.005', THRESHOLD: '0.8', ...extra,
  });

  test.each([
    ['higher: beats the champion by the minimum', env('0.905', '0.9'), 'promote', 'val_auc 0.905 vs champion 0.9 (needed >= 0.905)'],
    ['higher: better but by less than the minimum', env('0.904', '0.9'), 'reject', 'val_auc 0.904 vs champion 0.9 (needed >= 0.905)'],
    ['higher: under the threshold whatever the champion', env('0.79', '0.5'), 'reject', 'val_auc 0.79 does not reach the threshold 0.8'],
    ['no champion yet: the threshold alone decides', env('0.85', ''), 'promote', 'no champion yet; val_auc 0.85'],
    ['lower: an error metric must drop by the minimum', env('0.2', '0.25', { DIRECTION: 'lower', MIN_IMPROVEMENT: '0.01', THRESHOLD: '' }), 'promote', 'val_auc 0.2 vs champion 0.25 (needed <= 0.24)'],
    ['lower: a higher error is rejected', env('0.3', '0.25', { DIRECTION: 'lower', MIN_IMPROVEMENT: '0', THRESHOLD: '' }), 'reject', 'val_auc 0.3 vs champion 0.25 (needed <= 0.25)'],
  ])('%s', async (_name, e, decision, reason) => {
    const r = await run(gateScript(), e);
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({ decision, reason });
  }, SCRIPT_TIMEOUT_MS);

  test('a candidate value that is not a number fails the step', async () => {
    const r = await run(gateScript(), env('n/a', '0.9'));
    expect(r.code).toBe(1);
    expect(r.out).toContain("the evaluate step reported no number for val_auc (got 'n/a')");
  }, SCRIPT_TIMEOUT_MS);
});

test('no script has Argo ({{) or Terraform (${, unescaped %{) template syntax', () => {
  for (const script of [gateScript(), canaryScript(), analysisScript(), promoteScript(), rollbackScript()]) {
    expect(script).not.toMatch(/\{\{|\}\}|\$\{|(^|[^%])%\{/);
  }
});
