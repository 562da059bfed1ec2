/**
 * What the front door writes for the AWS Load Balancer Controller, as plain data (the construct,
 * `FrontDoor`, turns it into resources):
 *
 * - {@link ingressClassParamsSpec}: the load balancer's settings, once, in an `IngressClassParams`
 *   that every front-door Ingress gets through its IngressClass — the IngressGroup (one ALB), scheme,
 *   allowed CIDRs, certificate, TLS policy, HTTP→HTTPS redirect, IP targets, attributes (access
 *   logs, deletion protection, dropping invalid headers), WAF, and the namespaces that may use the
 *   class. The controller applies these to every Ingress of the class; an Ingress cannot override
 *   them (`pkg/ingress/class_loader.go`, `model_build_*.go` read the params first);
 * - {@link routeAnnotations}: what differs per Ingress — listen ports, rule order in the group,
 *   health check, and the authentication of its rules (`auth-type` oidc/cognito/none).
 */
import { ALB_ANNOTATIONS, DEFAULT_TLS_POLICY, INGRESS_CLASS_PARAMS, OIDC_CLIENT_SECRET_NAME, SSO_DEFAULTS } from './constants';
import { FrontDoorSso, IFrontDoorCloud } from './front-door-cloud';

/** Listeners of the shared ALB: HTTP only to redirect, HTTPS for everything else. */
export const FRONT_DOOR_LISTEN_PORTS = '[{"HTTP": 80}, {"HTTPS": 443}]';

/** Rule order in the IngressGroup: API paths (no login) before the UI catch-all of the same host. */
export const GROUP_ORDER = { api: 10, ui: 20 } as const;

/** The ALB attribute of deletion protection (the controller will not delete the Ingresses of a protected ALB). */
export const DELETION_PROTECTION_ATTRIBUTE = 'deletion_protection.enabled';

/** The load balancer settings of {@link ingressClassParamsSpec}. */
export interface LoadBalancerSettings {
  readonly groupName: string;
  readonly scheme: 'internal' | 'internet-facing';
  readonly allowedCidrs?: readonly string[];
  readonly deletionProtection: boolean;
  readonly wafAclArn?: string;
  readonly sslPolicy?: string;
  /** Namespaces allowed to use the class (those of the routes). */
  readonly namespaces: readonly string[];
}

/** The `spec` of the front door's IngressClassParams. */
export function ingressClassParamsSpec(cloud: IFrontDoorCloud, lb: LoadBalancerSettings): Record<string, unknown> {
  const attributes: Array<[string, string]> = [
    [DELETION_PROTECTION_ATTRIBUTE, String(lb.deletionProtection)],
    ['routing.http.drop_invalid_header_fields.enabled', 'true'],
  ];
  if (cloud.accessLogs) {
    attributes.push(['access_logs.s3.enabled', 'true'], ['access_logs.s3.bucket', cloud.accessLogs.bucketName], ['access_logs.s3.prefix', cloud.accessLogs.prefix]);
  }
  return {
    group: { name: lb.groupName },
    scheme: lb.scheme,
    ...(lb.allowedCidrs && lb.allowedCidrs.length > 0 ? { inboundCIDRs: [...lb.allowedCidrs] } : {}),
    certificateArn: [cloud.certificateArn],
    sslPolicy: lb.sslPolicy ?? DEFAULT_TLS_POLICY,
    sslRedirectPort: '443',
    targetType: 'ip',
    loadBalancerAttributes: attributes.map(([key, value]) => ({ key, value })),
    ...(lb.wafAclArn ? { wafv2AclArn: lb.wafAclArn } : {}),
    namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...lb.namespaces].sort() }] },
  };
}

/** The `parameters` of the IngressClass pointing at the params. */
export function ingressClassParameters(name: string): { apiGroup: string; kind: string; name: string; scope: string } {
  return { apiGroup: INGRESS_CLASS_PARAMS.group, kind: INGRESS_CLASS_PARAMS.kind, name, scope: 'Cluster' };
}

/** How one Ingress of a route authenticates. */
export type RouteAuth = { readonly type: 'none' } | { readonly type: 'sso'; readonly sso: FrontDoorSso };

/** Per-Ingress annotations. */
export function routeAnnotations(input: { readonly order: number; readonly healthPath: string; readonly successCodes: string; readonly auth: RouteAuth; readonly sessionTimeoutSeconds?: number }): Record<string, string> {
  const out: Record<string, string> = {
    [ALB_ANNOTATIONS.listenPorts]: FRONT_DOOR_LISTEN_PORTS,
    [ALB_ANNOTATIONS.groupOrder]: String(input.order),
    [ALB_ANNOTATIONS.backendProtocol]: 'HTTP',
    [ALB_ANNOTATIONS.healthcheckPath]: input.healthPath,
    [ALB_ANNOTATIONS.successCodes]: input.successCodes,
  };
  if (input.auth.type === 'none') {
    out[ALB_ANNOTATIONS.authType] = 'none';
    return out;
  }
  const sso = input.auth.sso;
  out[ALB_ANNOTATIONS.authScope] = sso.scope;
  out[ALB_ANNOTATIONS.authSessionTimeout] = String(input.sessionTimeoutSeconds ?? SSO_DEFAULTS.sessionTimeoutSeconds);
  out[ALB_ANNOTATIONS.authOnUnauthenticated] = 'authenticate';
  if (sso.type === 'cognito') {
    out[ALB_ANNOTATIONS.authType] = 'cognito';
    out[ALB_ANNOTATIONS.authIdpCognito] = JSON.stringify({ userPoolARN: sso.pool.userPoolArn, userPoolClientID: sso.pool.userPoolClientId, userPoolDomain: sso.pool.userPoolDomain });
  } else {
    out[ALB_ANNOTATIONS.authType] = 'oidc';
    out[ALB_ANNOTATIONS.authIdpOidc] = JSON.stringify({
      issuer: sso.issuer,
      authorizationEndpoint: sso.authorizationEndpoint,
      tokenEndpoint: sso.tokenEndpoint,
      userInfoEndpoint: sso.userInfoEndpoint,
      secretName: OIDC_CLIENT_SECRET_NAME,
    });
  }
  return out;
}
