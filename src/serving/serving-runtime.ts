/**
 * `ServingRuntime` (workloads layer): a namespaced KServe `ServingRuntime` for a model server the
 * cluster runtimes do not cover (a custom image). An `InferenceService` uses it by passing it as
 * `runtime`; `autoSelect` is off, so only services that name it use it.
 *
 * @see https://kserve.github.io/website/docs/concepts/resources/servingruntime
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { requireLayer } from '../core/layers/mlops-stack';
import { k8sName } from '../core/naming';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { PinnedImage } from '../core/versions';
import { KSERVE_CONTAINER_NAME, KSERVE_RUNTIME_API_VERSION, MODEL_SERVER_CONTAINER_PORT, SERVING_KINDS } from './constants';
import { containerResources, MODEL_CONTAINER_SECURITY, PredictorResources, resourcesSchema } from './resources';

/** Props of {@link ServingRuntime}. */
export interface ServingRuntimeProps {
  /** Namespace (the InferenceServices that use it must be in the same one). */
  readonly namespace: string;
  /**
   * Name of the runtime.
   * @default - the construct id as a Kubernetes name
   */
  readonly name?: string;
  /** The model server image, pinned by tag. */
  readonly image: PinnedImage;
  /** Model format name the runtime serves (what InferenceServices put in `modelFormat.name`). */
  readonly modelFormat: string;
  /**
   * Model format version.
   * @default - any
   */
  readonly modelFormatVersion?: string;
  /**
   * Container args (`{{.Name}}` is replaced by KServe with the InferenceService name).
   * @default - none
   */
  readonly args?: readonly string[];
  /**
   * Container command.
   * @default - the image entrypoint
   */
  readonly command?: readonly string[];
  /** Default requests/limits (an InferenceService's own resources override them). */
  readonly resources: PredictorResources;
  /**
   * Inference protocols the server speaks.
   * @default ['v2']
   */
  readonly protocolVersions?: ReadonlyArray<'v1' | 'v2' | 'grpc-v2'>;
  /**
   * Container port of the HTTP endpoint (declared as `http1`, the name Knative mode requires). The
   * model-server PodMonitor of `InferenceMetricsMonitors` scrapes `/metrics` on 8080 only.
   * @default 8080
   */
  readonly port?: number;
}

const schema = Schemas.props<ServingRuntimeProps>()({
  namespace: Schemas.k8sName(),
  name: Schemas.k8sName().optional(),
  image: Schemas.pinnedImage(),
  modelFormat: z.string().regex(/^[a-zA-Z0-9][\w.-]*$/, { message: 'is not a model format name; use letters, digits, ".", "_" and "-"' }),
  modelFormatVersion: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'is not a model format version; use e.g. "1"' }).optional(),
  args: z.array(z.string()).optional(),
  command: z.array(z.string()).min(1, { message: 'is empty; give the command or leave it out for the image entrypoint' }).optional(),
  resources: resourcesSchema,
  protocolVersions: z.array(z.enum(['v1', 'v2', 'grpc-v2'], { message: 'must be "v1", "v2" or "grpc-v2"' })).min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
});

/** A namespaced KServe ServingRuntime for a custom model server. */
export class ServingRuntime extends Construct {
  public readonly manifest: KubernetesManifest;
  /** Name of the runtime (`predictor.model.runtime`). */
  public readonly runtimeName: string;
  public readonly namespace: string;
  /** Model format it serves (`predictor.model.modelFormat.name`). */
  public readonly modelFormat: string;

  constructor(scope: Construct, id: string, props: ServingRuntimeProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'ServingRuntime');
    this.runtimeName = props.name ?? k8sName(id);
    this.namespace = props.namespace;
    this.modelFormat = props.modelFormat;
    const container: Record<string, unknown> = {
      name: KSERVE_CONTAINER_NAME,
      image: `${props.image.repository}:${props.image.tag}`,
      ...(props.command ? { command: [...props.command] } : {}),
      ...(props.args ? { args: [...props.args] } : {}),
      ports: [{ ...MODEL_SERVER_CONTAINER_PORT, containerPort: props.port ?? MODEL_SERVER_CONTAINER_PORT.containerPort }],
      resources: containerResources(props.resources),
      securityContext: structuredClone(MODEL_CONTAINER_SECURITY),
    };
    this.manifest = new KubernetesManifest(this, 'runtime', {
      manifest: {
        apiVersion: KSERVE_RUNTIME_API_VERSION,
        kind: SERVING_KINDS.servingRuntime,
        metadata: { name: this.runtimeName, namespace: this.namespace },
        spec: {
          supportedModelFormats: [
            { name: props.modelFormat, autoSelect: false, ...(props.modelFormatVersion ? { version: props.modelFormatVersion } : {}) },
          ],
          protocolVersions: [...(props.protocolVersions ?? ['v2'])],
          containers: [container],
        },
      },
    });
  }
}
