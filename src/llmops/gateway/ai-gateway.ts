/**
 * `AiGateway` (platform layer): Envoy AI Gateway v1.1.0 — its CRDs (`CHARTS.aiGatewayCrds`) and its
 * controller (`CHARTS.aiGateway`) in `envoy-ai-gateway-system`, on the system nodes. The controller
 * is Envoy Gateway's extension server (it rewrites the xDS of routes made from `AIGatewayRoute`s)
 * and a mutating webhook that adds the AI gateway's external processor (token counting, model
 * routing, GenAI metrics) to Envoy's proxy pods. Envoy Gateway must run with the AI gateway's
 * settings: `EnvoyGateway({ aiGateway: aiGatewayEnvoyGatewaySettings(...) })` (see
 * `envoy-gateway-settings.ts`).
 *
 * Values: the tenant header becomes a label of the GenAI metrics (`metricsRequestHeaderAttributes:
 * "x-tenant-id:tenant.id"`, label `tenant_id`), so token usage is visible per tenant; the webhook's
 * certificate is issued by cert-manager when `certManager` (the chart's embedded self-signed
 * certificate is "not recommended for production"); two controller replicas with a
 * PodDisruptionBudget in prod.
 *
 * ## Compatibility with Envoy Gateway v1.9.0
 * v1.1.0 is tested upstream with Envoy Gateway v1.8.1 ("v1.8.1+" in its compatibility matrix).
 * The library keeps v1.9.0 (what KServe's serving gateway runs on) and relies only on what v1.9.0
 * leaves unchanged; `test/contract/llm-gateway.contract.test.ts` pins each condition:
 * - the extension server contract: upstream's own bump to v1.9.0 (envoyproxy/ai-gateway commit
 *   ba07c2f, after v1.1.0) says it "gains one additive field … the service definition is unchanged";
 * - `mergeBackends` (new in v1.9, on `EnvoyProxy`) stays off — with it on, the AI gateway's backend
 *   resolution breaks (envoyproxy/ai-gateway PR #2507); no `EnvoyProxy` of the library sets it;
 * - v1.9 moved *shared* global rate-limit rules to `typedPerFilterConfig`: the token budgets use
 *   unshared rules only, and no `QuotaPolicy` (whose rate-limit patching could be affected);
 * - v1.9's other breaking changes (DNS clusters through the `envoy.cluster.dns` extension, JWT
 *   provider names, Lua off by default, the shared system CA secret) touch extension servers that
 *   read or patch those fields; the AI gateway's cluster hook (v1.1.0
 *   `internal/extensionserver/post_translate_modify.go` `maybeModifyCluster`) reads only a cluster's
 *   name, load assignment and metadata (and handles a missing load assignment), and `LlmGateway`
 *   creates only `Backend`s with one plain-HTTP hostname endpoint (no TLS, no JWT, no Lua).
 */
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { systemNodeSelector } from '../../core/labels';
import { HelmChart } from '../../core/helm-chart';
import { requireLayer } from '../../core/layers/mlops-stack';
import { PlainObject } from '../../core/merge';
import { ContainerResources, containerResourcesSchema, resourcesBlock } from '../../core/pod-security';
import { byPreset, Preset, presetSchema } from '../../core/presets';
import { Schemas } from '../../core/schemas';
import { validateProps } from '../../core/validation';
import { CHARTS } from '../../core/versions';
import { AI_GATEWAY_DEFAULTS, LLM_GATEWAY_HEADERS } from './constants';

/** Default requests/limits of the controller. */
export const AI_GATEWAY_CONTROLLER_RESOURCES: ContainerResources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } };

/** Props of {@link AiGateway}. */
export interface AiGatewayProps {
  /** `dev`: one controller; `prod`: two with a PodDisruptionBudget. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Issue the webhook's certificate with cert-manager (installed by `KServe`; pass its release in
   * `dependsOn`). Without it the chart's embedded self-signed certificate is used.
   * @default true
   */
  readonly certManager?: boolean;
  /** Node selector of the controller (`kubernetes.io/os: linux` is always added). @default { 'mlops.cdktf.io/node-role': 'system' } */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Requests/limits of the controller. @default AI_GATEWAY_CONTROLLER_RESOURCES */
  readonly resources?: ContainerResources;
  /** Helm value overrides of the controller chart (keys must exist in it). @default - none */
  readonly overrides?: PlainObject;
  /** What the releases wait for: Envoy Gateway's release (and cert-manager's). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

const schema = Schemas.props<AiGatewayProps>()({
  preset: presetSchema.optional(),
  certManager: z.boolean().optional(),
  nodeSelector: Schemas.labels().optional(),
  resources: containerResourcesSchema.optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** The controller chart's values (before overrides). */
export function aiGatewayValues(props: AiGatewayProps = {}): PlainObject {
  const ha = byPreset(props.preset, { dev: false, prod: true });
  return {
    controller: {
      replicaCount: ha ? 2 : 1,
      podDisruptionBudget: { enabled: ha },
      resources: resourcesBlock(props.resources ?? AI_GATEWAY_CONTROLLER_RESOURCES) as unknown as PlainObject,
      nodeSelector: systemNodeSelector(props.nodeSelector),
      metricsRequestHeaderAttributes: `${LLM_GATEWAY_HEADERS.tenant}:tenant.id`,
      logFormat: 'json',
      ...(props.certManager ?? true ? { mutatingWebhook: { certManager: { enable: true } } } : {}),
    },
    extProc: { logFormat: 'json' },
  };
}

/** Envoy AI Gateway's CRDs and controller. */
export class AiGateway extends Construct {
  public readonly crds: HelmChart;
  public readonly controller: HelmChart;
  public readonly namespace: string = AI_GATEWAY_DEFAULTS.namespace;

  constructor(scope: Construct, id: string, props: AiGatewayProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'AiGateway');
    this.crds = new HelmChart(this, 'crds', {
      chart: CHARTS.aiGatewayCrds,
      releaseName: AI_GATEWAY_DEFAULTS.crdsReleaseName,
      namespace: this.namespace,
      createNamespace: true,
      dependsOn: props.dependsOn,
    });
    this.controller = new HelmChart(this, 'controller', {
      chart: CHARTS.aiGateway,
      releaseName: AI_GATEWAY_DEFAULTS.releaseName,
      namespace: this.namespace,
      values: aiGatewayValues(props),
      overrides: props.overrides,
      dependsOn: [this.crds.release, ...(props.dependsOn ?? [])],
    });
  }
}
