/**
 * `OidcClientSecret` (workloads layer): the OIDC client of the front door in one namespace, where
 * the AWS Load Balancer Controller reads it for the Ingresses there
 * (`alb.ingress.kubernetes.io/auth-idp-oidc` names the Secret; the controller wants the keys
 * `clientID` and `clientSecret`, in the Ingress's namespace):
 *
 * - a `SyncedSecret` (ExternalSecret) copying the two properties from Secrets Manager — the values
 *   are in no synthesized file, plan or state;
 * - a Role and RoleBinding that let the controller's service account `get`, `list` and `watch` that
 *   one Secret (the chart grants no Secret access: `clusterSecretsPermissions.allowAllSecrets` is off).
 */
import { Construct } from 'constructs';
import { ISecretStoreRef } from '../core/secrets/secret-store';
import { SyncedSecret } from '../core/secrets/synced-secret';
import { AwsLoadBalancerControllerCloudRef } from './aws-load-balancer-controller-cloud';
import { OIDC_CLIENT_SECRET_NAME, OIDC_SECRET_KEYS } from './constants';
import { FrontDoorSso } from './front-door-cloud';
import { KubernetesRoleBindingV1, KubernetesRoleV1 } from '../core/resources/kubernetes-core';

/** Props of {@link OidcClientSecret}. */
export interface OidcClientSecretProps {
  /** The OIDC single sign-on of the front door. */
  readonly sso: Extract<FrontDoorSso, { type: 'oidc' }>;
  /** Namespace of the Ingresses. */
  readonly namespace: string;
  /** The secret store the ExternalSecret reads through. */
  readonly store: ISecretStoreRef;
  /** The controller that reads the Secret (its namespace and service account). */
  readonly controller: Pick<AwsLoadBalancerControllerCloudRef, 'namespace' | 'serviceAccount'>;
}

/** The OIDC client Secret of one namespace and the controller's access to it. */
export class OidcClientSecret extends Construct {
  public readonly secret: SyncedSecret;
  public readonly role: KubernetesRoleV1;
  public readonly roleBinding: KubernetesRoleBindingV1;
  /** Name of the Kubernetes Secret. */
  public readonly secretName: string = OIDC_CLIENT_SECRET_NAME;

  constructor(scope: Construct, id: string, props: OidcClientSecretProps) {
    super(scope, id);
    const { namespace } = props;
    this.secret = new SyncedSecret(this, 'secret', {
      store: props.store,
      source: props.sso.clientCredentials,
      namespace,
      secretName: this.secretName,
      properties: { [OIDC_SECRET_KEYS.clientId]: props.sso.clientIdProperty, [OIDC_SECRET_KEYS.clientSecret]: props.sso.clientSecretProperty },
    });
    const name = 'frontdoor-oidc-client-reader';
    this.role = new KubernetesRoleV1(this, 'role', {
      metadata: { name, namespace },
      rule: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [this.secretName], verbs: ['get', 'list', 'watch'] }],
    });
    this.roleBinding = new KubernetesRoleBindingV1(this, 'role-binding', {
      metadata: { name, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subject: [{ kind: 'ServiceAccount', name: props.controller.serviceAccount, namespace: props.controller.namespace }],
      dependsOn: [this.role],
    });
  }
}
