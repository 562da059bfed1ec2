/** Validation of a predictor's props (the stable one and, merged, the canary's). */
import { Construct } from 'constructs';
import { z } from 'zod';
import { SyncedSecret } from '../core/secrets/synced-secret';
import { Schemas } from '../core/schemas';
import { failProp, propIssues, ValidationError } from '../core/validation';
import { MODEL_FORMATS } from './constants';
import { gpuRequestSchema, LlmOptions } from './accelerators';
import { PredictorProps } from './predictor';
import { resourcesSchema } from './resources';
import { ServingRuntime } from './serving-runtime';
import { parseS3Uri, storageUriProblem } from './storage-uri';

/** What the checks need of the service props. */
interface ServiceContext {
  readonly namespace: string;
  readonly identity?: { readonly namespace: string; readonly serviceAccountName: string; readonly models: ReadonlyArray<{ readonly bucket: string; readonly prefix: string }> };
  readonly hubToken?: SyncedSecret;
}

const predictorSchema = Schemas.props<PredictorProps>()({
  modelFormat: z.enum(Object.keys(MODEL_FORMATS) as [keyof typeof MODEL_FORMATS], { message: `must be one of ${Object.keys(MODEL_FORMATS).join(', ')}; or pass a custom ServingRuntime as runtime` }).optional(),
  runtime: z.union([z.instanceof(ServingRuntime), Schemas.k8sName()], { message: 'is not a ServingRuntime or a ClusterServingRuntime name' }).optional(),
  modelFormatVersion: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'is not a model format version; use e.g. "1"' }).optional(),
  storageUri: z.string({ message: 'is required; give the model location (s3://<bucket>/<prefix>, https:// or hf://)' }),
  resources: resourcesSchema,
  gpu: gpuRequestSchema.optional(),
  llm: Schemas.props<LlmOptions>()({
    maxModelLen: Schemas.positiveInt('token count').optional(),
    dtype: z.enum(['auto', 'float16', 'bfloat16', 'float32']).optional(),
    gpuMemoryUtilization: z.number().gt(0).max(1, { message: 'must be a fraction in (0, 1]' }).optional(),
    extraArgs: z.array(z.string()).optional(),
    sharedMemory: Schemas.memory().optional(),
    startupTimeoutSeconds: z.number().int().min(60, { message: 'is under 60 seconds; LLMs need minutes to download and load' }).optional(),
  }).optional(),
  args: z.array(z.string()).optional(),
  env: Schemas.env('pass the Hugging Face token as hubToken, and other secrets through a Secret the pod reads').optional(),
  protocolVersion: z.enum(['v1', 'v2'], { message: 'must be "v1" or "v2"' }).optional(),
  image: Schemas.pinnedImage().optional(),
});

/** Throws a ValidationError for the first problem of `p`, with props named under `prefix`. */
export function checkPredictor(scope: Construct, prefix: string, p: PredictorProps, ctx: ServiceContext): void {
  const issues = propIssues(predictorSchema, p);
  if (issues.length > 0) throw new ValidationError(scope.node.path, issues.map((i) => ({ ...i, prop: i.prop === '' ? prefix : `${prefix}.${i.prop}` })));
  const at = (prop: string) => `${prefix}.${prop}`;
  if (!(p.runtime instanceof ServingRuntime) && p.modelFormat === undefined) {
    failProp(scope, at('modelFormat'), undefined, `is required; choose one of ${Object.keys(MODEL_FORMATS).join(', ')}, or pass a custom ServingRuntime as runtime`);
  }
  if (p.runtime instanceof ServingRuntime && p.runtime.namespace !== ctx.namespace) {
    failProp(scope, at('runtime'), p.runtime.runtimeName, `is a ServingRuntime in namespace "${p.runtime.namespace}"; a ServingRuntime serves only its own namespace, create it in "${ctx.namespace}"`);
  }
  const problem = storageUriProblem(p.storageUri);
  if (problem) failProp(scope, at('storageUri'), p.storageUri, problem);
  checkS3Access(scope, at('storageUri'), p.storageUri, ctx);
  if (p.gpu && (p.gpu.gpus === undefined) === (p.gpu.migProfile === undefined)) {
    failProp(scope, at('gpu'), { gpus: p.gpu.gpus, migProfile: p.gpu.migProfile }, 'must set exactly one of gpus (whole GPUs) and migProfile (MIG slices)');
  }
  if (p.gpu?.migSlices !== undefined && p.gpu.migProfile === undefined) {
    failProp(scope, at('gpu.migSlices'), p.gpu.migSlices, 'applies to MIG slices only; set migProfile or drop migSlices');
  }
  const isHuggingface = p.modelFormat === 'huggingface' && !(p.runtime instanceof ServingRuntime);
  if (p.llm && !isHuggingface) {
    failProp(scope, at('llm'), p.llm, `needs modelFormat "huggingface" (vLLM runs as the Hugging Face runtime's backend), not ${JSON.stringify(p.modelFormat)}`);
  }
  if (p.llm && p.gpu === undefined) {
    failProp(scope, at('gpu'), undefined, 'is required for an LLM (vLLM needs a GPU); request gpus or a migProfile from a GpuNodePool');
  }
  if (ctx.hubToken) {
    if (!isHuggingface) failProp(scope, 'hubToken', ctx.hubToken.secretName, 'is a Hugging Face hub token but the model format is not "huggingface"; drop hubToken');
    if (ctx.hubToken.namespace !== ctx.namespace) {
      failProp(scope, 'hubToken', ctx.hubToken.secretName, `is a Secret in namespace "${ctx.hubToken.namespace}"; pods read Secrets of their own namespace only, sync it into "${ctx.namespace}"`);
    }
  }
}

function checkS3Access(scope: Construct, prop: string, uri: string, ctx: ServiceContext): void {
  if (!uri.startsWith('s3://')) return;
  const id = ctx.identity;
  if (!id) failProp(scope, prop, uri, 'is in S3 but the service has no identity; pass identity (an InferenceServiceIdentity in the cloud layer that grants read on this prefix)');
  if (id.namespace !== ctx.namespace) {
    failProp(scope, 'identity', id.serviceAccountName, `is bound to namespace "${id.namespace}" but the service runs in "${ctx.namespace}"; create the identity for namespace "${ctx.namespace}"`);
  }
  const loc = parseS3Uri(uri);
  if (!loc) return; // a Terraform reference: checked by IAM at run time
  const covered = id.models.some((m) => m.bucket === loc.bucket && (loc.prefix === m.prefix || loc.prefix.startsWith(`${m.prefix}/`)));
  if (!covered) {
    const granted = id.models.map((m) => `s3://${m.bucket}/${m.prefix}`).join(', ');
    failProp(scope, prop, uri, `is not readable by the service's identity (it grants ${granted}); add this prefix to the InferenceServiceIdentity's models`);
  }
}
