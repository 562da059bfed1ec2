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
 *   run in the cluster; without it no load balancer is created, never a public one);
 * - `load-balancer` (with `loadBalancer`): the same NLB class with TLS ending at the NLB — a TLS
 *   listener on 443 with an ACM certificate (`aws-load-balancer-ssl-cert`, `-ssl-ports: 443`,
 *   `-ssl-negotiation-policy`), IP targets, scheme `internal` unless asked (`internet-facing` needs
 *   `sourceRanges`, the NLB's security group allow-list), and optionally the ExternalDNS hostname
 *   `*.<namespace>.<domain>` per route namespace. Envoy listens plain HTTP on the Service's port 443
 *   behind it. `loadBalancerClass` (immutable, read only by the AWS Load Balancer Controller) names
 *   the controller instead of the legacy `aws-load-balancer-type: external` annotation, which the
 *   controller's docs say must not be added to an existing Service.
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
import { failProp, validateProps } from '../core/validation';
import { DEFAULT_TLS_POLICY, EXTERNAL_DNS_HOSTNAME_ANNOTATION, NLB_ANNOTATIONS } from '../frontdoor/constants';
import { ENVOY_GATEWAY_API_VERSION, GATEWAY_API_VERSION, SERVING_KINDS } from './constants';
import { ENVOY_GATEWAY_DEFAULTS } from './envoy-gateway';

/** How the gateway is reachable. */
export type GatewayExposure = 'cluster' | 'internal-load-balancer' | 'load-balancer';

/** The NLB of exposure `load-balancer`: TLS ends at the NLB with an ACM certificate. */
export interface ServingLoadBalancer {
  /** ACM certificate of the TLS listener, covering `*.<namespace>.<domain>` of every route namespace. */
  readonly certificateArn: string;
  /** @default 'internal' */
  readonly scheme?: 'internal' | 'internet-facing';
  /**
   * CIDRs allowed to connect (`loadBalancerSourceRanges`, the NLB security group's rules); required for `internet-facing`.
   * @default - all addresses that can reach it (for `internal`: the VPC and networks routed to it)
   */
  readonly sourceRanges?: readonly string[];
  /** TLS policy of the listener. @default DEFAULT_TLS_POLICY */
  readonly sslPolicy?: string;
  /** Ask ExternalDNS for `*.<namespace>.<domain>` of each route namespace. @default false */
  readonly externalDns?: boolean;
}

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
   * The NLB of exposure `load-balancer` (required with it, refused with the others).
   * @default - none
   */
  readonly loadBalancer?: ServingLoadBalancer;
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
  exposure: z.enum(['cluster', 'internal-load-balancer', 'load-balancer'], { message: 'must be "cluster", "internal-load-balancer" or "load-balancer"' }).optional(),
  domain: z
    .string()
    .max(200, { message: 'is longer than 200 characters; host names are <name>.<namespace>.<domain>, at most 253 characters' })
    .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'is not a DNS domain; use e.g. "serving.internal"' })
    .optional(),
  tls: Schemas.object({ certificateSecretName: Schemas.dnsSubdomain() }).optional(),
  loadBalancer: Schemas.object({
      certificateArn: Schemas.acmCertificateArn(),
      scheme: z.enum(['internal', 'internet-facing'], { message: 'must be "internal" or "internet-facing"' }).optional(),
      sourceRanges: z.array(Schemas.cidr().refine((c) => !c.endsWith('/0'), { message: 'opens the NLB to every address; list the CIDRs of your clients' })).optional(),
      sslPolicy: z.string().regex(/^ELBSecurityPolicy-TLS13-/, { message: 'is not a TLS 1.3 ELB security policy; use e.g. "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"' }).optional(),
      externalDns: z.boolean().optional(),
    })
    .optional(),
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
  /** Whether clients reach the gateway over HTTPS (`tls`, or TLS at the NLB). */
  public readonly https: boolean;
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
    const exposure = props.exposure ?? 'cluster';
    const nlb = this.checkLoadBalancer(props, exposure);
    this.url = `${props.tls ? 'https' : 'http'}://${this.proxyServiceName}.${this.gatewayNamespace}.svc.cluster.local`;
    this.domain = props.domain ?? 'serving.internal';
    this.routeNamespaces = [...new Set(props.routeNamespaces)].sort();
    this.listenerName = props.tls || nlb ? 'https' : 'http';
    this.https = props.tls !== undefined || nlb !== undefined;
    const service: Record<string, unknown> =
      exposure === 'cluster'
        ? { name: this.proxyServiceName, type: 'ClusterIP' }
        : { name: this.proxyServiceName, type: 'LoadBalancer', loadBalancerClass: INTERNAL_NLB.loadBalancerClass, annotations: { ...INTERNAL_NLB.annotations } };
    if (nlb) {
      service.annotations = tlsNlbAnnotations(nlb, this.routeNamespaces.map((ns) => `*.${ns}.${this.domain}`));
      if (nlb.sourceRanges && nlb.sourceRanges.length > 0) service.loadBalancerSourceRanges = [...nlb.sourceRanges];
    }

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
      // Behind a TLS NLB Envoy serves plain HTTP on the Service's port 443 (the NLB's TLS listener forwards to it).
      port: props.tls || nlb ? 443 : 80,
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

  /** The URL a client uses for a service through the gateway's load balancer (its host name, `https://` with TLS). */
  public urlFor(serviceName: string, namespace: string): string {
    return `${this.https ? 'https' : 'http'}://${this.hostnameFor(serviceName, namespace)}`;
  }

  /** The NLB settings when exposure is `load-balancer`; fails when they and the exposure disagree. */
  private checkLoadBalancer(props: ServingGatewayProps, exposure: GatewayExposure): ServingLoadBalancer | undefined {
    if (exposure !== 'load-balancer') {
      if (props.loadBalancer) failProp(this, 'loadBalancer', props.loadBalancer.certificateArn, `applies to exposure "load-balancer" only (this gateway's exposure is "${exposure}"); set exposure: "load-balancer" or drop loadBalancer`);
      return undefined;
    }
    const nlb = props.loadBalancer;
    if (!nlb) failProp(this, 'loadBalancer', undefined, 'is required with exposure "load-balancer"; pass { certificateArn } (TLS ends at the NLB)');
    if (props.tls) failProp(this, 'tls', props.tls.certificateSecretName, 'is not used with exposure "load-balancer" (TLS ends at the NLB with loadBalancer.certificateArn); drop tls');
    if (nlb.scheme === 'internet-facing' && (nlb.sourceRanges ?? []).length === 0) {
      failProp(this, 'loadBalancer.sourceRanges', nlb.sourceRanges, 'is empty for an internet-facing NLB; list the CIDRs of your clients or keep scheme "internal"');
    }
    return nlb;
  }
}

/** Service annotations of a TLS NLB (AWS Load Balancer Controller v3.5.0, docs/guide/service/annotations.md). */
export function tlsNlbAnnotations(nlb: ServingLoadBalancer, hostnames: readonly string[]): Record<string, string> {
  return {
    [NLB_ANNOTATIONS.scheme]: nlb.scheme ?? 'internal',
    [NLB_ANNOTATIONS.targetType]: 'ip',
    [NLB_ANNOTATIONS.sslCert]: nlb.certificateArn,
    [NLB_ANNOTATIONS.sslPorts]: '443',
    [NLB_ANNOTATIONS.sslNegotiationPolicy]: nlb.sslPolicy ?? DEFAULT_TLS_POLICY,
    ...(nlb.externalDns ? { [EXTERNAL_DNS_HOSTNAME_ANNOTATION]: hostnames.join(',') } : {}),
  };
}
