/** RBAC of a pipeline: every permission, and nothing broader than needed. */
import { resourceList } from '../helpers/synth';
import { synthScenario } from './fixture';

const json = synthScenario();
const roles = resourceList(json.workloads, 'kubernetes_role_v1');
const bindings = resourceList(json.workloads, 'kubernetes_role_binding_v1');

/** `namespace/service account` → `verb resource[names] @namespace` it is granted, through every binding. */
function grants(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const b of bindings) {
    const role = roles.find((r) => r.metadata.name === b.role_ref.name && r.metadata.namespace === b.metadata.namespace);
    for (const s of b.subject) {
      const key = `${s.namespace}/${s.name}`;
      for (const rule of role.rule) {
        for (const verb of rule.verbs) {
          for (const resource of rule.resources) {
            (out[key] ??= []).push(`${verb} ${rule.api_groups.join(',')}/${resource}${rule.resource_names ? `[${rule.resource_names.join(',')}]` : ''} @${b.metadata.namespace}`);
          }
        }
      }
    }
  }
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

test('each service account has exactly what its steps need', () => {
  const executor = ['create argoproj.io/workflowtaskresults @ml-pipelines', 'patch argoproj.io/workflowtaskresults @ml-pipelines'];
  expect(grants()).toEqual({
    'ml-pipelines/churn-steps': executor,
    'ml-pipelines/churn-runner': executor,
    'ml-pipelines/churn-rollout': [
      ...executor,
      'get serving.kserve.io/inferenceservices[churn,churn-canary] @models',
      'patch gateway.networking.k8s.io/httproutes[churn] @models',
      'patch serving.kserve.io/inferenceservices[churn,churn-canary] @models',
    ].sort(),
    'argo-events/churn-sensor': ['create argoproj.io/workflows @ml-pipelines', 'get argoproj.io/workflowtemplates[churn] @ml-pipelines'],
  });
});

test('no wildcard, no cluster-wide role, no access to secrets, pods or workflow deletion', () => {
  const text = JSON.stringify([roles, bindings]);
  expect(text).not.toContain('"*"');
  expect(resourceList(json.workloads, 'kubernetes_cluster_role_v1')).toEqual([]);
  expect(resourceList(json.workloads, 'kubernetes_cluster_role_binding_v1')).toEqual([]);
  const resourcesGranted = new Set(roles.flatMap((r) => r.rule.flatMap((rule: any) => rule.resources)));
  expect([...resourcesGranted].sort()).toEqual(['httproutes', 'inferenceservices', 'workflows', 'workflowtaskresults', 'workflowtemplates']);
  const verbs = new Set(roles.flatMap((r) => r.rule.flatMap((rule: any) => rule.verbs)));
  expect([...verbs].sort()).toEqual(['create', 'get', 'patch']);
});

test('the service accounts live where their pods run', () => {
  const sas = resourceList(json.workloads, 'kubernetes_service_account_v1').filter((s) => s.metadata.labels?.['mlops.cdktf.io/pipeline'] === 'churn').map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  expect(sas.sort()).toEqual(['argo-events/churn-new-data', 'argo-events/churn-sensor', 'ml-pipelines/churn-rollout', 'ml-pipelines/churn-runner', 'ml-pipelines/churn-steps']);
});

test('without a rollout there is no rollout account and nothing in the serving namespace', () => {
  const other = synthScenario({ noRollout: true });
  const names = resourceList(other.workloads, 'kubernetes_role_v1').map((r) => `${r.metadata.namespace}/${r.metadata.name}`);
  expect(names.sort()).toEqual(['ml-pipelines/churn-executor', 'ml-pipelines/churn-sensor']);
  expect(resourceList(other.workloads, 'kubernetes_service_account_v1').map((s) => s.metadata.name)).not.toContain('churn-rollout');
});
