/**
 * The library's own pipeline steps, as busybox `sh` + `curl` scripts for the pinned curl image: the
 * evaluation gate, the canary, its analysis, promotion and rollback. They talk to three HTTP APIs —
 * Kubernetes (the pod's service account token and CA), Prometheus and MLflow — and read every input
 * from environment variables (names in {@link ROLLOUT_ENV}), so tests run them against stubs.
 *
 * Safety:
 * - Kubernetes changes are JSON Patches whose `test` operations pin the route's shape (backend
 *   names at the expected indices): a route that is not what the pipeline expects fails the step
 *   instead of being half-changed. Every change is idempotent (rollback runs again from the exit
 *   handler of any failed run).
 * - A patched InferenceService counts as rolled out only when its `status.observedGeneration` equals
 *   the generation the patch produced and its `Ready` condition is `True`. Kubernetes serves custom
 *   resources as compact JSON with sorted keys (unstructured objects), so the script matches
 *   `"status":"True","type":"Ready"}` (`type` is the last key of a condition).
 * - The model URI comes from the register step: it must be under the declared prefix and contain
 *   only URI characters before it goes into a JSON body.
 * - Credentials never go on a command line: the Kubernetes token and the MLflow credentials reach
 *   curl through files (`-H @file`, `-K file`) in the pod's memory-backed /tmp.
 *
 * The scripts contain no `{{` (Argo template syntax), no `${` and write `%{` as `%%{` (Terraform).
 */
import { MODEL_ALIASES } from './constants';
import { STORAGE_URI_POINTER } from '../serving/rollout-target';

/** Environment variables of the scripts. */
export const ROLLOUT_ENV = {
  // Kubernetes
  kubeApi: 'KUBE_API',
  kubeTokenFile: 'KUBE_TOKEN_FILE',
  kubeCaFile: 'KUBE_CA_FILE',
  namespace: 'TARGET_NAMESPACE',
  stable: 'STABLE_ISVC',
  canary: 'CANARY_ISVC',
  route: 'ROUTE',
  stableBackend: 'STABLE_BACKEND',
  canaryBackend: 'CANARY_BACKEND',
  stableService: 'STABLE_SERVICE',
  canaryService: 'CANARY_SERVICE',
  percent: 'CANARY_PERCENT',
  readyTimeout: 'READY_TIMEOUT_SECONDS',
  pollSeconds: 'POLL_SECONDS',
  // the model
  modelUri: 'MODEL_URI',
  modelUriPrefix: 'MODEL_URI_PREFIX',
  modelVersion: 'MODEL_VERSION',
  modelName: 'MODEL_NAME',
  alias: 'MODEL_ALIAS',
  // MLflow (credentials from the synced Secret: MLFLOW_TRACKING_USERNAME / _PASSWORD)
  mlflowUri: 'MLFLOW_TRACKING_URI',
  // Prometheus
  prometheusUrl: 'PROMETHEUS_URL',
  errorQuery: 'ERROR_RATIO_QUERY',
  latencyQuery: 'LATENCY_P95_MS_QUERY',
  requestsQuery: 'REQUESTS_QUERY',
  windowSeconds: 'WINDOW_SECONDS',
  intervalSeconds: 'INTERVAL_SECONDS',
  sleepSeconds: 'SLEEP_SECONDS',
  maxErrorRatio: 'MAX_ERROR_RATIO',
  maxLatencyMs: 'MAX_LATENCY_P95_MS',
  minRequests: 'MIN_REQUESTS',
  // the gate
  metric: 'METRIC',
  candidate: 'CANDIDATE_VALUE',
  champion: 'CHAMPION_VALUE',
  direction: 'DIRECTION',
  minImprovement: 'MIN_IMPROVEMENT',
  threshold: 'THRESHOLD',
  outputDir: 'OUTPUT_DIR',
} as const;

/** Placeholder of the range in the analysis queries (replaced by the script: `60s`, `600s`). */
export const RANGE_PLACEHOLDER = '__RANGE__';

const E = ROLLOUT_ENV;

const PRELUDE = ['set -eu', 'umask 077', 'fail() { echo "$*" >&2; exit 1; }'];

/** Kubernetes API helpers: `kube METHOD PATH [curl args]` (answer in /tmp/kube.json, prints the HTTP code). */
const KUBE = [
  `printf 'Authorization: Bearer %s\\n' "$(cat "$${E.kubeTokenFile}")" > /tmp/kube-auth`,
  `kube() { method=$1; path=$2; shift 2; curl -sS --connect-timeout 5 --max-time 30 --cacert "$${E.kubeCaFile}" -H @/tmp/kube-auth -X "$method" -o /tmp/kube.json -w '%%{http_code}' "$@" "$${E.kubeApi}$path"; }`,
  `isvcs="/apis/serving.kserve.io/v1beta1/namespaces/$${E.namespace}/inferenceservices"`,
  `route="/apis/gateway.networking.k8s.io/v1/namespaces/$${E.namespace}/httproutes/$${E.route}"`,
  'jsonpatch() { kube PATCH "$1" -H "Content-Type: application/json-patch+json" --data-binary @-; }',
];

/** `check_model_uri`: the URI is under the prefix and has only URI characters. */
const CHECK_MODEL_URI = [
  'check_model_uri() {',
  `  case "$${E.modelUri}" in "$${E.modelUriPrefix}"?*) ;; *) fail "model URI '$${E.modelUri}' is not under $${E.modelUriPrefix}, where the register step must put versions (the InferenceService reads only there)" ;; esac`,
  `  case "$${E.modelUri}" in *[!A-Za-z0-9._~:/@%+=-]*) fail "model URI '$${E.modelUri}' has characters a storage URI cannot have" ;; esac`,
  '}',
];

/** `set_model ISVC`: points an InferenceService at the model URI; sets `generation`. */
const SET_MODEL = [
  'set_model() {',
  `  code=$(printf '[{"op":"replace","path":"${STORAGE_URI_POINTER}","value":"%s"}]' "$${E.modelUri}" | jsonpatch "$isvcs/$1")`,
  '  [ "$code" = 200 ] || fail "pointing InferenceService $1 at the new model failed: HTTP $code $(cat /tmp/kube.json)"',
  `  generation=$(sed -n 's/.*"generation":\\([0-9][0-9]*\\).*/\\1/p' /tmp/kube.json)`,
  '  [ -n "$generation" ] || fail "the patched InferenceService $1 has no metadata.generation"',
  `  echo "InferenceService $1 now serves $${E.modelUri} (generation $generation)"`,
  '}',
];

/** `wait_ready ISVC GENERATION`: until Ready at that generation, or fail after the timeout. */
const WAIT_READY = [
  'wait_ready() {',
  `  deadline=$(( $(date +%s) + $${E.readyTimeout} ))`,
  '  while :; do',
  '    code=$(kube GET "$isvcs/$1")',
  `    if [ "$code" = 200 ] && grep -q "\\"observedGeneration\\":$2[,}]" /tmp/kube.json && grep -q '"status":"True","type":"Ready"}' /tmp/kube.json; then echo "InferenceService $1 is Ready at generation $2"; return 0; fi`,
  `    [ "$(date +%s)" -lt "$deadline" ] || fail "InferenceService $1 did not become Ready at generation $2 within $${E.readyTimeout} s"`,
  `    sleep "$${E.pollSeconds}"`,
  '  done',
  '}',
];

/** `set_weights STABLE CANARY`: the route's two weights, with tests of the backend names. */
const SET_WEIGHTS = [
  'set_weights() {',
  `  body=$(printf '[{"op":"test","path":"/spec/rules/0/backendRefs/%s/name","value":"%s"},{"op":"test","path":"/spec/rules/0/backendRefs/%s/name","value":"%s"},{"op":"replace","path":"/spec/rules/0/backendRefs/%s/weight","value":%s},{"op":"replace","path":"/spec/rules/0/backendRefs/%s/weight","value":%s}]' "$${E.stableBackend}" "$${E.stableService}" "$${E.canaryBackend}" "$${E.canaryService}" "$${E.stableBackend}" "$1" "$${E.canaryBackend}" "$2")`,
  '  code=$(printf \'%s\' "$body" | jsonpatch "$route")',
  `  [ "$code" = 200 ] || fail "setting the weights of route $${E.route} failed: HTTP $code $(cat /tmp/kube.json)"`,
  `  echo "route $${E.route}: stable $1, canary $2"`,
  '}',
];

/** Everything a script that points an InferenceService at a model and moves weights needs. */
const PATCHING = [...PRELUDE, ...KUBE, ...CHECK_MODEL_URI, ...SET_MODEL, ...WAIT_READY, ...SET_WEIGHTS];

/** Gate: promote or reject the candidate (writes `decision` and `reason`; fails only on bad input). */
export function gateScript(): string {
  return [
    ...PRELUDE,
    `mkdir -p "$${E.outputDir}"`,
    'num() { printf \'%s\' "$1" | grep -Eq \'^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$\'; }',
    'holds() { awk -v a="$1" -v b="$2" -v op="$3" \'BEGIN { if (op == ">=") exit !(a + 0 >= b + 0); exit !(a + 0 <= b + 0) }\'; }',
    `decide() { printf '%s\\n' "$1" > "$${E.outputDir}/decision"; printf '%s\\n' "$2" > "$${E.outputDir}/reason"; echo "$1: $2"; exit 0; }`,
    `num "$${E.candidate}" || fail "the evaluate step reported no number for $${E.metric} (got '$${E.candidate}')"`,
    `if [ "$${E.direction}" = higher ]; then op='>='; else op='<='; fi`,
    `if [ -n "$${E.threshold}" ] && ! holds "$${E.candidate}" "$${E.threshold}" "$op"; then decide reject "$${E.metric} $${E.candidate} does not reach the threshold $${E.threshold}"; fi`,
    `[ -n "$${E.champion}" ] || decide promote "no champion yet; $${E.metric} $${E.candidate}"`,
    `num "$${E.champion}" || fail "the evaluate step reported no number for the champion's $${E.metric} (got '$${E.champion}')"`,
    `if [ "$${E.direction}" = higher ]; then bar=$(awk -v c="$${E.champion}" -v m="$${E.minImprovement}" 'BEGIN { print c + m }'); else bar=$(awk -v c="$${E.champion}" -v m="$${E.minImprovement}" 'BEGIN { print c - m }'); fi`,
    `if holds "$${E.candidate}" "$bar" "$op"; then decide promote "$${E.metric} $${E.candidate} vs champion $${E.champion} (needed $op $bar)"; fi`,
    `decide reject "$${E.metric} $${E.candidate} vs champion $${E.champion} (needed $op $bar)"`,
  ].join('\n');
}

/** Canary: point the canary at the new version, wait until it is Ready, give it its share. */
export function canaryScript(): string {
  return [
    ...PATCHING,
    'check_model_uri',
    `set_model "$${E.canary}"`,
    `wait_ready "$${E.canary}" "$generation"`,
    `set_weights "$((100 - ${E.percent}))" "$${E.percent}"`,
  ].join('\n');
}

/**
 * Analysis: every interval, the canary's error ratio and p95 latency over that interval must stay
 * under the limits (no traffic in an interval is no verdict); over the window it must answer at
 * least the minimum number of requests. Fails (→ the exit handler rolls back) otherwise.
 */
export function analysisScript(): string {
  return [
    ...PRELUDE,
    'prom() {',
    `  q=$(printf '%s' "$1" | sed "s/${RANGE_PLACEHOLDER}/$2/g")`,
    `  code=$(curl -sS -G --retry 3 --retry-all-errors --connect-timeout 5 --max-time 30 -o /tmp/prom.json -w '%%{http_code}' --data-urlencode "query=$q" "$${E.prometheusUrl}/api/v1/query")`,
    '  [ "$code" = 200 ] || fail "Prometheus answered HTTP $code to: $q"',
    `  sed -n 's/.*"value":\\[[^,]*,"\\([^"]*\\)"\\].*/\\1/p' /tmp/prom.json`,
    '}',
    'isnum() { case "$1" in "" | NaN | +Inf | -Inf) return 1 ;; esac; return 0; }',
    'above() { awk -v a="$1" -v b="$2" \'BEGIN { exit !(a + 0 > b + 0) }\'; }',
    `n=$(( $${E.windowSeconds} / $${E.intervalSeconds} ))`,
    'i=0',
    'while [ "$i" -lt "$n" ]; do',
    `  sleep "$${E.sleepSeconds}"`,
    '  i=$((i + 1))',
    `  err=$(prom "$${E.errorQuery}" "$${E.intervalSeconds}"s)`,
    `  p95=$(prom "$${E.latencyQuery}" "$${E.intervalSeconds}"s)`,
    `  if isnum "$err" && above "$err" "$${E.maxErrorRatio}"; then fail "check $i/$n: the canary's error ratio $err is above $${E.maxErrorRatio}"; fi`,
    `  if isnum "$p95" && above "$p95" "$${E.maxLatencyMs}"; then fail "check $i/$n: the canary's p95 latency $p95 ms is above $${E.maxLatencyMs} ms"; fi`,
    '  isnum "$err" || err="no traffic"',
    '  isnum "$p95" || p95="no traffic"',
    '  echo "check $i/$n: error ratio $err, p95 latency $p95 ms"',
    'done',
    `total=$(prom "$${E.requestsQuery}" "$${E.windowSeconds}"s)`,
    'isnum "$total" || total=0',
    `if above "$${E.minRequests}" "$total"; then fail "the canary answered $total requests in $${E.windowSeconds} s; at least $${E.minRequests} are needed to judge it"; fi`,
    `echo "the canary passed: $total requests, no interval above the limits"`,
  ].join('\n');
}

/** Promote: the stable service serves the new version, the canary's share returns, alias `champion`. */
export function promoteScript(): string {
  return [
    ...PATCHING,
    `case "$${E.modelVersion}" in "" | *[!0-9]*) fail "model version '$${E.modelVersion}' is not a number" ;; esac`,
    'check_model_uri',
    `set_model "$${E.stable}"`,
    `wait_ready "$${E.stable}" "$generation"`,
    'set_weights 100 0',
    // the credentials reach curl through a config file, not its command line
    `printf 'user = "%s:%s"\\n' "$MLFLOW_TRACKING_USERNAME" "$MLFLOW_TRACKING_PASSWORD" > /tmp/mlflow.curlrc`,
    `code=$(printf '{"name":"%s","alias":"%s","version":"%s"}' "$${E.modelName}" "$${E.alias}" "$${E.modelVersion}" | curl -sS --retry 3 --retry-all-errors --connect-timeout 5 --max-time 30 -K /tmp/mlflow.curlrc -o /tmp/mlflow.json -w '%%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @- "$${E.mlflowUri}/api/2.0/mlflow/registered-models/alias")`,
    `[ "$code" = 200 ] || fail "setting alias $${E.alias} of $${E.modelName} to version $${E.modelVersion} failed: HTTP $code $(cat /tmp/mlflow.json)"`,
    `echo "$${E.modelName} version $${E.modelVersion} is $${E.alias}"`,
  ].join('\n');
}

/** Rollback: all traffic back to the stable service (idempotent). */
export function rollbackScript(): string {
  return [...PRELUDE, ...KUBE, ...SET_WEIGHTS, 'set_weights 100 0'].join('\n');
}

/** The alias the promote step sets. */
export const PROMOTED_ALIAS = MODEL_ALIASES.champion;
