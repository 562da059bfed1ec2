/**
 * `SecretStore` (workloads layer): the `ClusterSecretStore` through which `ExternalSecret`s read AWS
 * Secrets Manager. It names no credentials: the controller uses its own, from EKS Pod Identity
 * (`ExternalSecretsAccess`), so what it can read is exactly what was granted there.
 *
 * `namespaces` narrows which namespaces may reference the store (`spec.conditions`) — use it so a
 * tenant namespace cannot sync another component's database password.
 *
 * @see https://external-secrets.io/latest/provider/aws-secrets-manager/
 */
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesManifest } from '../resources/kubernetes-manifest';
import { z } from 'zod';
import { MlopsStack, requireLayer } from '../layers/mlops-stack';
import { Schemas } from '../schemas';
import { failProp, validateProps } from '../validation';
import { EXTERNAL_SECRETS_API_VERSION, EXTERNAL_SECRETS_DEFAULTS, EXTERNAL_SECRETS_KINDS, SECRETS_MANAGER_SERVICE } from './constants';

/** What an `ExternalSecret` needs to reference a store. */
export interface ISecretStoreRef {
  /** Name of the store. */
  readonly storeName: string;
  /** `ClusterSecretStore` or `SecretStore`. */
  readonly storeKind: 'ClusterSecretStore' | 'SecretStore';
  /** Namespaces allowed to use the store, or undefined for all. */
  readonly allowedNamespaces?: readonly string[];
  /**
   * The resource that creates the store, when it is in the app: ExternalSecrets in the same stack
   * wait for it (otherwise the first apply may create them before their store exists).
   */
  readonly storeResource?: ITerraformDependable;
}

/** Props of {@link SecretStore}. */
export interface SecretStoreProps {
  /**
   * Name of the `ClusterSecretStore`.
   * @default EXTERNAL_SECRETS_DEFAULTS.clusterSecretStoreName ('aws-secrets-manager')
   */
  readonly name?: string;
  /**
   * Region of the secrets.
   * @default - the region of the enclosing `WorkloadsStack`
   */
  readonly region?: string;
  /**
   * Namespaces whose `ExternalSecret`s may use the store (`spec.conditions[].namespaces`).
   * @default - every namespace
   */
  readonly namespaces?: readonly string[];
}

const schema = Schemas.props<SecretStoreProps>()({
  name: Schemas.dnsSubdomain().optional(),
  region: Schemas.region().optional(),
  namespaces: z
    .array(Schemas.k8sName())
    .min(1, { message: 'is empty; list the namespaces or omit the prop to allow all' })
    .refine((n) => new Set(n).size === n.length, { message: 'lists a namespace twice; give each once' })
    .optional(),
});

/** Schema of a prop that takes an {@link ISecretStoreRef} (a `SecretStore`). */
export function secretStoreRefSchema() {
  return Schemas.construct('a secret store (a SecretStore)', {
    storeName: z.string({ message: 'is required; a store reference has the store name' }),
    storeKind: z.enum(['ClusterSecretStore', 'SecretStore'], { message: 'must be "ClusterSecretStore" or "SecretStore"' }),
    allowedNamespaces: z.array(z.string()).optional(),
  });
}

/** A `ClusterSecretStore` for AWS Secrets Manager using the controller's Pod Identity. */
export class SecretStore extends Construct implements ISecretStoreRef {
  /** The `kubernetes_manifest`. */
  public readonly manifest: KubernetesManifest;
  public readonly storeName: string;
  public readonly storeKind = EXTERNAL_SECRETS_KINDS.clusterSecretStore;
  public readonly allowedNamespaces?: readonly string[];
  public get storeResource(): ITerraformDependable {
    return this.manifest;
  }

  constructor(scope: Construct, id: string, props: SecretStoreProps = {}) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'SecretStore');
    const stack = TerraformStack.of(this);
    const region = props.region ?? (stack instanceof MlopsStack ? stack.region : undefined);
    if (region === undefined) failProp(this, 'region', region, 'is required outside a WorkloadsStack; pass the region of the secrets');
    this.storeName = props.name ?? EXTERNAL_SECRETS_DEFAULTS.clusterSecretStoreName;
    this.allowedNamespaces = props.namespaces ? [...props.namespaces].sort() : undefined;
    this.manifest = new KubernetesManifest(this, 'store', {
      manifest: {
        apiVersion: EXTERNAL_SECRETS_API_VERSION,
        kind: EXTERNAL_SECRETS_KINDS.clusterSecretStore,
        metadata: { name: this.storeName },
        spec: {
          provider: { aws: { service: SECRETS_MANAGER_SERVICE, region } },
          ...(this.allowedNamespaces ? { conditions: [{ namespaces: [...this.allowedNamespaces] }] } : {}),
        },
      },
    });
  }
}
