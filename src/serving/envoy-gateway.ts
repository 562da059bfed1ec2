/**
 * `EnvoyGateway` (platform layer): Envoy Gateway, the Gateway API implementation that routes to
 * InferenceServices in Standard mode (weighted canary splits, request mirroring, exposure). Its
 * chart (`CHARTS.envoyGateway`, v1.9.0, built against Gateway API v1.6.1 — the version of the CRDs
 * in the upstream contract data) installs the Gateway API standard CRDs and Envoy Gateway's own.
 * The Gateway, GatewayClass and EnvoyProxy are custom resources: `ServingGateway` (workloads layer).
 *
 * Values set here are keys of the chart's `values.tmpl.yaml` at v1.9.0 (`deployment.replicas`,
 * `deployment.pod.nodeSelector`, `deployment.envoyGateway.resources`, `podDisruptionBudget.minAvailable`,
 * and with `aiGateway` fields of `config.envoyGateway`), checked against ../shared/upstream/charts/gateway-helm
 * by the contract tests.
 *
 * @see https://gateway.envoyproxy.io/docs/install/install-helm/
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { HelmChart } from '../core/helm-chart';
import { requireLayer } from '../core/layers/mlops-stack';
import { PlainObject } from '../core/merge';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { CHARTS } from '../core/versions';
import { deepMerge } from '../core/merge';
import { systemNodeSelector } from '../core/labels';
import { EnvoyGatewayAiSettings, envoyGatewayAiValues } from './envoy-gateway-extensions';

/** Where Envoy Gateway is installed. */
export const ENVOY_GATEWAY_DEFAULTS = {
  namespace: 'envoy-gateway-system',
  releaseName: 'envoy-gateway',
  /** `controllerName` a GatewayClass names to be handled by Envoy Gateway. */
  controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
} as const;

/** Props of {@link EnvoyGateway}. */
export interface EnvoyGatewayProps {
  /** `dev`: one controller replica; `prod`: two with a PodDisruptionBudget. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Node selector of the controller.
   * @default { 'mlops.cdktf.io/node-role': 'system' } (plus `kubernetes.io/os: linux`)
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Run with Envoy AI Gateway (its extension server, the Backend API, and optionally global rate
   * limiting on Redis for token budgets); see `envoy-gateway-extensions.ts`.
   * @default - without
   */
  readonly aiGateway?: EnvoyGatewayAiSettings;
  /** Helm value overrides. @default - none */
  readonly overrides?: PlainObject;
}

const port = z.number().int().min(1).max(65535, { message: 'is not a TCP port; use 1-65535' });

const schema = Schemas.props<EnvoyGatewayProps>()({
  preset: presetSchema.optional(),
  nodeSelector: Schemas.labels().optional(),
  aiGateway: Schemas.props<EnvoyGatewayAiSettings>()({
    extensionServer: Schemas.object({ hostname: Schemas.dnsSubdomain(), port }),
    rateLimitRedis: Schemas.object({
      host: z.string().min(1, { message: 'is empty; give the Redis endpoint (ManagedRedis.primaryEndpoint)' }),
      port,
      passwordSecret: Schemas.object({ name: Schemas.dnsSubdomain(), key: Schemas.secretKey() }),
    }).optional(),
  }).optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

/** Envoy Gateway controller and the Gateway API CRDs. */
export class EnvoyGateway extends Construct {
  public readonly chart: HelmChart;
  public readonly namespace: string;
  public readonly controllerName: string = ENVOY_GATEWAY_DEFAULTS.controllerName;

  constructor(scope: Construct, id: string, props: EnvoyGatewayProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'EnvoyGateway');
    this.namespace = ENVOY_GATEWAY_DEFAULTS.namespace;
    this.chart = new HelmChart(this, 'chart', {
      chart: CHARTS.envoyGateway,
      releaseName: ENVOY_GATEWAY_DEFAULTS.releaseName,
      namespace: this.namespace,
      createNamespace: true,
      values: envoyGatewayValues(props),
      overrides: props.overrides,
    });
  }
}

/** The chart values (before overrides). */
export function envoyGatewayValues(props: EnvoyGatewayProps = {}): PlainObject {
  const ha = byPreset(props.preset, { dev: false, prod: true });
  const base: PlainObject = {
    deployment: {
      replicas: ha ? 2 : 1,
      pod: { nodeSelector: systemNodeSelector(props.nodeSelector) },
      envoyGateway: { resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1024Mi' } } },
    },
    podDisruptionBudget: { minAvailable: ha ? 1 : 0 },
  };
  return props.aiGateway ? deepMerge(base, envoyGatewayAiValues(props.aiGateway)) : base;
}
