/**
 * `ServingGateway` (workloads layer): the Gateway InferenceServices are reached through in Standard
 * mode — an Envoy Gateway `EnvoyProxy` (how the proxy runs and how its Service is exposed), a
 * `GatewayClass` and a `Gateway` with one listener. `InferenceService` attaches an `HTTPRoute` to
 * it: one backend normally, two weighted backends during a canary, a mirror for shadow traffic.
 *
 * Exposure:
 * - `cluster` (default): the proxy Service is `ClusterIP`, reachable only inside the cluster at
 *   `http://<serviceName>.<namespace>.svc` with `Host: <service>.<namespace>.<domain>`;
 * - `internal-load-balancer`: a `LoadBalancer` Service with `loadBalancerClass: service.k8s.aws/nlb`
 *   and scheme `internal` — an internal NLB made by the AWS Load Balancer Controller (which must
 *   run in the cluster; without it no load balancer is created, never a public one).
 * With `tls`, the listener is HTTPS on 443 with the certificate from a Kubernetes TLS Secret in the
 * Gateway's namespace (e.g. issued by cert-manager or synced by a `SyncedSecret`).
 *
 * @see https://gateway.envoyproxy.io/docs/tasks/operations/customize-envoyproxy/
 */
import { Construct } from 'constructs';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { z } from 'zod';
import { systemNodeSelector } from '../core/labels';
import { requireLayer } from '../core/layers/mlops-stack';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { Schemas } from '../core/schemas';
import { validateProps } from '../core/validation';
import { ENVOY_GATEWAY_API_VERSION, GATEWAY_API_VERSION, SERVING_KINDS } from './constants';
import { ENVOY_GATEWAY_DEFAULTS } from './envoy-gateway';

/** How the gateway is reachable. */
export type GatewayExposure = 'cluster' | 'internal-load-balancer';

/** What an InferenceService needs of a gateway to attach its HTTPRoute. */
export interface IServingGateway {
  readonly gatewayName: string;
  readonly gatewayNamespace: string;
  /** Name of the listener routes attach to. */
  readonly listenerName: string;
  /** Namespaces whose routes the listener accepts. */
  readonly routeNamespaces: readonly string[];
  /** Host name of an InferenceService behind the gateway. */
  hostnameFor(serviceName: string, namespace: string): string;
}

/** Props of {@link ServingGateway}. */
export interface ServingGatewayProps {
  /** Namespaces whose HTTPRoutes may attach (the InferenceService namespaces). */
  readonly routeNamespaces: readonly string[];
  /** @default 'cluster' */
  readonly exposure?: GatewayExposure;
  /**
   * DNS domain of the services: a service is `<name>.<namespace>.<domain>`.
   * @default 'serving.internal'
   */
  readonly domain?: string;
  /**
   * Serve HTTPS with the certificate in this TLS Secret (namespace of the gateway).
   * @default - plain HTTP (cluster-internal traffic)
   */
  readonly tls?: { readonly certificateSecretName: string };
  /**
   * Accept every host name on the listener (no `hostname`): clients need not send a `Host` header
   * (e.g. OpenAI SDKs pointed at the proxy Service URL). Use it for a gateway of its own, like the
   * LLM gateway; routes then match on path and headers only.
   * @default false (`*.<domain>`)
   */
  readonly anyHost?: boolean;
  /** Name of the Gateway, GatewayClass, EnvoyProxy and proxy Service. @default 'serving' */
  readonly name?: string;
  /** `dev`: one proxy replica; `prod`: two. @default 'prod' */
  readonly preset?: Preset;
  /**
   * Node selector of the proxy pods.
   * @default { 'mlops.cdktf.io/node-role': 'system' }
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
}

const schema = Schemas.props<ServingGatewayProps>()({
  routeNamespaces: z.array(Schemas.k8sName()).min(1, { message: 'is empty; list the namespaces of the InferenceServices that use the gateway' }).refine((n) => new Set(n).size === n.length, { message: 'lists a namespace twice; give each once' }),
  exposure: z.enum(['cluster', 'internal-load-balancer'], { message: 'must be "cluster" or "internal-load-balancer"' }).optional(),
  domain: z
    .string()
    .max(200, { message: 'is longer than 200 characters; host names are <name>.<namespace>.<domain>, at most 253 characters' })
    .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'is not a DNS domain; use e.g. "serving.internal"' })
    .optional(),
  tls: Schemas.object({ certificateSecretName: Schemas.dnsSubdomain() }).optional(),
  anyHost: z.boolean().optional(),
  name: Schemas.k8sName().optional(),
  preset: presetSchema.optional(),
  nodeSelector: Schemas.labels().optional(),
});

/** Annotations of the internal NLB (AWS Load Balancer Controller). */
export const INTERNAL_NLB = {
  loadBalancerClass: 'service.k8s.aws/nlb',
  annotations: {
    'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
    'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
  },
} as const;

/** A Gateway (Envoy Gateway) for InferenceServices. */
export class ServingGateway extends Construct implements IServingGateway {
  public readonly gatewayName: string;
  public readonly gatewayNamespace: string = ENVOY_GATEWAY_DEFAULTS.namespace;
  public readonly listenerName: string;
  public readonly routeNamespaces: readonly string[];
  /** Name of the proxy's Kubernetes Service (clients connect to it). */
  public readonly proxyServiceName: string;
  /** In-cluster URL of the gateway's proxy Service; send requests with `Host: hostnameFor(...)`. */
  public readonly url: string;
  public readonly domain: string;
  public readonly envoyProxy: KubernetesManifest;
  public readonly gatewayClass: KubernetesManifest;
  public readonly gateway: KubernetesManifest;

  constructor(scope: Construct, id: string, props: ServingGatewayProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'ServingGateway');
    const name = props.name ?? 'serving';
    this.gatewayName = name;
    this.proxyServiceName = `${name}-gateway`;
    this.url = `${props.tls ? 'https' : 'http'}://${this.proxyServiceName}.${this.gatewayNamespace}.svc.cluster.local`;
    this.domain = props.domain ?? 'serving.internal';
    this.routeNamespaces = [...new Set(props.routeNamespaces)].sort();
    this.listenerName = props.tls ? 'https' : 'http';
    const exposure = props.exposure ?? 'cluster';
    const service: Record<string, unknown> =
      exposure === 'cluster'
        ? { name: this.proxyServiceName, type: 'ClusterIP' }
        : { name: this.proxyServiceName, type: 'LoadBalancer', loadBalancerClass: INTERNAL_NLB.loadBalancerClass, annotations: { ...INTERNAL_NLB.annotations } };

    this.envoyProxy = new KubernetesManifest(this, 'envoy-proxy', {
      manifest: {
        apiVersion: ENVOY_GATEWAY_API_VERSION,
        kind: SERVING_KINDS.envoyProxy,
        metadata: { name, namespace: this.gatewayNamespace },
        spec: {
          provider: {
            type: 'Kubernetes',
            kubernetes: {
              envoyService: service,
              envoyDeployment: {
                replicas: byPreset(props.preset, { dev: 1, prod: 2 }),
                pod: { nodeSelector: systemNodeSelector(props.nodeSelector) },
                container: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } } },
              },
            },
          },
        },
      },
    });
    this.gatewayClass = new KubernetesManifest(this, 'gateway-class', {
      manifest: {
        apiVersion: GATEWAY_API_VERSION,
        kind: SERVING_KINDS.gatewayClass,
        metadata: { name },
        spec: {
          controllerName: ENVOY_GATEWAY_DEFAULTS.controllerName,
          parametersRef: { group: 'gateway.envoyproxy.io', kind: SERVING_KINDS.envoyProxy, name, namespace: this.gatewayNamespace },
        },
      },
      dependsOn: [this.envoyProxy],
    });
    const listener: Record<string, unknown> = {
      name: this.listenerName,
      ...(props.anyHost ? {} : { hostname: `*.${this.domain}` }),
      port: props.tls ? 443 : 80,
      protocol: props.tls ? 'HTTPS' : 'HTTP',
      allowedRoutes: {
        kinds: [{ group: 'gateway.networking.k8s.io', kind: SERVING_KINDS.httpRoute }],
        namespaces: {
          from: 'Selector',
          selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...this.routeNamespaces] }] },
        },
      },
      ...(props.tls ? { tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: props.tls.certificateSecretName }] } } : {}),
    };
    this.gateway = new KubernetesManifest(this, 'gateway', {
      manifest: {
        apiVersion: GATEWAY_API_VERSION,
        kind: SERVING_KINDS.gateway,
        metadata: { name, namespace: this.gatewayNamespace },
        spec: { gatewayClassName: name, listeners: [listener] },
      },
      dependsOn: [this.gatewayClass],
    });
  }

  public hostnameFor(serviceName: string, namespace: string): string {
    return `${serviceName}.${namespace}.${this.domain}`;
  }
}
