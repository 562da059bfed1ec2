/**
 * `FrontDoorCloud` (cloud layer): the AWS side of the front door — what the shared ALB and the
 * serving NLB need before the cluster can expose anything:
 *
 * - the **certificate** (`FrontDoorCertificate`): issued for `<domain>` and `*.<domain>` (every
 *   app host is `<app>.<domain>`) plus `extraNames`, DNS-validated in `hostedZoneId`, or imported;
 * - the **access-log bucket** (`AccessLogBucket`, SSE-S3; stateful: data stack);
 * - **single sign-on**: a Cognito user pool the library creates (`FrontDoorUserPool`, data stack),
 *   or an OIDC provider of yours whose client id and secret are a Secrets Manager secret (granted
 *   to the External Secrets Operator, synced per namespace by `FrontDoor`; never a literal);
 * - **ExternalDNS**'s role (`ExternalDnsCloud`), scoped to the hosted zone, when `externalDns`.
 *
 * The apps are fixed here because Cognito registers one callback URL per host; `FrontDoor`
 * (workloads layer) refuses a route for an app not listed.
 */
import { Construct } from 'constructs';
import { z } from 'zod';
import { EksCluster } from '../cluster/eks-cluster';
import { requireLayer } from '../core/layers/mlops-stack';
import { Preset, presetSchema } from '../core/presets';
import { ExternalSecretsAccess } from '../core/secrets/external-secrets-access';
import { ISecretsManagerSecret } from '../core/secrets/secret-source';
import { failProp, Schemas, validateProps } from '../core/validation';
import { AccessLogBucket, AccessLogBucketProps } from './access-log-bucket';
import { SSO_DEFAULTS } from './constants';
import { ExternalDnsCloud } from './external-dns-cloud';
import { FrontDoorCertificate } from './front-door-certificate';
import { CognitoSsoRef, FrontDoorUserPool } from './front-door-user-pool';

/** An OpenID Connect provider of yours (Okta, Entra ID, Google, Keycloak, …). */
export interface OidcProviderConfig {
  readonly type: 'oidc';
  /** Issuer URL (`iss` of its tokens). */
  readonly issuer: string;
  /** Authorization endpoint (from the provider's `.well-known/openid-configuration`). */
  readonly authorizationEndpoint: string;
  /** Token endpoint. */
  readonly tokenEndpoint: string;
  /** User info endpoint. */
  readonly userInfoEndpoint: string;
  /**
   * The Secrets Manager secret with the client's id and secret as JSON properties (create it
   * yourself; register `https://<app>.<domain>/oauth2/idpresponse` as redirect URIs at the provider).
   */
  readonly clientCredentials: ISecretsManagerSecret;
  /** JSON property of the client id. @default 'client-id' */
  readonly clientIdProperty?: string;
  /** JSON property of the client secret. @default 'client-secret' */
  readonly clientSecretProperty?: string;
  /** Scopes requested (space-separated). @default 'openid email' */
  readonly scope?: string;
}

/** A Cognito user pool created by the library. */
export interface CognitoSsoConfig {
  readonly type: 'cognito';
  /** Hosted sign-in domain prefix. @default - `<project>-<environment>-<account id>` */
  readonly domainPrefix?: string;
}

/** Single sign-on at the load balancer. */
export type FrontDoorSsoConfig = OidcProviderConfig | CognitoSsoConfig;

/** The resolved single sign-on of a front door, as `FrontDoor` applies it. */
export type FrontDoorSso =
  | { readonly type: 'cognito'; readonly pool: CognitoSsoRef; readonly scope: string }
  | (Omit<OidcProviderConfig, 'clientIdProperty' | 'clientSecretProperty' | 'scope'> & { readonly clientIdProperty: string; readonly clientSecretProperty: string; readonly scope: string });

/** What `FrontDoor` (workloads layer) needs of the cloud side. */
export interface IFrontDoorCloud {
  /** The domain; app hosts are `<app>.<domain>`. */
  readonly domain: string;
  /** The apps with a host (and, with Cognito, a registered callback). */
  readonly apps: readonly string[];
  /** ARN of the validated (or imported) certificate. */
  readonly certificateArn: string;
  /** The access-log bucket and prefix, when logging. */
  readonly accessLogs?: { readonly bucketName: string; readonly prefix: string };
  /** Single sign-on, when configured. */
  readonly sso?: FrontDoorSso;
  /** Host of an app. */
  hostFor(app: string): string;
}

/** Props of {@link FrontDoorCloud}. */
export interface FrontDoorCloudProps {
  /** The cluster: an `EksCluster` of the same cloud stack, or the name of an existing cluster. */
  readonly cluster: EksCluster | { readonly clusterName: string };
  /** The domain of the front door, e.g. `ml.example.com`: app hosts are `<app>.<domain>`. */
  readonly domain: string;
  /** The apps it serves (host labels), e.g. `['mlflow', 'grafana']`. */
  readonly apps: readonly string[];
  /**
   * More names on the certificate (e.g. the serving gateway's `*.models.serving.<domain>`).
   * @default - none
   */
  readonly extraNames?: readonly string[];
  /**
   * Public Route 53 hosted zone of the domain: validates the certificate, and ExternalDNS writes the hosts there.
   * @default - none: pass `certificateArn` and create the DNS records yourself
   */
  readonly hostedZoneId?: string;
  /**
   * An existing ACM certificate (same region) covering `*.<domain>` and `extraNames`.
   * @default - issue one in `hostedZoneId`
   */
  readonly certificateArn?: string;
  /**
   * Single sign-on at the load balancer.
   * @default - none (each app's own login only)
   */
  readonly sso?: FrontDoorSsoConfig;
  /**
   * The External Secrets Operator's role: granted the OIDC client secret (required with `sso.type: 'oidc'`).
   * @default - none
   */
  readonly secretsAccess?: ExternalSecretsAccess;
  /**
   * Run ExternalDNS for the hosts (needs `hostedZoneId`).
   * @default - true when `hostedZoneId` is given
   */
  readonly externalDns?: boolean;
  /**
   * Access logs of the ALB (`false` for none).
   * @default - a 90-day `AccessLogBucket`
   */
  readonly accessLogs?: false | AccessLogBucketProps;
  /** `dev`: Cognito MFA optional; `prod`: required. @default 'prod' */
  readonly preset?: Preset;
}

const appName = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'is not a host label; use lowercase letters, digits and inner "-"' });

const schema = Schemas.object({
  cluster: Schemas.construct('an EksCluster or { clusterName }', { clusterName: z.string().min(1, { message: 'is empty; pass the EKS cluster name' }) }),
  domain: Schemas.dnsName(),
  apps: z.array(appName).min(1, { message: 'is empty; list the apps the front door serves, e.g. ["mlflow", "grafana"]' }),
  extraNames: z.array(Schemas.dnsName({ wildcard: true })).optional(),
  hostedZoneId: Schemas.hostedZoneId().optional(),
  certificateArn: Schemas.acmCertificateArn().optional(),
  sso: z
    .discriminatedUnion('type', [
      Schemas.object({
        type: z.literal('oidc'),
        issuer: Schemas.httpsUrl(),
        authorizationEndpoint: Schemas.httpsUrl(),
        tokenEndpoint: Schemas.httpsUrl(),
        userInfoEndpoint: Schemas.httpsUrl(),
        clientCredentials: Schemas.construct('a Secrets Manager secret (existingSecret({ secretArn, jsonKeys }))', { secretArn: z.string().min(1) }),
        clientIdProperty: z.string().min(1).optional(),
        clientSecretProperty: z.string().min(1).optional(),
        scope: z.string().regex(/^[\w:.\-/]+( [\w:.\-/]+)*$/, { message: 'is not a space-separated list of scopes, e.g. "openid email"' }).optional(),
      }),
      Schemas.object({ type: z.literal('cognito'), domainPrefix: z.string().optional() }),
    ], { message: 'must be { type: "cognito" } or { type: "oidc", issuer, authorizationEndpoint, tokenEndpoint, userInfoEndpoint, clientCredentials }' })
    .optional(),
  secretsAccess: Schemas.construct('the ExternalSecretsAccess').optional(),
  externalDns: z.boolean().optional(),
  // the bucket's own props are checked by AccessLogBucket
  accessLogs: z.union([z.literal(false), Schemas.object({ expirationDays: z.number().optional(), prefix: z.string().optional(), region: z.string().optional() })]).optional(),
  preset: presetSchema.optional(),
});

/** The AWS side of the front door. */
export class FrontDoorCloud extends Construct implements IFrontDoorCloud {
  public readonly domain: string;
  public readonly apps: readonly string[];
  public readonly certificate: FrontDoorCertificate;
  public readonly certificateArn: string;
  public readonly accessLogBucket?: AccessLogBucket;
  public readonly accessLogs?: { readonly bucketName: string; readonly prefix: string };
  public readonly userPool?: FrontDoorUserPool;
  public readonly sso?: FrontDoorSso;
  public readonly externalDns?: ExternalDnsCloud;

  constructor(scope: Construct, id: string, props: FrontDoorCloudProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'cloud', 'FrontDoorCloud');
    this.domain = props.domain;
    this.apps = [...new Set(props.apps)].sort();
    const hosts = this.apps.map((app) => this.hostFor(app));
    this.certificate = new FrontDoorCertificate(this, 'certificate', {
      domainName: props.domain,
      subjectAlternativeNames: [`*.${props.domain}`, ...(props.extraNames ?? [])],
      hostedZoneId: props.certificateArn === undefined ? props.hostedZoneId : undefined,
      certificateArn: props.certificateArn,
    });
    this.certificateArn = this.certificate.certificateArn;

    if (props.accessLogs !== false) {
      this.accessLogBucket = new AccessLogBucket(this, 'access-logs', props.accessLogs ?? {});
      this.accessLogs = { bucketName: this.accessLogBucket.bucketName, prefix: this.accessLogBucket.prefix };
    }

    const sso = props.sso;
    if (sso?.type === 'cognito') {
      this.userPool = new FrontDoorUserPool(this, 'user-pool', { hosts, domainPrefix: sso.domainPrefix, preset: props.preset });
      this.sso = { type: 'cognito', pool: this.userPool, scope: SSO_DEFAULTS.scope };
    } else if (sso?.type === 'oidc') {
      if (!props.secretsAccess) failProp(this, 'secretsAccess', undefined, 'is required with sso.type "oidc": the External Secrets Operator syncs the client secret; pass the ExternalSecretsAccess');
      props.secretsAccess.grantRead(sso.clientCredentials);
      this.sso = { ...sso, clientIdProperty: sso.clientIdProperty ?? 'client-id', clientSecretProperty: sso.clientSecretProperty ?? 'client-secret', scope: sso.scope ?? SSO_DEFAULTS.scope };
      const keys = sso.clientCredentials.jsonKeys;
      for (const [prop, key] of [['clientIdProperty', this.sso.clientIdProperty], ['clientSecretProperty', this.sso.clientSecretProperty]] as const) {
        if (keys !== undefined && !keys.includes(key)) failProp(this, `sso.${prop}`, key, `is not a property of the client secret (${keys.join(', ')}); name the JSON property that holds it`);
      }
    }

    const externalDns = props.externalDns ?? props.hostedZoneId !== undefined;
    if (externalDns) {
      if (props.hostedZoneId === undefined) failProp(this, 'externalDns', true, 'needs hostedZoneId (the zone ExternalDNS writes to); pass it or set externalDns: false');
      this.externalDns = new ExternalDnsCloud(this, 'external-dns', { cluster: props.cluster, hostedZoneId: props.hostedZoneId, domain: props.domain });
    }
  }

  public hostFor(app: string): string {
    return `${app}.${this.domain}`;
  }
}
