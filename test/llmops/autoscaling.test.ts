import { GpuNodePool } from '../../src/compute/gpu-node-pool';
import { InferenceService, InferenceServiceProps } from '../../src/serving/inference-service';
import { activationQuery, kvCacheQuery, queueDepthQuery } from '../../src/serving/llm-autoscaling';
import { ServingGateway } from '../../src/serving/serving-gateway';
import { resourceList, synth, testApp, workloadsStack } from '../helpers/synth';
import { llmFixture, PROMETHEUS } from './fixture';

const isvcs = (json: any) => resourceList(json, 'kubernetes_manifest').map((r) => r.manifest).filter((m) => m.kind === 'InferenceService');

describe('LLM autoscaling (KServe + KEDA on vLLM metrics)', () => {
  const f = llmFixture();

  test('the stable InferenceService gets autoscalerClass keda and the queue and KV-cache triggers; the canary stays fixed', () => {
    const [stable, canary] = ['llm', 'llm-canary'].map((n) => isvcs(f.workloadsJson()).find((m) => m.metadata.name === n));
    expect(stable.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('keda');
    expect(stable.spec.predictor).toMatchObject({ minReplicas: 1, maxReplicas: 4 });
    expect(stable.spec.predictor.scaleMetric).toBeUndefined();
    expect(stable.spec.predictor.autoScaling).toEqual({
      metrics: [
        { type: 'External', external: { metric: { backend: 'prometheus', serverAddress: PROMETHEUS, query: 'sum(vllm:num_requests_waiting{namespace="models", pod=~"llm-predictor-.*"})' }, target: { type: 'Value', value: '4' } } },
        { type: 'External', external: { metric: { backend: 'prometheus', serverAddress: PROMETHEUS, query: 'sum(vllm:kv_cache_usage_perc{namespace="models", pod=~"llm-predictor-.*"})' }, target: { type: 'Value', value: '0.8' } } },
      ],
      behavior: { scaleUp: { stabilizationWindowSeconds: 0 }, scaleDown: { stabilizationWindowSeconds: 600 } },
    });
    expect(canary.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('none');
    expect(canary.spec.predictor.autoScaling).toBeUndefined();
  });

  test('queries select the service\'s own predictor pods, not its canary\'s', () => {
    expect(queueDepthQuery('llm', 'models')).toBe('sum(vllm:num_requests_waiting{namespace="models", pod=~"llm-predictor-.*"})');
    expect(kvCacheQuery('a', 'b')).toBe('sum(vllm:kv_cache_usage_perc{namespace="b", pod=~"a-predictor-.*"})');
    expect(activationQuery(['llm', 'ai'], 'models')).toBe('sum(rate(envoy_cluster_upstream_cx_none_healthy{envoy_cluster_name=~"httproute/models/(ai|llm)/rule/.*"}[2m]))');
  });

  test('the InferenceService waits for the weight mirror', () => {
    const stable = resourceList(f.workloadsJson(), 'kubernetes_manifest').find((r) => r.manifest.kind === 'InferenceService' && r.manifest.metadata.name === 'llm');
    expect(stable.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^kubernetes_job_v1\.mirror_job_/)]));
  });
});

describe('scale to zero and refusals', () => {
  function service(props: Partial<InferenceServiceProps>, withGateway = true): { json: () => any; scope: ReturnType<typeof workloadsStack> } {
    const app = testApp();
    const ws = workloadsStack(app);
    const pool = new GpuNodePool(ws, 'gpu-mig', { karpenter: { nodeRoleName: 'n' }, instanceTypes: ['p5.4xlarge'], limits: { gpu: 1 }, mig: { configName: 'h100-3g40', gpu: 'H100-80GB', layout: { '3g.40gb': 2 } } });
    const gateway = withGateway ? new ServingGateway(ws, 'gw', { routeNamespaces: ['models'] }) : undefined;
    new InferenceService(ws, 'llm', {
      namespace: 'models',
      gateway,
      minReplicas: 1,
      maxReplicas: 2,
      llmAutoscaling: { prometheusUrl: PROMETHEUS },
      predictor: { modelFormat: 'huggingface', storageUri: 'hf://Qwen/Qwen2.5-7B-Instruct', resources: { requests: { cpu: '4', memory: '24Gi' }, limits: { cpu: '8', memory: '32Gi' } }, gpu: { pool, migProfile: '3g.40gb' }, llm: { maxModelLen: 8192 } },
      ...props,
    } as InferenceServiceProps);
    return { json: () => synth(ws), scope: ws };
  }

  test('minReplicas 0 adds an activation trigger on the gateway requests that found no ready pod', () => {
    const { json } = service({ minReplicas: 0, llmAutoscaling: { prometheusUrl: PROMETHEUS, activationRoutes: ['llm-ai'] } });
    const [isvc] = isvcs(json());
    expect(isvc.spec.predictor.minReplicas).toBe(0);
    expect(isvc.spec.predictor.autoScaling.metrics[2]).toEqual({
      type: 'External',
      external: { metric: { backend: 'prometheus', serverAddress: PROMETHEUS, query: 'sum(rate(envoy_cluster_upstream_cx_none_healthy{envoy_cluster_name=~"httproute/models/(llm|llm-ai)/rule/.*"}[2m]))' }, target: { type: 'Value', value: '1' } },
    });
  });

  test('minReplicas 0 with nothing to wake it is refused', () => {
    expect(() => service({ minReplicas: 0 }, false)).toThrow('test-workloads/llm: minReplicas = 0 scales to zero, but nothing could wake the service: vLLM exports no metrics without a pod; give the service a gateway or llmAutoscaling.activationRoutes (e.g. its AI gateway route)');
  });

  test('a pool that cannot hold maxReplicas is a warning naming the limit', () => {
    const { scope } = service({ maxReplicas: 3 });
    const warnings = scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
    expect(warnings).toContain('maxReplicas 3 needs 3 nvidia.com/mig-3g.40gb, but pool gpu-mig is limited to 2: replicas above 2 stay Pending; raise the pool\'s limits or lower maxReplicas');
  });

  test('refuses it with HPA autoscaling, on a non-LLM predictor, without room to scale, and with a bad target', () => {
    expect(() => service({ autoscaling: { metric: 'cpu', targetUtilization: 70 } })).toThrow('test-workloads/llm: autoscaling = {"metric":"cpu","targetUtilization":70} is set together with llmAutoscaling; a predictor has one autoscaler: keep one of them');
    expect(() => service({ maxReplicas: 1 })).toThrow('test-workloads/llm: llmAutoscaling = "set" has no room to scale (minReplicas = maxReplicas = 1); set maxReplicas above minReplicas or drop llmAutoscaling');
    expect(() => service({ llmAutoscaling: { prometheusUrl: PROMETHEUS, targetKvCacheUsage: 1.2 } })).toThrow('test-workloads/llm: llmAutoscaling.targetKvCacheUsage = 1.2 must be below 1; give the KV-cache usage (0–1) per replica to keep, e.g. 0.8');
    expect(() => service({ predictor: { modelFormat: 'sklearn', storageUri: 's3://b/models/x', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } } })).toThrow('llmAutoscaling = "set" reads vLLM metrics, but the predictor is not an LLM (predictor.llm); drop llmAutoscaling or use autoscaling');
  });
});
