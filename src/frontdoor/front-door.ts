/**
 * `FrontDoor` (workloads layer): one shared Application Load Balancer per environment for the
 * platform's UIs and endpoints — an IngressGroup of one Ingress per app (in the app's namespace, as
 * an Ingress must be), all of the IngressClass `<groupName>` whose `IngressClassParams` hold the
 * load balancer's settings (see front-door-ingress.ts):
 *
 * - **internal** by default; `internet-facing` only with `allowedCidrs` (a CIDR allow-list, never
 *   `0.0.0.0/0`);
 * - **HTTPS only**: port 80 answers with a redirect to 443; TLS with the `FrontDoorCloud`
 *   certificate and the modern TLS policy; invalid header fields dropped;
 * - **access logs** to the SSE-S3 bucket, **deletion protection** in `prod` (the controller then
 *   refuses to delete the Ingresses, so a destroy needs `allowComputeDeletion` applied first, which
 *   turns it off — as for the EKS cluster's), WAF with `wafAclArn`;
 * - **single sign-on** at the load balancer for every route (`auth: 'sso'`, the default when the
 *   cloud side has SSO): Cognito or your OIDC provider (its client synced per namespace by
 *   `OidcClientSecret`). A route's `apiPaths` go to the same backend without the login, in an
 *   Ingress ordered before the UI's, so API clients (MLflow's SDK) reach the app's own
 *   authentication instead of a login page;
 * - host `<app>.<domain>` per route (or `hosts`), published by ExternalDNS when it runs.
 *
 * Terraform waits for the ALB (`wait_for_load_balancer`) and destroys the Ingresses before the
 * IngressClass, its params and the OIDC Secrets they need — and, the workloads stack being later
 * than the controller's platform stack, while the controller still runs to delete the ALB.
 */
import { Annotations, ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { registerDeletionGuard } from '../core/deletion-guards';
import { KubernetesManifest } from '../core/resources/kubernetes-manifest';
import { MlopsStack, requireLayer } from '../core/layers/mlops-stack';
import { byPreset, Preset, presetSchema } from '../core/presets';
import { ISecretStoreRef } from '../core/secrets/secret-store';
import { failProp, Schemas, validateProps } from '../core/validation';
import { AwsLoadBalancerControllerCloudRef } from './aws-load-balancer-controller-cloud';
import { ALB_INGRESS_CONTROLLER, INGRESS_CLASS_PARAMS } from './constants';
import { IFrontDoorCloud } from './front-door-cloud';
import { DELETION_PROTECTION_ATTRIBUTE, GROUP_ORDER, ingressClassParameters, ingressClassParamsSpec, RouteAuth, routeAnnotations } from './front-door-ingress';
import { OidcClientSecret } from './oidc-client-secret';
import { KubernetesIngressClassV1, KubernetesIngressV1 } from '../core/resources/kubernetes-core';

/** A Service a route sends requests to (the typed UI handles of the components fit it). */
export interface FrontDoorBackend {
  readonly namespace: string;
  readonly serviceName: string;
  /** Port of the Service. */
  readonly port: number;
  /** Path the ALB health-checks. @default '/' */
  readonly healthPath?: string;
  /** Argo Server's auth modes, when the backend is one (a `server` mode needs single sign-on in front). */
  readonly authModes?: readonly string[];
}

/** One app behind the front door. */
export interface FrontDoorRoute {
  /** The app (a host label listed in `FrontDoorCloud.apps`): its host is `<app>.<domain>`. */
  readonly app: string;
  /** Where its requests go. */
  readonly backend: FrontDoorBackend;
  /**
   * `sso`: the load balancer signs users in first; `none`: requests go straight to the backend,
   * which must authenticate them itself.
   * @default - 'sso' when the front door has single sign-on, else 'none'
   */
  readonly auth?: 'sso' | 'none';
  /**
   * Path prefixes routed without the load balancer's login (API clients bringing their own
   * credentials), e.g. `MLFLOW_API_PATHS`.
   * @default - none
   */
  readonly apiPaths?: readonly string[];
  /**
   * Host names instead of `<app>.<domain>` (e.g. `*.models.serving.<domain>` for the serving gateway).
   * @default - [`<app>.<domain>`]
   */
  readonly hosts?: readonly string[];
  /**
   * Health-check status codes that count as healthy.
   * @default '200'
   */
  readonly successCodes?: string;
}

/** Props of {@link FrontDoor}. */
export interface FrontDoorProps {
  /** The cloud side (`FrontDoorCloud`). */
  readonly cloud: IFrontDoorCloud;
  /** The controller (`AwsLoadBalancerControllerCloud`): with OIDC, its service account may read the client Secret. */
  readonly controller: AwsLoadBalancerControllerCloudRef;
  /** The apps behind the load balancer. */
  readonly routes: readonly FrontDoorRoute[];
  /** @default 'internal' */
  readonly scheme?: 'internal' | 'internet-facing';
  /**
   * CIDRs allowed to connect (required for `internet-facing`).
   * @default - every address that can reach it (for `internal`: the VPC and networks routed to it)
   */
  readonly allowedCidrs?: readonly string[];
  /**
   * ALB deletion protection. The controller then refuses to delete the Ingresses (and so the ALB):
   * `allowComputeDeletion` / `allowDataDeletion` on the stack turn it off for a teardown.
   * @default - true in `prod`, false in `dev`
   */
  readonly deletionProtection?: boolean;
  /** A regional AWS WAF (v2) web ACL to associate. @default - none */
  readonly wafAclArn?: string;
  /** TLS policy of the HTTPS listener. @default DEFAULT_TLS_POLICY */
  readonly sslPolicy?: string;
  /**
   * Name of the IngressGroup, IngressClass and IngressClassParams.
   * @default - `<project>-<environment>` in a library stack, else 'front-door'
   */
  readonly groupName?: string;
  /** The secret store (required with OIDC single sign-on). @default - none */
  readonly store?: ISecretStoreRef;
  /** Seconds an ALB login session lasts. @default SSO_DEFAULTS.sessionTimeoutSeconds (12 hours) */
  readonly sessionTimeoutSeconds?: number;
  /** @default 'prod' */
  readonly preset?: Preset;
}

const pathPrefix = z.string().regex(/^\/[A-Za-z0-9._~\-/]*$/, { message: 'is not a path prefix; start with "/" and use URL path characters, e.g. "/api/"' });

const schema = Schemas.object({
  cloud: Schemas.construct('a FrontDoorCloud', { domain: Schemas.dnsName(), certificateArn: z.string().min(1) }),
  controller: Schemas.construct('an AwsLoadBalancerControllerCloud', { namespace: Schemas.k8sName(), serviceAccount: Schemas.k8sName() }),
  routes: z
    .array(
      Schemas.object({
        app: z.string().min(1),
        backend: Schemas.construct('a backend { namespace, serviceName, port }', {
          namespace: Schemas.k8sName(),
          serviceName: Schemas.k8sName(),
          port: z.number().int().min(1).max(65535, { message: 'is not a port (1-65535)' }),
          healthPath: pathPrefix.optional(),
        }),
        auth: z.enum(['sso', 'none'], { message: 'must be "sso" or "none"' }).optional(),
        apiPaths: z.array(pathPrefix.refine((p) => p !== '/', { message: 'is "/", the whole app; use auth: "none" to route it all without the login' })).optional(),
        hosts: z.array(Schemas.dnsName({ wildcard: true })).min(1).optional(),
        successCodes: z.string().regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, { message: 'is not a list of HTTP codes, e.g. "200" or "200-399"' }).optional(),
      }),
    )
    .min(1, { message: 'is empty; give at least one app to route to' }),
  scheme: z.enum(['internal', 'internet-facing'], { message: 'must be "internal" or "internet-facing"' }).optional(),
  allowedCidrs: z.array(Schemas.cidr().refine((c) => !c.endsWith('/0'), { message: 'opens the load balancer to every address; list the CIDRs of your users (office, VPN)' })).optional(),
  deletionProtection: z.boolean().optional(),
  wafAclArn: Schemas.wafv2WebAclArn().optional(),
  sslPolicy: z.string().regex(/^ELBSecurityPolicy-TLS13-/, { message: 'is not a TLS 1.3 ELB security policy; use e.g. "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"' }).optional(),
  groupName: z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, { message: 'is not an IngressGroup name; use lowercase letters, digits, "-" and "." (at most 63)' }).optional(),
  store: Schemas.construct('a SecretStore').optional(),
  sessionTimeoutSeconds: z.number().int().min(60, { message: 'is under a minute' }).max(604800, { message: 'is over the 7 days the ALB allows' }).optional(),
  preset: presetSchema.optional(),
});

/** The shared ALB of an environment, with single sign-on. */
export class FrontDoor extends Construct {
  public readonly groupName: string;
  public readonly ingressClassParams: KubernetesManifest;
  public readonly ingressClass: KubernetesIngressClassV1;
  /** The Ingresses, by `<app>` and `<app>-api`. */
  public readonly ingresses: Readonly<Record<string, KubernetesIngressV1>>;
  /** The OIDC client Secrets, by namespace. */
  public readonly oidcSecrets: Readonly<Record<string, OidcClientSecret>>;
  /** `https://<host>/` of each app, by app. */
  public readonly urls: Readonly<Record<string, string>>;
  /** DNS name of the ALB (known after apply; point your records at it when ExternalDNS does not). */
  public readonly loadBalancerDnsName: string;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'FrontDoor');
    const { cloud } = props;
    const scheme = props.scheme ?? 'internal';
    if (scheme === 'internet-facing' && (props.allowedCidrs ?? []).length === 0) {
      failProp(this, 'allowedCidrs', props.allowedCidrs, 'is empty for an internet-facing load balancer; list the CIDRs of your users (office, VPN) or keep scheme "internal"');
    }
    const apps = props.routes.map((r) => r.app);
    const duplicate = apps.find((a, i) => apps.indexOf(a) !== i);
    if (duplicate !== undefined) failProp(this, 'routes', duplicate, 'routes the same app twice; give each app one route');
    props.routes.forEach((r, i) => this.checkRoute(r, i, cloud));
    const stack = TerraformStack.of(this);
    this.groupName = props.groupName ?? (stack instanceof MlopsStack ? `${stack.project}-${stack.environment}` : 'front-door');
    const namespaces = [...new Set(props.routes.map((r) => r.backend.namespace))].sort();

    const deletionProtection = props.deletionProtection ?? byPreset(props.preset, { dev: false, prod: true });
    const spec = ingressClassParamsSpec(cloud, { groupName: this.groupName, scheme, allowedCidrs: props.allowedCidrs, deletionProtection, wafAclArn: props.wafAclArn, sslPolicy: props.sslPolicy, namespaces });
    this.ingressClassParams = new KubernetesManifest(this, 'ingress-class-params', {
      manifest: { apiVersion: INGRESS_CLASS_PARAMS.apiVersion, kind: INGRESS_CLASS_PARAMS.kind, metadata: { name: this.groupName }, spec },
    });
    // The controller refuses to delete the Ingresses while the ALB is protected: allowComputeDeletion
    // (or allowDataDeletion) turns the protection off in the deploy before a destroy. The resource
    // synthesizes the spec object it was given, so the guard flips that attribute in place.
    const protection = (spec.loadBalancerAttributes as Array<{ key: string; value: string }>).find((a) => a.key === DELETION_PROTECTION_ATTRIBUTE);
    if (deletionProtection && protection) registerDeletionGuard(this.ingressClassParams, () => (protection.value = 'false'));
    this.ingressClass = new KubernetesIngressClassV1(this, 'ingress-class', {
      metadata: { name: this.groupName },
      spec: { controller: ALB_INGRESS_CONTROLLER, parameters: [ingressClassParameters(this.groupName)] },
      dependsOn: [this.ingressClassParams],
    });

    const oidc: Record<string, OidcClientSecret> = {};
    const sso = cloud.sso;
    if (sso?.type === 'oidc') {
      if (!props.store) failProp(this, 'store', undefined, 'is required with OIDC single sign-on (the client secret is synced per namespace); pass the SecretStore');
      for (const ns of [...new Set(props.routes.filter((r) => this.authOf(r, cloud) === 'sso').map((r) => r.backend.namespace))].sort()) {
        oidc[ns] = new OidcClientSecret(this, `oidc-${ns}`, { sso, namespace: ns, store: props.store, controller: props.controller });
      }
    }
    this.oidcSecrets = oidc;

    const ingresses: Record<string, KubernetesIngressV1> = {};
    const urls: Record<string, string> = {};
    for (const route of props.routes) {
      const hosts = route.hosts ?? [cloud.hostFor(route.app)];
      const auth: RouteAuth = this.authOf(route, cloud) === 'sso' && sso ? { type: 'sso', sso } : { type: 'none' };
      const waitFor: ITerraformDependable[] = [this.ingressClass, ...(auth.type === 'sso' && oidc[route.backend.namespace] ? [oidc[route.backend.namespace].secret.manifest, oidc[route.backend.namespace].roleBinding] : [])];
      const common = { healthPath: route.backend.healthPath ?? '/', successCodes: route.successCodes ?? '200', sessionTimeoutSeconds: props.sessionTimeoutSeconds };
      // API paths need an Ingress of their own only when the rest of the app is behind the login.
      if (auth.type === 'sso' && route.apiPaths && route.apiPaths.length > 0) {
        ingresses[`${route.app}-api`] = this.ingress(`${route.app}-api`, route, hosts, [...route.apiPaths], routeAnnotations({ ...common, order: GROUP_ORDER.api, auth: { type: 'none' } }), waitFor);
      }
      ingresses[route.app] = this.ingress(route.app, route, hosts, ['/'], routeAnnotations({ ...common, order: GROUP_ORDER.ui, auth }), waitFor);
      urls[route.app] = `https://${hosts[0].replace(/^\*\./, '<name>.')}/`;
    }
    this.ingresses = ingresses;
    this.urls = urls;
    this.loadBalancerDnsName = ingresses[props.routes[0].app].loadBalancerHostname;

    const open = props.routes.filter((r) => this.authOf(r, cloud) === 'none').map((r) => r.app);
    if (open.length > 0) {
      Annotations.of(this).addWarning(
        `${this.node.path}: ${open.join(', ')} ${open.length === 1 ? 'is' : 'are'} reachable through the load balancer without single sign-on; only the app's own login protects ${open.length === 1 ? 'it' : 'them'} (give FrontDoorCloud an sso to put a login in front)`,
      );
    }
  }

  private authOf(route: FrontDoorRoute, cloud: IFrontDoorCloud): 'sso' | 'none' {
    return route.auth ?? (cloud.sso ? 'sso' : 'none');
  }

  private checkRoute(route: FrontDoorRoute, i: number, cloud: IFrontDoorCloud): void {
    if (!cloud.apps.includes(route.app)) {
      failProp(this, `routes[${i}].app`, route.app, `is not an app of the FrontDoorCloud (${cloud.apps.join(', ')}); add it to FrontDoorCloud.apps (its host and sign-in callback are registered there)`);
    }
    const auth = this.authOf(route, cloud);
    if (auth === 'sso' && !cloud.sso) {
      failProp(this, `routes[${i}].auth`, 'sso', 'needs single sign-on, and the FrontDoorCloud has none; configure FrontDoorCloud.sso or route it with auth "none"');
    }
    if (route.backend.authModes?.includes('server') && auth !== 'sso') {
      failProp(this, `routes[${i}].backend.authModes`, route.backend.authModes, 'includes "server" (every caller acts as the Argo server\'s service account) without single sign-on in front; route it with auth "sso" or use auth mode "client"');
    }
  }

  private ingress(name: string, route: FrontDoorRoute, hosts: readonly string[], paths: readonly string[], annotations: Record<string, string>, dependsOn: ITerraformDependable[]): KubernetesIngressV1 {
    const backend = { service: { name: route.backend.serviceName, port: { number: route.backend.port } } };
    return new KubernetesIngressV1(this, `ingress-${name}`, {
      metadata: { name: `frontdoor-${name}`, namespace: route.backend.namespace, annotations, labels: { 'app.kubernetes.io/managed-by': 'cdktf-mlops', 'mlops.cdktf.io/front-door': this.groupName } },
      spec: {
        ingressClassName: this.groupName,
        rule: hosts.map((host) => ({ host, http: { path: paths.map((path) => ({ path, pathType: 'Prefix', backend })) } })),
      },
      waitForLoadBalancer: true,
      dependsOn,
    });
  }
}
