import { mirrorPath, ModelMirror } from '../../src/llmops/warm-start/model-mirror';
import { policy, resourceList } from '../helpers/synth';
import { DATA_BUCKET, llmFixture } from './fixture';

const f = llmFixture();

describe('ModelMirror (warm starts)', () => {
  test('the weights are copied once into the bucket; the InferenceService reads that prefix', () => {
    expect(mirrorPath('hf://Qwen/Qwen2.5-7B-Instruct')).toBe('Qwen/Qwen2.5-7B-Instruct/main/');
    expect(f.mirror.storageUri).toBe('s3://acme-data/models/hub/Qwen/Qwen2.5-7B-Instruct/a09a354');
    expect(f.mirror.location).toEqual({ bucket: 'acme-data', prefix: 'models/hub/Qwen/Qwen2.5-7B-Instruct/a09a354' });
    const stable = resourceList(f.workloadsJson(), 'kubernetes_manifest').find((r) => r.manifest.kind === 'InferenceService' && r.manifest.metadata.name === 'llm').manifest;
    expect(stable.spec.predictor.model.storageUri).toBe(f.mirror.storageUri);
  });

  test('the Job: storage initializer downloads from the hub, the AWS CLI uploads; Terraform waits for it', () => {
    const job = resourceList(f.workloadsJson(), 'kubernetes_job_v1').find((j) => j.metadata.name.startsWith('mirror-'));
    expect(job.metadata.name).toMatch(/^mirror-[0-9a-f]{10}$/);
    expect(job.wait_for_completion).toBe(true);
    const pod = job.spec.template.spec;
    expect(pod.service_account_name).toBe('model-mirror');
    expect(pod.init_container[0]).toMatchObject({ image: 'kserve/storage-initializer:v0.20.0', args: ['hf://Qwen/Qwen2.5-7B-Instruct:a09a354', '/mnt/models'] });
    expect(pod.container[0].image).toBe('amazon/aws-cli:2.32.8');
    expect(pod.container[0].command).toEqual(['aws', 's3', 'sync', '/mnt/models', 's3://acme-data/models/hub/Qwen/Qwen2.5-7B-Instruct/a09a354/', '--exclude', '.cache/*', '--only-show-errors', '--no-progress']);
    expect(pod.volume.find((v: any) => v.name === 'weights')).toEqual({ name: 'weights', empty_dir: { size_limit: '40Gi' } });
  });

  test('the mirror role reads and writes under models/hub/ only; the LLM reads only its revision', () => {
    const docs = resourceList(f.cloudJson(), 'aws_iam_role_policy').map((p) => policy(p.policy));
    const mirror = docs.find((d) => d.Statement[0].Sid === 'MirrorList');
    expect(mirror.Statement[1].Resource).toBe(`${DATA_BUCKET.bucketArn}/models/hub/*`);
    const llm = docs.find((d) => d.Statement.some((s: any) => s.Sid === 'ModelObjects0'));
    expect(llm.Statement.find((s: any) => s.Sid === 'ModelObjects0').Resource).toBe('arn:aws:s3:::acme-data/models/hub/Qwen/Qwen2.5-7B-Instruct/a09a354/*');
  });

  test('refuses a source that is not a Hugging Face model', () => {
    const scope = f.mirror.node.scope!;
    const identity = { namespace: 'models', prefix: 'models/hub/', bucketName: 'acme-data', region: 'us-east-1' } as never;
    expect(() => new ModelMirror(scope, 'bad', { identity, source: 's3://bucket/model' })).toThrow('test-workloads/bad: source = "s3://bucket/model" is not a Hugging Face model; use "hf://org/model" or "hf://org/model:revision"');
  });
});
