/**
 * `WriteOnlyKubernetesSecret` (platform layer): a Kubernetes Secret whose data is copied from an
 * AWS Secrets Manager secret by Terraform without ever entering the synthesized JSON, the plan or
 * the state: an ephemeral `aws_secretsmanager_secret_version` reads the value during apply and it
 * goes only to the write-only argument `kubernetes_secret_v1.data_wo` (kubernetes provider ≥ 2.37).
 * Terraform rewrites the data when `data_wo_revision` changes: pass the source's version (a
 * `GeneratedSecret` bumps it to rotate).
 *
 * Why not a `SyncedSecret` (External Secrets Operator): its `ExternalSecret` is a custom resource,
 * so it lives in the workloads layer, and a platform-layer Helm release that needs the Secret at
 * pod start (Grafana's admin credentials) would wait for pods that cannot start until the next
 * layer runs. This Secret exists in the platform layer, before the release that reads it.
 * Trade-off: a rotation reaches the cluster at the next apply of the platform layer, not at ESO's
 * refresh interval.
 *
 * Needs Terraform ≥ 1.11 (write-only arguments); the construct sets `terraform.required_version`.
 */
import { Fn, ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { requireLayer } from '../layers/mlops-stack';
import { SECRET_VERSION_EPHEMERAL_TYPE, WRITE_ONLY_TERRAFORM_VERSION } from './constants';
import { EphemeralResource } from './ephemeral-resource';
import { ISecretsManagerSecret, secretsManagerSecretSchema } from './secret-source';
import { Schemas } from '../schemas';
import { failProp, validateProps } from '../validation';
import { KubernetesSecretV1 } from '../resources/kubernetes-core';

/** Props of {@link WriteOnlyKubernetesSecret}. */
export interface WriteOnlyKubernetesSecretProps {
  /** The Secrets Manager secret to copy (read by its `remoteKey`, the name when known at synth). */
  readonly source: ISecretsManagerSecret;
  /** Namespace of the Kubernetes Secret. */
  readonly namespace: string;
  /** Name of the Kubernetes Secret. */
  readonly secretName: string;
  /**
   * Secret keys taken from JSON properties of the source: `{ <secret key>: <property> }`.
   * @default - the whole (plain-string) value under `valueKey`
   */
  readonly properties?: Readonly<Record<string, string>>;
  /**
   * Key of a plain-string source's value.
   * @default 'value'
   */
  readonly valueKey?: string;
  /**
   * Revision of the data: Terraform rewrites the Secret when it changes. Pass the source's version.
   * @default 1
   */
  readonly revision?: number;
  /**
   * Labels of the Secret.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Resources the Secret waits for (its namespace).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const key = Schemas.secretKey();

const schema = Schemas.props<WriteOnlyKubernetesSecretProps>()({
  source: secretsManagerSecretSchema(),
  namespace: Schemas.k8sName(),
  secretName: Schemas.dnsSubdomain(),
  properties: z.record(key, z.string().min(1)).optional(),
  valueKey: key.optional(),
  revision: z.number().int().min(1, { message: 'must be at least 1; pass the source secret\'s version' }).optional(),
  labels: Schemas.labels().optional(),
  dependsOn: z.array(z.any()).optional(),
});

/** A Kubernetes Secret written from Secrets Manager through write-only arguments. */
export class WriteOnlyKubernetesSecret extends Construct {
  /** The `kubernetes_secret_v1`. */
  public readonly secret: KubernetesSecretV1;
  /** The ephemeral read of the source. */
  public readonly read: EphemeralResource;
  /** Name of the Secret. */
  public readonly secretName: string;
  /** Keys of the Secret, sorted. */
  public readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: WriteOnlyKubernetesSecretProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'platform', 'WriteOnlyKubernetesSecret');
    const { source } = props;
    if (props.properties && source.jsonKeys) {
      for (const [k, property] of Object.entries(props.properties)) {
        if (!source.jsonKeys.includes(property)) {
          failProp(this, `properties.${k}`, property, `is not a property of the source (${source.jsonKeys.join(', ')}); use one of them`);
        }
      }
    }
    if (!props.properties && source.jsonKeys) {
      failProp(this, 'properties', undefined, `is required for a JSON source (${source.jsonKeys.join(', ')}); map each Secret key to a property`);
    }
    this.secretName = props.secretName;
    this.read = new EphemeralResource(this, 'read', {
      type: SECRET_VERSION_EPHEMERAL_TYPE,
      config: { secret_id: source.remoteKey, version_stage: 'AWSCURRENT' },
    });
    const value = this.read.attribute('secret_string');
    const data: Record<string, string> = {};
    if (props.properties) {
      for (const k of Object.keys(props.properties).sort()) data[k] = Fn.lookup(Fn.jsondecode(value), props.properties[k]);
    } else {
      data[props.valueKey ?? 'value'] = value;
    }
    this.keys = Object.keys(data).sort();
    this.secret = new KubernetesSecretV1(this, 'secret', {
      metadata: { name: props.secretName, namespace: props.namespace, labels: props.labels ? { ...props.labels } : undefined },
      type: 'Opaque',
      dataWo: data,
      dataWoRevision: props.revision ?? 1,
      dependsOn: props.dependsOn,
    });
    TerraformStack.of(this).addOverride('terraform.required_version', WRITE_ONLY_TERRAFORM_VERSION);
  }

  /** `{ name, key }` for `secretKeyRef`; fails for a key the Secret does not have. */
  public secretKeyRef(k: string): { name: string; key: string } {
    if (!this.keys.includes(k)) failProp(this, 'secretKeyRef(key)', k, `is not a key of Secret "${this.secretName}" (${this.keys.join(', ')}); use one of them`);
    return { name: this.secretName, key: k };
  }
}
