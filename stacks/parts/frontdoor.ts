/**
 * Adds the front door to a stack set — the way in to the platform's UIs and the inference endpoint:
 * - cloud: the AWS Load Balancer Controller's role (`AwsLoadBalancerControllerCloud`) and the
 *   front door's certificate, access-log bucket, single sign-on and ExternalDNS role
 *   (`FrontDoorCloud`; the bucket and a Cognito user pool land in the data stack);
 * - platform: the controller (`AwsLoadBalancerController`) and ExternalDNS;
 * - workloads (`build`, once the apps exist): the shared ALB (`FrontDoor`), and the stack outputs
 *   with every URL.
 *
 * The serving gateway's NLB is a `ServingGateway` option (`servingGatewayExposure`); its URLs are
 * outputs too.
 */
import { TerraformOutput } from 'cdktf';
import { EksCluster } from '../../src/cluster';
import { existingSecret, ExternalSecretsAccess, ISecretStoreRef, Preset, StackSet } from '../../src/core';
import {
  AwsLoadBalancerController,
  AwsLoadBalancerControllerCloud,
  ExternalDns,
  FrontDoor,
  FrontDoorCloud,
  FrontDoorRoute,
  FrontDoorSsoConfig,
} from '../../src/frontdoor';
import { ServingGateway, ServingGatewayProps } from '../../src/serving';
import { FrontDoorConfig } from '../config/environment';

/** What {@link addFrontDoor} created; call {@link FrontDoorParts.build} when the apps exist. */
export interface FrontDoorParts {
  readonly controllerCloud: AwsLoadBalancerControllerCloud;
  readonly controller: AwsLoadBalancerController;
  readonly cloud: FrontDoorCloud;
  readonly externalDns?: ExternalDns;
  /** The domain of the serving gateway's hosts (`serving.<domain>`). */
  readonly servingDomain: string;
  /** How the serving gateway is reached (`exposure` and `loadBalancer` of `ServingGateway`). */
  servingGatewayExposure(): Pick<ServingGatewayProps, 'exposure' | 'loadBalancer' | 'domain'>;
  /** The shared ALB with `routes`, and the stack outputs. */
  build(routes: readonly FrontDoorRoute[], store: ISecretStoreRef, serving?: ServingEndpoints): FrontDoor;
}

/** The inference services whose URLs the workloads stack prints. */
export interface ServingEndpoints {
  readonly gateway: ServingGateway;
  readonly services: ReadonlyArray<{ readonly name: string; readonly namespace: string }>;
}

/** Options of {@link addFrontDoor}. */
export interface FrontDoorOptions {
  readonly cluster: EksCluster;
  readonly config: FrontDoorConfig;
  /** Apps with a host (`<app>.<domain>`). */
  readonly apps: readonly string[];
  /** Namespaces of the inference services (certificate names `*.<namespace>.serving.<domain>`). */
  readonly servingNamespaces: readonly string[];
  readonly secretsAccess: ExternalSecretsAccess;
  /** @default 'prod' */
  readonly preset?: Preset;
}

/** The app of the serving gateway's route when inference goes through the shared ALB. */
export const SERVING_APP = 'serving';

/** Adds the front door's cloud and platform parts to `set`. */
export function addFrontDoor(set: StackSet, o: FrontDoorOptions): FrontDoorParts {
  const { config } = o;
  const servingDomain = `serving.${config.domain}`;
  const controllerCloud = new AwsLoadBalancerControllerCloud(set.cloud, 'aws-load-balancer-controller', { cluster: o.cluster });
  const cloud = new FrontDoorCloud(set.cloud, 'front-door', {
    cluster: o.cluster,
    domain: config.domain,
    apps: config.inference === 'alb' ? [...o.apps, SERVING_APP] : o.apps,
    extraNames: config.inference === 'none' ? [] : o.servingNamespaces.map((ns) => `*.${ns}.${servingDomain}`),
    hostedZoneId: config.hostedZoneId,
    certificateArn: config.certificateArn,
    sso: ssoOf(config),
    secretsAccess: o.secretsAccess,
    externalDns: config.externalDns,
    preset: o.preset,
  });
  const controller = new AwsLoadBalancerController(set.platform, 'aws-load-balancer-controller', { cloud: controllerCloud });
  const externalDns = cloud.externalDns ? new ExternalDns(set.platform, 'external-dns', { cloud: cloud.externalDns }) : undefined;

  return {
    controllerCloud,
    controller,
    cloud,
    externalDns,
    servingDomain,
    servingGatewayExposure: () =>
      config.inference === 'nlb'
        ? { exposure: 'load-balancer', domain: servingDomain, loadBalancer: { certificateArn: cloud.certificateArn, scheme: config.scheme, sourceRanges: config.allowedCidrs, externalDns: config.externalDns } }
        : { domain: servingDomain },
    build: (routes, store, serving) => {
      const all = [...routes];
      if (serving && config.inference === 'alb') {
        const gw = serving.gateway;
        // Any HTTP answer means Envoy is up (a request for the target's IP matches no route: 404).
        all.push({
          app: SERVING_APP,
          backend: { namespace: gw.gatewayNamespace, serviceName: gw.proxyServiceName, port: 80 },
          auth: 'none',
          hosts: gw.routeNamespaces.map((ns) => `*.${ns}.${gw.domain}`),
          successCodes: '200-499',
        });
      }
      const frontDoor = new FrontDoor(set.workloads, 'front-door', {
        cloud,
        controller: controllerCloud,
        routes: all,
        scheme: config.scheme,
        allowedCidrs: config.allowedCidrs,
        wafAclArn: config.wafAclArn,
        store,
        preset: o.preset,
      });
      for (const [app, url] of Object.entries(frontDoor.urls)) {
        if (app === SERVING_APP) continue;
        new TerraformOutput(set.workloads, `${app}-url`, { value: url, description: `${app} behind the front door (${cloud.sso ? 'single sign-on at the load balancer' : 'no sign-in at the load balancer'})` });
      }
      new TerraformOutput(set.workloads, 'load-balancer-dns-name', { value: frontDoor.loadBalancerDnsName, description: 'DNS name of the shared ALB (ExternalDNS points the hosts at it; without it, create CNAME or alias records)' });
      for (const s of config.inference === 'none' ? [] : (serving?.services ?? [])) {
        // Through the shared ALB the endpoint is HTTPS like every host of it; through the NLB, as the gateway serves it.
        const url = config.inference === 'alb' ? `https://${serving!.gateway.hostnameFor(s.name, s.namespace)}` : serving!.gateway.urlFor(s.name, s.namespace);
        new TerraformOutput(set.workloads, `${s.name}-inference-url`, { value: url, description: `InferenceService ${s.namespace}/${s.name} through the serving gateway (${config.inference === 'alb' ? 'the shared ALB' : 'its NLB'})` });
      }
      return frontDoor;
    },
  };
}

/** The front door's single sign-on from the environment config. */
function ssoOf(config: FrontDoorConfig): FrontDoorSsoConfig | undefined {
  const sso = config.sso;
  if (sso === 'none') return undefined;
  if (sso === 'cognito') return { type: 'cognito' };
  const clientIdProperty = sso.clientIdProperty ?? 'client-id';
  const clientSecretProperty = sso.clientSecretProperty ?? 'client-secret';
  return {
    type: 'oidc',
    issuer: sso.issuer,
    authorizationEndpoint: sso.authorizationEndpoint,
    tokenEndpoint: sso.tokenEndpoint,
    userInfoEndpoint: sso.userInfoEndpoint,
    clientCredentials: existingSecret({ secretArn: sso.clientSecretArn, jsonKeys: [clientIdProperty, clientSecretProperty] }),
    clientIdProperty,
    clientSecretProperty,
  };
}
