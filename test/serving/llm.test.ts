import { existingSecret } from '../../src/core/secrets/secret-source';
import { SecretStore } from '../../src/core/secrets/secret-store';
import { SyncedSecret } from '../../src/core/secrets/synced-secret';
import { InferenceService, InferenceServiceProps } from '../../src/serving/inference-service';
import { resourceAt, synth } from '../helpers/synth';
import { migPool, stacks, wholeGpuPool } from './fixture';

const LLM_RESOURCES = { requests: { cpu: '4', memory: '32Gi' }, limits: { cpu: '8', memory: '48Gi' } };

function llmProps(pool: any, overrides: Partial<InferenceServiceProps['predictor']> = {}): InferenceServiceProps {
  return {
    namespace: 'models',
    minReplicas: 1,
    predictor: {
      modelFormat: 'huggingface',
      storageUri: 'hf://Qwen/Qwen2.5-7B-Instruct',
      resources: LLM_RESOURCES,
      gpu: { pool, migProfile: '3g.40gb' },
      llm: { maxModelLen: 8192, dtype: 'bfloat16' },
      ...overrides,
    },
  };
}

describe('LLM serving with vLLM on a MIG slice', () => {
  test('vLLM args, MIG resources, pool tolerations and selector, shared memory, long startup probe, GPU image', () => {
    const { workloads } = stacks();
    const pool = migPool(workloads);
    new InferenceService(workloads, 'llm', llmProps(pool));
    const predictor = resourceAt(synth(workloads), 'kubernetes_manifest', 'llm/inference-service').manifest.spec.predictor;
    expect(predictor.model.image).toBe('kserve/huggingfaceserver:v0.20.0-gpu');
    expect(predictor.model.runtime).toBe('kserve-huggingfaceserver');
    expect(predictor.model.args).toEqual(['--backend=vllm', '--dtype=bfloat16', '--tensor-parallel-size=1', '--max_model_len=8192']);
    expect(predictor.model.resources).toEqual({
      requests: { cpu: '4', memory: '32Gi', 'nvidia.com/mig-3g.40gb': '1' },
      limits: { cpu: '8', memory: '48Gi', 'nvidia.com/mig-3g.40gb': '1' },
    });
    expect(predictor.nodeSelector).toEqual(pool.nodeSelector);
    expect(predictor.nodeSelector).toEqual({ 'mlops.cdktf.io/gpu-pool': 'gpu-mig' });
    expect(predictor.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    expect(predictor.volumes).toEqual([{ name: 'devshm', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } }]);
    expect(predictor.model.volumeMounts).toEqual([{ name: 'devshm', mountPath: '/dev/shm' }]);
    expect(predictor.model.startupProbe).toEqual({ httpGet: { path: '/v2/health/ready', port: 8080 }, periodSeconds: 30, failureThreshold: 60, timeoutSeconds: 10 });
    expect(predictor.model.livenessProbe.httpGet).toEqual({ path: '/v2/health/live', port: 8080 });
  });

  test('tensor parallel size is the number of GPUs of the pod', () => {
    const { workloads } = stacks();
    const pool = wholeGpuPool(workloads);
    new InferenceService(workloads, 'llm', llmProps(pool, { gpu: { pool, gpus: 2 }, llm: { startupTimeoutSeconds: 3600 } }));
    const model = resourceAt(synth(workloads), 'kubernetes_manifest', 'llm/inference-service').manifest.spec.predictor.model;
    expect(model.args).toEqual(['--backend=vllm', '--dtype=auto', '--tensor-parallel-size=2']);
    expect(model.resources.limits['nvidia.com/gpu']).toBe('2');
    expect(model.startupProbe.failureThreshold).toBe(120);
  });

  test('a GPU request no pool serves fails with the scheduling contract reason', () => {
    const { workloads } = stacks();
    const pool = wholeGpuPool(workloads);
    expect(() => new InferenceService(workloads, 'llm', llmProps(pool))).toThrow(
      'test-workloads/llm: InferenceService llm (requests nvidia.com/mig-3g.40gb=1 per pod) cannot be scheduled on any GPU node pool:\n' +
        '  - pool "gpu-whole": MIG profile 3g.40gb (nvidia.com/mig-3g.40gb) is not offered (the pool offers nvidia.com/gpu)',
    );
  });

  test('a GPU request before any pool exists says to create the pool first', () => {
    const { workloads } = stacks();
    const pool = { nodePoolName: 'ghost', tolerations: [], nodeSelector: {}, offer: { nodePool: 'ghost', labels: {}, taints: [], instances: [], limits: {} } };
    expect(() => new InferenceService(workloads, 'llm', llmProps(pool))).toThrow(
      'test-workloads/llm: InferenceService llm requests nvidia.com/mig-3g.40gb=1 per pod but no GpuNodePool is registered for this cluster; create the GpuNodePool before the workload',
    );
  });

  test('vLLM needs the huggingface format and a GPU; gpu needs exactly one of gpus and migProfile', () => {
    const { workloads } = stacks();
    const pool = migPool(workloads);
    expect(() => new InferenceService(workloads, 'a', llmProps(pool, { modelFormat: 'sklearn' }))).toThrow(
      'test-workloads/a: predictor.llm = {"maxModelLen":8192,"dtype":"bfloat16"} needs modelFormat "huggingface" (vLLM runs as the Hugging Face runtime\'s backend), not "sklearn"',
    );
    expect(() => new InferenceService(workloads, 'b', llmProps(pool, { gpu: undefined }))).toThrow(
      'test-workloads/b: predictor.gpu = (missing) is required for an LLM (vLLM needs a GPU); request gpus or a migProfile from a GpuNodePool',
    );
    expect(() => new InferenceService(workloads, 'c', llmProps(pool, { gpu: { pool, gpus: 1, migProfile: '3g.40gb' } }))).toThrow(
      'test-workloads/c: predictor.gpu = {"gpus":1,"migProfile":"3g.40gb"} must set exactly one of gpus (whole GPUs) and migProfile (MIG slices)',
    );
    expect(() => new InferenceService(workloads, 'd', llmProps(pool, { gpu: { pool, migProfile: '3g' } }))).toThrow(
      'test-workloads/d: predictor.gpu.migProfile = "3g" is not a MIG profile; use e.g. "3g.40gb"',
    );
  });

  test('the hub token comes from a synced Secret, never a literal', () => {
    const { workloads } = stacks();
    const pool = migPool(workloads);
    const store = new SecretStore(workloads, 'store');
    const token = new SyncedSecret(workloads, 'hf-token', {
      store,
      namespace: 'models',
      source: existingSecret({ secretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:hf-token-AbCdEf' }),
      valueKey: 'HF_TOKEN',
    });
    new InferenceService(workloads, 'llm', { ...llmProps(pool), hubToken: token });
    const json = synth(workloads);
    const isvc = resourceAt(json, 'kubernetes_manifest', 'llm/inference-service');
    expect(isvc.manifest.spec.predictor.model.env).toEqual([{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token', key: 'HF_TOKEN' } } }]);
    expect(resourceAt(json, 'kubernetes_service_account_v1', 'llm/service-account').secret).toEqual([{ name: 'hf-token' }]);
    expect(isvc.depends_on).toEqual(['kubernetes_service_account_v1.llm_service-account_F1BE7814', 'kubernetes_manifest.hf-token_external-secret_8564EAFE']);
    expect(JSON.stringify(json)).not.toMatch(/hf_[A-Za-z0-9]{20,}/);
  });
});
