/**
 * Constants of the front door: the AWS Load Balancer Controller's annotation keys and install
 * defaults, ExternalDNS's, the TLS policy, Cognito's, and the paths API clients use.
 *
 * Facts checked against the pinned upstream sources:
 * - AWS Load Balancer Controller v3.5.0 (kubernetes-sigs/aws-load-balancer-controller tag v3.5.0 =
 *   11eb202c97e4): docs/guide/ingress/annotations.md (Ingress annotations, IngressGroup merge rules:
 *   "Exclusive" annotations may be repeated with the same value on every Ingress of a group,
 *   pkg/ingress/model_builder.go mergeListenPortConfigs), docs/guide/service/annotations.md (Service
 *   annotations), pkg/ingress/model_build_actions.go (the OIDC Secret keys `clientID` and
 *   `clientSecret`), pkg/k8s/secrets_manager.go (the Secret is read with get, then watched with a
 *   `metadata.name` field selector: a namespaced Role with `resourceNames` suffices);
 * - ExternalDNS chart 1.21.1 (app v0.21.0): charts/external-dns/values.yaml and values.schema.json,
 *   docs/tutorials/aws.md at v0.21.0 (the IAM actions).
 */

/** Annotation keys of the AWS Load Balancer Controller on Ingresses. */
export const ALB_ANNOTATIONS = {
  groupName: 'alb.ingress.kubernetes.io/group.name',
  groupOrder: 'alb.ingress.kubernetes.io/group.order',
  listenPorts: 'alb.ingress.kubernetes.io/listen-ports',
  sslRedirect: 'alb.ingress.kubernetes.io/ssl-redirect',
  targetType: 'alb.ingress.kubernetes.io/target-type',
  backendProtocol: 'alb.ingress.kubernetes.io/backend-protocol',
  healthcheckPath: 'alb.ingress.kubernetes.io/healthcheck-path',
  successCodes: 'alb.ingress.kubernetes.io/success-codes',
  authType: 'alb.ingress.kubernetes.io/auth-type',
  authIdpOidc: 'alb.ingress.kubernetes.io/auth-idp-oidc',
  authIdpCognito: 'alb.ingress.kubernetes.io/auth-idp-cognito',
  authScope: 'alb.ingress.kubernetes.io/auth-scope',
  authSessionTimeout: 'alb.ingress.kubernetes.io/auth-session-timeout',
  authOnUnauthenticated: 'alb.ingress.kubernetes.io/auth-on-unauthenticated-request',
} as const;

/** Annotation keys of the AWS Load Balancer Controller on LoadBalancer Services (NLB). */
export const NLB_ANNOTATIONS = {
  scheme: 'service.beta.kubernetes.io/aws-load-balancer-scheme',
  targetType: 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type',
  sslCert: 'service.beta.kubernetes.io/aws-load-balancer-ssl-cert',
  sslPorts: 'service.beta.kubernetes.io/aws-load-balancer-ssl-ports',
  sslNegotiationPolicy: 'service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy',
  attributes: 'service.beta.kubernetes.io/aws-load-balancer-attributes',
} as const;

/** `loadBalancerClass` of Services the AWS Load Balancer Controller turns into NLBs. */
export const NLB_LOAD_BALANCER_CLASS = 'service.k8s.aws/nlb';

/** The IngressClass controller name of the AWS Load Balancer Controller (`ingress.k8s.aws/alb`). */
export const ALB_INGRESS_CONTROLLER = 'ingress.k8s.aws/alb';

/** API group and version of the controller's IngressClassParams (crds/aws-load-balancer-controller). */
export const INGRESS_CLASS_PARAMS = { group: 'elbv2.k8s.aws', apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'IngressClassParams' } as const;

/** ExternalDNS annotation naming the host of a Service (the NLB of the serving gateway). */
export const EXTERNAL_DNS_HOSTNAME_ANNOTATION = 'external-dns.alpha.kubernetes.io/hostname';

/**
 * The TLS policy of every HTTPS/TLS listener: the one AWS recommends since 2025-09 (hybrid
 * post-quantum key exchange, TLS 1.3 and 1.2 with restricted ciphers; the console default for ALB
 * and NLB). See Elastic Load Balancing, "Security policies for your Application Load Balancer".
 */
export const DEFAULT_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

/** Where the AWS Load Balancer Controller is installed. */
export const LOAD_BALANCER_CONTROLLER_DEFAULTS = {
  namespace: 'kube-system',
  releaseName: 'aws-load-balancer-controller',
  serviceAccount: 'aws-load-balancer-controller',
  /** Two replicas (one leader, one standby; both serve the webhooks, whose failure policy is Fail). */
  replicas: 2,
} as const;

/** Where ExternalDNS is installed. */
export const EXTERNAL_DNS_DEFAULTS = {
  namespace: 'external-dns',
  releaseName: 'external-dns',
  serviceAccount: 'external-dns',
  /** Never delete records, only create and update them (the chart's default too). */
  policy: 'upsert-only',
} as const;

/** Values of `alb.ingress.kubernetes.io/auth-type`. */
export type AlbAuthType = 'none' | 'oidc' | 'cognito';

/** Keys of the Kubernetes Secret the controller reads the OIDC client from (model_build_actions.go). */
export const OIDC_SECRET_KEYS = { clientId: 'clientID', clientSecret: 'clientSecret' } as const;

/** Name of the Kubernetes Secret (one per namespace with an SSO route) holding the OIDC client. */
export const OIDC_CLIENT_SECRET_NAME = 'frontdoor-oidc-client';

/** Defaults of single sign-on at the load balancer. */
export const SSO_DEFAULTS = {
  /** Claims requested from the identity provider. */
  scope: 'openid email',
  /** Seconds an ALB session lasts (12 hours; the controller's default is 7 days). */
  sessionTimeoutSeconds: 43200,
} as const;

/** Path the ALB redirects to after the identity provider's login (fixed by Elastic Load Balancing). */
export const ALB_OAUTH_CALLBACK_PATH = '/oauth2/idpresponse';

/**
 * Paths MLflow's Python client calls (REST API `/api/2.0/…` and `/api/3.0/…`, proxied artifacts
 * `/api/2.0/mlflow-artifacts/…`): routed without the load balancer's login, so SDK calls reach
 * MLflow's own basic-auth instead of a login page. The browser UI (`/`, `/ajax-api/…`,
 * `/static-files/…`) stays behind single sign-on.
 */
export const MLFLOW_API_PATHS: readonly string[] = ['/api/'];

/** Service principal that writes load balancer access logs (Elastic Load Balancing, "Enable access logs"). */
export const ELB_LOG_DELIVERY_PRINCIPAL = 'logdelivery.elasticloadbalancing.amazonaws.com';

/**
 * Regions opened before August 2022, where Elastic Load Balancing also delivers access logs as a
 * regional ELB account (the `aws_elb_service_account` data source knows each account; the pinned
 * AWS provider's internal/service/elb/service_account_data_source.go has exactly these regions).
 * Newer regions accept only the service principal above, which the access-log bucket always allows.
 */
export const ELB_LEGACY_LOG_DELIVERY_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2',
  'ap-southeast-3', 'ca-central-1', 'cn-north-1', 'cn-northwest-1', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'me-south-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2',
];

/** Default retention of load balancer access logs, in days. */
export const ACCESS_LOG_DEFAULTS = { expirationDays: 90, prefix: 'alb' } as const;
