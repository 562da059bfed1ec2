/**
 * Reference stack sets (every set × dev and prod): names and dependency order, the deployability
 * check, the scheduling contract re-checked on the synthesized GPU workloads, the deploy-time wiring
 * (wiring-cases.ts), determinism, no machine paths, and one snapshot per stack (the cdk.tf.json text,
 * which is what reviewers diff). The data layer and destroy-order checks on the same synth output
 * are in data-layer.checks.ts and destroy-order.checks.ts (imported at the end, so the sets are
 * synthesized once).
 */
import * as fs from 'fs';
import { parse } from 'yaml';
import { registeredNodePoolOffers, SchedulingRequest, Toleration, whyNotSchedulable } from '../../src/compute/scheduling';
import { checkDeployability } from '../../src/core/layers/deployability-check';
import { REFERENCE_STACK_SETS } from '../../stacks/app';
import { estimateCost } from '../../src/review/cost';
import { valuesDocument } from '../../src/synth/helm-values';
import { loadSynthOutput } from '../../src/synth/load';
import { US_EAST_1_PRICES } from '../../src/review/prices/us-east-1';
import { tempDir } from '../review/fixtures';
import { first, stackFile, stackJson, stackNames, stacks, synthTo } from './reference-fixture';
import { describeWiring } from './wiring-cases';

const workloadsJson = (set: string) => stackJson(`${set}-workloads`);
/** The `manifest` of every kubernetes_manifest of a set's workloads stack. */
const workloadManifests = (set: string): any[] => Object.values<any>(workloadsJson(set).resource.kubernetes_manifest).map((r) => r.manifest);

/** Every pod spec in a synthesized value that asks for an extended resource (`nvidia.com/…`). */
function gpuPodSpecs(value: unknown, name: string, out: SchedulingRequest[] = []): SchedulingRequest[] {
  if (Array.isArray(value)) {
    value.forEach((v) => gpuPodSpecs(v, name, out));
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const o = value as Record<string, any>;
  // Kubernetes manifests (camelCase), InferenceService predictors (`model`), typed provider resources
  // (`container` list), Argo Workflows templates (`container` object).
  const container = Array.isArray(o.container) ? o.container : o.container?.resources ? [o.container] : [];
  const containers: any[] = [...(o.containers ?? []), ...(o.model?.resources ? [o.model] : []), ...container];
  const resources: Record<string, number> = {};
  for (const c of containers) {
    for (const [r, q] of Object.entries<any>(c.resources?.limits ?? {})) if (r.startsWith('nvidia.com/')) resources[r] = (resources[r] ?? 0) + Number(q);
  }
  if (Object.keys(resources).length > 0) {
    out.push({
      workload: name,
      resources,
      nodeSelector: o.nodeSelector ?? o.node_selector,
      tolerations: (o.tolerations ?? o.toleration ?? []).map((t: any): Toleration => ({ key: t.key, operator: t.operator, value: t.value, effect: t.effect })),
    });
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'model' && k !== 'containers' && k !== 'container') gpuPodSpecs(v, name, out);
  return out;
}

/** The GPU workloads of a synthesized workloads stack, by `<kind>/<name>`. */
function gpuWorkloads(json: any): SchedulingRequest[] {
  const out: SchedulingRequest[] = [];
  for (const [type, byName] of Object.entries<Record<string, any>>(json.resource ?? {})) {
    for (const [name, r] of Object.entries<any>(byName)) {
      const label = type === 'kubernetes_manifest' ? `${r.manifest.kind}/${r.manifest.metadata.name}` : `${type}.${name}`;
      gpuPodSpecs(type === 'kubernetes_manifest' ? r.manifest.spec : r.spec, label, out);
    }
  }
  return out;
}

describe('reference stack sets', () => {
  test('every set exists for dev and prod, with data → cloud → platform → workloads stacks in dependency order', () => {
    expect(Object.keys(REFERENCE_STACK_SETS).sort()).toEqual(['gpu-training-dev', 'gpu-training-prod', 'llm-rag-dev', 'llm-rag-prod', 'mlops-platform-dev', 'mlops-platform-prod']);
    for (const set of Object.keys(REFERENCE_STACK_SETS)) {
      const [data, cloud, platform, workloads] = ['data', 'cloud', 'platform', 'workloads'].map((l) => stacks.find((s) => s.node.id === `${set}-${l}`)!);
      expect([data, cloud, platform, workloads].every((s) => s !== undefined)).toBe(true);
      expect(data.dependencies).toEqual([]);
      expect(cloud.dependencies).toEqual([data]);
      expect(platform.dependencies).toContain(cloud);
      expect(workloads.dependencies).toContain(platform);
    }
    expect(stackNames).toHaveLength(24);
  });

  test('every stack passes the deployability check', () => {
    for (const stack of stacks) expect({ stack: stack.node.id, problems: checkDeployability(stack) }).toEqual({ stack: stack.node.id, problems: [] });
  });

  test('the workloads stacks print the front door\'s URLs: prod behind single sign-on with inference on its TLS NLB, dev on the internal ALB', () => {
    const outputs = (stack: string) =>
      Object.fromEntries(
        Object.entries<any>(stackJson(stack).output ?? {})
          .filter(([k]) => !k.startsWith('cross-stack-output'))
          .map(([k, o]) => [k, `${o.value} (${o.description.replace(/^.*\((.*)\)$/, '$1')})`]),
      );
    const lb = (stack: string) => stackJson(stack).output['load-balancer-dns-name'].value;
    expect(outputs('mlops-platform-prod-workloads')).toEqual({
      'argo-url': 'https://argo.prod.ml.example.com/ (single sign-on at the load balancer)',
      'evidently-url': 'https://evidently.prod.ml.example.com/ (single sign-on at the load balancer)',
      'grafana-url': 'https://grafana.prod.ml.example.com/ (single sign-on at the load balancer)',
      'langfuse-url': 'https://langfuse.prod.ml.example.com/ (single sign-on at the load balancer)',
      'mlflow-url': 'https://mlflow.prod.ml.example.com/ (single sign-on at the load balancer)',
      'llm-inference-url': 'https://llm.models.serving.prod.ml.example.com (its NLB)',
      'sklearn-inference-url': 'https://sklearn.models.serving.prod.ml.example.com (its NLB)',
      'load-balancer-dns-name': `${lb('mlops-platform-prod-workloads')} (ExternalDNS points the hosts at it; without it, create CNAME or alias records)`,
    });
    expect(lb('mlops-platform-prod-workloads')).toMatch(/^\$\{kubernetes_ingress_v1\.front-door_ingress-mlflow_[0-9A-F]{8}\.status\[0\]\.load_balancer\[0\]\.ingress\[0\]\.hostname\}$/);
    expect(outputs('llm-rag-dev-workloads')).toEqual({
      'evidently-url': 'https://evidently.dev.ml.example.com/ (no sign-in at the load balancer)',
      'grafana-url': 'https://grafana.dev.ml.example.com/ (no sign-in at the load balancer)',
      'langfuse-url': 'https://langfuse.dev.ml.example.com/ (no sign-in at the load balancer)',
      'llm-inference-url': 'https://llm.models.serving.dev.ml.example.com (the shared ALB)',
      'sklearn-inference-url': 'https://sklearn.models.serving.dev.ml.example.com (the shared ALB)',
      'load-balancer-dns-name': `${lb('llm-rag-dev-workloads')} (ExternalDNS points the hosts at it; without it, create CNAME or alias records)`,
    });
  });

  test('each set has the components its name promises (Helm releases by layer)', () => {
    const releases = (stack: string) =>
      Object.values<any>(stackJson(stack).resource.helm_release ?? {})
        .map((r) => r.chart)
        .sort();
    const base = ['aws-load-balancer-controller', 'cert-manager', 'external-dns', 'external-secrets', 'gpu-operator', 'karpenter', 'karpenter-crd', 'keda', 'kube-prometheus-stack'];
    const serving = ['gateway-helm', 'kserve-crd', 'kserve-resources', 'kserve-runtime-configs'];
    const aiGateway = ['ai-gateway-crds-helm', 'ai-gateway-helm'];
    const pipelines = ['argo-events', 'argo-workflows'];
    expect(releases('gpu-training-dev-platform')).toEqual([...base.filter((c) => c !== 'cert-manager'), ...pipelines].sort());
    expect(releases('llm-rag-dev-platform')).toEqual([...base, ...serving, ...aiGateway].sort());
    expect(releases('mlops-platform-prod-platform')).toEqual([...base, ...serving, ...aiGateway, ...pipelines].sort());
    expect(releases('gpu-training-dev-workloads')).toEqual(['feast-feature-server', 'mlflow']);
    expect(releases('llm-rag-dev-workloads')).toEqual(['langfuse', 'qdrant']);
    expect(releases('mlops-platform-prod-workloads')).toEqual(['feast-feature-server', 'langfuse', 'mlflow', 'qdrant']);
  });

  test('every GPU workload, read back from the synthesized JSON, fits a NodePool registered for its cluster', () => {
    const expected: Record<string, string[]> = {
      'gpu-training': ['WorkflowTemplate/churn'],
      'llm-rag': ['InferenceService/llm', 'InferenceService/llm-canary'],
      'mlops-platform': ['InferenceService/llm', 'InferenceService/llm-canary', 'WorkflowTemplate/churn'],
    };
    for (const set of Object.keys(REFERENCE_STACK_SETS)) {
      const workloadsStack = stacks.find((s) => s.node.id === `${set}-workloads`)!;
      const offers = registeredNodePoolOffers(workloadsStack);
      const requests = gpuWorkloads(workloadsJson(set));
      expect({ set, workloads: requests.map((r) => r.workload).sort() }).toEqual({ set, workloads: expected[set.replace(/-(dev|prod)$/, '')] });
      for (const request of requests) {
        const fits = offers.filter((offer) => whyNotSchedulable(offer, request).length === 0).map((o) => o.nodePool);
        expect({ set, workload: request.workload, fits: fits.length > 0 }).toEqual({ set, workload: request.workload, fits: true });
      }
    }
  });

  test('the LLM runs on a 3g.40gb slice of the H100 MIG pool; the churn pipeline trains on the spot-first whole-GPU pool', () => {
    const requests = gpuWorkloads(workloadsJson('mlops-platform-prod'));
    const offers = registeredNodePoolOffers(stacks.find((s) => s.node.id === 'mlops-platform-prod-workloads')!);
    const fits = (workload: string) => offers.filter((o) => whyNotSchedulable(o, requests.find((r) => r.workload === workload)!).length === 0).map((o) => o.nodePool);
    expect(requests.find((r) => r.workload === 'InferenceService/llm')!.resources).toEqual({ 'nvidia.com/mig-3g.40gb': 1 });
    expect(fits('InferenceService/llm')).toEqual(['gpu-mig-h100']);
    expect(requests.find((r) => r.workload === 'WorkflowTemplate/churn')!.resources).toEqual({ 'nvidia.com/gpu': 1 });
    expect(fits('WorkflowTemplate/churn')).toEqual(['gpu-inference']);
  });

  test('the plan review prices everything the reference sets run idle, and bounds every GPU pool', () => {
    const estimate = estimateCost(loadSynthOutput(first), US_EAST_1_PRICES);
    expect(estimate.unpriced).toEqual([]);
    expect(estimate.idleLowerBound).toBe(false);
    expect(estimate.gpuUnbounded).toBe(false);
    // every pool has a price for every type it admits: no "at least", no "unpriced"
    expect(estimate.gpu.filter((g) => g.lowerBound || g.hourlyUsd === undefined || g.hourlyUsd === 0).map((g) => `${g.stack} ${g.nodePool}: ${g.notes.join('; ')}`)).toEqual([]);
    expect(estimate.gpuLowerBound).toBe(false);
    const pools = estimate.gpu.map((g) => `${g.stack} ${g.nodePool}`).sort();
    expect(pools).toHaveLength(14);
    expect(pools.filter((p) => p.startsWith('mlops-platform-prod-'))).toEqual([
      'mlops-platform-prod-workloads gpu-inference',
      'mlops-platform-prod-workloads gpu-mig-a100',
      'mlops-platform-prod-workloads gpu-mig-h100',
    ]);
  });

  test('the readers of synthesized output read every Helm values document as the yaml package that wrote it does', () => {
    const output = loadSynthOutput(first);
    const docs = new Set([...output.stacks.values()].flatMap((s) => [...s.resources.values()].filter((r) => r.type === 'helm_release').flatMap((r) => (r.attributes.values as string[] | undefined) ?? [])));
    expect(docs.size).toBeGreaterThan(20);
    for (const doc of docs) expect(valuesDocument(doc)).toEqual(parse(doc));
  });

  test('serving has the sklearn model on CPU from the model-data bucket and the LLM with a 10% canary, both revisions mirrored into S3', () => {
    const isvcs = workloadManifests('llm-rag-prod')
      .filter((m) => m.kind === 'InferenceService')
      .map((m) => [m.metadata.name, m.spec.predictor.model.modelFormat.name, m.spec.predictor.model.storageUri]);
    const modelData = (prefix: string) => expect.stringMatching(new RegExp(`^s3://\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-llm-rag-prod-data\\.outputs\\.cross-stack-output-aws_s3_bucketmodel-data_bucket_[A-F0-9]{8}bucket\\}/${prefix}$`));
    expect(isvcs).toEqual([
      ['llm-canary', 'huggingface', modelData('models/hub/Qwen/Qwen2\\.5-7B-Instruct-1M/main')],
      ['llm', 'huggingface', modelData('models/hub/Qwen/Qwen2\\.5-7B-Instruct/main')],
      ['sklearn', 'sklearn', modelData('models/churn/current')],
    ]);
    const mirrors = Object.values<any>(workloadsJson('llm-rag-prod').resource.kubernetes_job_v1).map((j) => j.metadata[0]?.annotations?.['mlops.cdktf.io/model-source'] ?? j.metadata.annotations?.['mlops.cdktf.io/model-source']);
    expect(mirrors.filter(Boolean).sort()).toEqual(['hf://Qwen/Qwen2.5-7B-Instruct', 'hf://Qwen/Qwen2.5-7B-Instruct-1M']);
    const route = workloadManifests('llm-rag-prod').find((m) => m.kind === 'HTTPRoute' && m.metadata.name === 'llm');
    expect(route.spec.rules[0].backendRefs.map((b: any) => b.weight)).toEqual([90, 10]);
  });

  test('the ClusterSecretStore serves only the namespaces that sync secrets', () => {
    const conditions = (set: string) =>
      workloadManifests(set)
        .find((m) => m.kind === 'ClusterSecretStore').spec.conditions;
    expect(conditions('gpu-training-dev')).toEqual([{ namespaces: ['feast', 'ml-pipelines', 'mlflow'] }]);
    const llmops = ['db-admin', 'envoy-gateway-system', 'langfuse', 'rag'];
    expect(conditions('llm-rag-dev')).toEqual([{ namespaces: [...llmops, 'models', 'vectordb'].sort() }]);
    expect(conditions('mlops-platform-prod')).toEqual([{ namespaces: [...llmops, 'feast', 'ml-pipelines', 'mlflow', 'models', 'vectordb'].sort() }]);
  });

  test('the churn pipeline: steps scoped to the churn data and the model versions prefix; Feast and MLflow admit them; no KEDA retraining left', () => {
    const cloud = stackJson('gpu-training-dev-cloud');
    const steps = Object.values<any>(cloud.resource.aws_iam_role_policy).find((p) => String(p['//']?.metadata?.path).endsWith('churn-pipeline-cloud/steps-role/policy'));
    const statements = JSON.parse(steps.policy).Statement.map((st: any) => [st.Sid, [st.Resource].flat().map((r: string) => r.replace(/^\$\{[^}]+\}/, '<bucket>'))]);
    expect(statements).toEqual([
      ['ArtifactsList', ['<bucket>']],
      ['ArtifactsObjects', ['<bucket>/argo-artifacts/churn/*']],
      ['ArtifactsKey', ['<bucket>']],
      ['Data0List', ['<bucket>']],
      ['Data0Objects', ['<bucket>/churn/*']],
      ['Data0Key', ['<bucket>']],
      ['Data1List', ['<bucket>']],
      ['Data1Objects', ['<bucket>/churn/reference/*', '<bucket>/models/churn/versions/*']],
      ['Data1Key', ['<bucket>']],
    ]);
    const associations = Object.values<any>(cloud.resource.aws_eks_pod_identity_association).map((a) => `${a.namespace}/${a.service_account}`);
    expect(associations).toEqual(expect.arrayContaining(['ml-pipelines/churn-steps', 'argo-events/churn-new-data', 'argo/argo-workflows-server']));
    expect(associations.filter((a) => a.includes('retrain'))).toEqual([]);
    expect(workloadManifests('gpu-training-dev').filter((m) => m.kind === 'ScaledJob')).toEqual([]);
    const platform = stackJson('mlops-platform-dev-platform');
    const policies = Object.values<any>(platform.resource.kubernetes_network_policy_v1);
    const ingressFrom = (name: string) => policies.find((np) => np.metadata.name === name).spec.ingress[0].from.flatMap((f: any) => f.namespace_selector?.match_expressions?.[0]?.values ?? []);
    expect(ingressFrom('feast-servers')).toEqual(['ml-pipelines', 'models']);
    expect(ingressFrom('mlflow-ingress')).toEqual(['kserve', 'ml-pipelines', 'models', 'monitoring']);
  });

  test('mlops-platform rolls the churn pipeline out to the sklearn InferenceService; gpu-training ends at register', () => {
    const template = (set: string) => workloadManifests(set).find((m) => m.kind === 'WorkflowTemplate');
    expect(template('mlops-platform-prod').spec.templates.map((t: any) => t.name)).toEqual(['pipeline', 'validate', 'train', 'evaluate', 'gate', 'register', 'canary', 'analyse', 'promote', 'rollback', 'exit-handler']);
    expect(template('gpu-training-prod').spec.templates.map((t: any) => t.name)).toEqual(['pipeline', 'validate', 'train', 'evaluate', 'gate', 'register']);
    const sensor = workloadManifests('gpu-training-prod').find((m) => m.kind === 'Sensor');
    expect(sensor.spec.dependencies.map((d: any) => d.name)).toEqual(['new-data', 'drift']);
    const isvcs = workloadManifests('mlops-platform-prod').filter((m) => m.kind === 'InferenceService').map((m) => m.metadata.name);
    expect(isvcs).toEqual(expect.arrayContaining(['sklearn', 'sklearn-canary']));
    const route = workloadManifests('mlops-platform-prod').find((m) => m.kind === 'HTTPRoute' && m.metadata.name === 'sklearn');
    expect(route.spec.rules[0].backendRefs.map((b: any) => [b.name, b.weight])).toEqual([['sklearn-predictor', 100], ['sklearn-canary-predictor', 0]]);
    // Alertmanager sends the drift alert to the Argo Events webhook
    const monitoring = Object.values<any>(stackJson('gpu-training-prod-platform').resource.helm_release).find((r) => r.chart === 'kube-prometheus-stack');
    expect(parse(monitoring.values[0]).alertmanager.config.receivers.map((r: any) => r.name)).toEqual(['null', 'argo-events']);
  });

  test('Prometheus scrapes what the alerts read: Karpenter, KServe, Envoy and the AI gateway (with serving), Feast (with training), DCGM', () => {
    const monitors = (set: string) =>
      workloadManifests(set)
        .filter((m) => m.kind === 'PodMonitor' || m.kind === 'ServiceMonitor')
        .map((m) => `${m.kind}/${m.metadata.name}`)
        .sort();
    expect(monitors('mlops-platform-prod')).toEqual([
      'PodMonitor/ai-gateway-llm',
      'PodMonitor/envoy-gateway-proxies',
      'PodMonitor/karpenter',
      'PodMonitor/kserve-model-servers',
      'ServiceMonitor/argo-workflows-controller',
      'ServiceMonitor/feast-feature-server',
      'ServiceMonitor/pushgateway',
    ]);
    expect(monitors('llm-rag-dev')).not.toContain('ServiceMonitor/feast-feature-server');
    // A set that serves no models has no model-server or proxy monitor (it would select nothing).
    expect(monitors('gpu-training-dev')).toEqual(['PodMonitor/karpenter', 'ServiceMonitor/argo-workflows-controller', 'ServiceMonitor/feast-feature-server', 'ServiceMonitor/pushgateway']);
    // the DCGM exporter's ServiceMonitor comes from the GPU operator chart, after kube-prometheus-stack
    const platform = stackJson('mlops-platform-prod-platform');
    const gpuOperator = Object.values<any>(platform.resource.helm_release).find((r) => r.chart === 'gpu-operator');
    expect(parse(gpuOperator.values[0]).dcgmExporter.serviceMonitor).toEqual({ additionalLabels: {}, enabled: true });
    expect(gpuOperator.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\.monitoring_chart_release_/)]));
  });

  test('synthesis is deterministic: a second synth of a set gives byte-identical stacks', () => {
    const second = tempDir('reference-again-');
    synthTo(second, ['mlops-platform-prod']);
    for (const layer of ['data', 'cloud', 'platform', 'workloads']) {
      const stack = `mlops-platform-prod-${layer}`;
      expect(fs.readFileSync(stackFile(second, stack), 'utf8')).toBe(fs.readFileSync(stackFile(first, stack), 'utf8'));
    }
  });

  test('no synthesized stack contains an absolute path of this machine', () => {
    for (const stack of stackNames) expect({ stack, leaks: fs.readFileSync(stackFile(first, stack), 'utf8').includes(process.cwd()) }).toEqual({ stack, leaks: false });
  });

  for (const stack of stackNames) {
    test(`snapshot: ${stack}`, () => {
      expect(fs.readFileSync(stackFile(first, stack), 'utf8')).toMatchSnapshot();
    });
  }
});

describeWiring(first);

import './data-layer.checks';
import './destroy-order.checks';
import './terraform-check.checks';
import './prepared-synth.checks';
