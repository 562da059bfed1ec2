/**
 * `SyncedSecret` (workloads layer): an `ExternalSecret` that copies a Secrets Manager secret into a
 * Kubernetes Secret — the whole JSON value, selected properties, or a template built from them
 * (e.g. a DSN) — and keeps it in sync (`refreshInterval`). The Secret is owned by the
 * ExternalSecret (`creationPolicy: Owner`): deleting the ExternalSecret deletes it.
 *
 * The value passes from Secrets Manager to etcd through the ESO controller only: it is never in the
 * synthesized JSON, the plan, the state or Helm values. Pods read it with `secretKeyRef`
 * ({@link SyncedSecret.secretKeyRef}, {@link SyncedSecret.envVar}).
 *
 * Layering: this is a custom resource, so it lives in the workloads layer. An application whose
 * pods need the Secret at start goes in the workloads layer too, with `dependsOn: [synced.manifest]`
 * — the manifest waits (by default) until ESO reports the ExternalSecret `Ready`, i.e. the Secret
 * exists. A platform-layer Helm release with `wait = true` would time out instead.
 *
 * @see https://external-secrets.io/latest/api/externalsecret/
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesManifest } from '../resources/kubernetes-manifest';
import { z } from 'zod';
import { requireLayer } from '../layers/mlops-stack';
import { k8sName } from '../naming';
import { Schemas } from '../schemas';
import { failProp, validateProps } from '../validation';
import { EXTERNAL_SECRET_READY_CONDITION, EXTERNAL_SECRETS_API_VERSION, EXTERNAL_SECRETS_DEFAULTS, EXTERNAL_SECRETS_KINDS } from './constants';
import { checkSecretKeys } from './secret-keys';
import { ISecretsManagerSecret, secretsManagerSecretSchema } from './secret-source';
import { ISecretStoreRef, secretStoreRefSchema } from './secret-store';

/** Props of {@link SyncedSecret}. */
export interface SyncedSecretProps {
  /** The store to read through (a `SecretStore`). */
  readonly store: ISecretStoreRef;
  /** The Secrets Manager secret to sync. */
  readonly source: ISecretsManagerSecret;
  /** Namespace of the ExternalSecret and of the Kubernetes Secret it creates. */
  readonly namespace: string;
  /**
   * Name of the Kubernetes Secret (and of the ExternalSecret).
   * @default - the construct id as a Kubernetes name
   */
  readonly secretName?: string;
  /**
   * Kubernetes Secret keys taken from JSON properties of the source: `{ <secret key>: <property> }`.
   * Required to sync a JSON secret whose `jsonKeys` are not declared (its keys would be unknown).
   * @default - every property of a source with `jsonKeys` (`dataFrom.extract`); for a plain-string source, one key `valueKey`
   */
  readonly properties?: Readonly<Record<string, string>>;
  /**
   * The Secret key that receives a plain-string source.
   * @default 'value'
   */
  readonly valueKey?: string;
  /**
   * Keys built with ESO templates (engine v2, Go templates over the fetched keys), e.g.
   * `{ DSN: 'postgresql://{{ .username }}:{{ .password }}@db:5432/mlflow' }`. With a template the
   * Secret holds only these keys unless `mergeTemplate` is on.
   * @default - no template
   */
  readonly template?: Readonly<Record<string, string>>;
  /**
   * Keep the fetched keys next to the templated ones (`mergePolicy: Merge`).
   * @default false
   */
  readonly mergeTemplate?: boolean;
  /**
   * How often ESO re-reads the source (Go duration). Use something short for secrets that rotate
   * (RDS-managed passwords).
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /**
   * Make Terraform wait until ESO reports the ExternalSecret `Ready` (the Secret exists), so
   * resources that `dependsOn` the manifest start after it.
   * @default true
   */
  readonly waitForReady?: boolean;
}

/**
 * How ESO reads a value, set explicitly (these are ESO's own defaults): the v1 CRD does not default
 * them, so spelling them out keeps the synthesized manifest equal to what the controller applies.
 */
export const REMOTE_REF_DEFAULTS = { conversionStrategy: 'Default', decodingStrategy: 'None', metadataPolicy: 'None' } as const;

const secretKey = Schemas.secretKey();

const schema = Schemas.props<SyncedSecretProps>()({
  store: secretStoreRefSchema(),
  source: secretsManagerSecretSchema(),
  namespace: Schemas.k8sName(),
  secretName: Schemas.dnsSubdomain().optional(),
  properties: z.record(z.string(), z.string().min(1)).optional(),
  valueKey: secretKey.optional(),
  template: z
    .record(
      z.string(),
      z.string().refine((t) => !t.includes('${') && !t.includes('%{'), {
        message: 'contains "${" or "%{", which Terraform would interpolate; ESO templates use {{ .key }}',
      }),
    )
    .optional(),
  mergeTemplate: z.boolean().optional(),
  refreshInterval: Schemas.goDuration('"1h", "15m" or "0s" (fetch once)').optional(),
  waitForReady: z.boolean().optional(),
});

/** A Kubernetes Secret synced from AWS Secrets Manager by an `ExternalSecret`. */
export class SyncedSecret extends Construct {
  /** The `kubernetes_manifest` of the ExternalSecret (use it in `dependsOn`). */
  public readonly manifest: KubernetesManifest;
  /** Name of the Kubernetes Secret. */
  public readonly secretName: string;
  /** Namespace of the Kubernetes Secret. */
  public readonly namespace: string;
  /** Keys the Secret will hold, sorted. */
  public readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: SyncedSecretProps) {
    super(scope, id);
    validateProps(this, schema, props);
    requireLayer(this, 'workloads', 'SyncedSecret');
    checkSecretKeys(this, 'properties', props.properties);
    checkSecretKeys(this, 'template', props.template);
    const { source, store } = props;
    const isJson = source.jsonKeys !== undefined;
    if (props.valueKey !== undefined && (isJson || props.properties)) {
      failProp(this, 'valueKey', props.valueKey, 'applies to a plain-string source synced whole; with a JSON source or `properties`, name the keys in `properties`');
    }
    if (props.properties && isJson) {
      for (const [key, property] of Object.entries(props.properties)) {
        if (!source.jsonKeys!.includes(property)) {
          failProp(this, `properties.${key}`, property, `is not a property of the source (${source.jsonKeys!.join(', ')}); use one of them`);
        }
      }
    }
    if (props.mergeTemplate && !props.template) {
      failProp(this, 'mergeTemplate', true, 'has no effect without `template`; add a template or drop mergeTemplate');
    }
    if (store.allowedNamespaces && !store.allowedNamespaces.includes(props.namespace)) {
      failProp(this, 'namespace', props.namespace, `may not use store "${store.storeName}" (allowed: ${store.allowedNamespaces.join(', ')}); add the namespace to the SecretStore's namespaces`);
    }
    this.namespace = props.namespace;
    this.secretName = props.secretName ?? k8sName(id);

    const remoteRef = (property?: string) => ({ key: source.remoteKey, ...(property !== undefined ? { property } : {}), ...REMOTE_REF_DEFAULTS });
    let fetched: string[];
    let data: Array<Record<string, unknown>> | undefined;
    let dataFrom: Array<Record<string, unknown>> | undefined;
    if (props.properties) {
      fetched = Object.keys(props.properties);
      data = fetched.sort().map((key) => ({ secretKey: key, remoteRef: remoteRef(props.properties![key]) }));
    } else if (isJson) {
      fetched = [...source.jsonKeys!];
      dataFrom = [{ extract: remoteRef() }];
    } else {
      const key = props.valueKey ?? 'value';
      fetched = [key];
      data = [{ secretKey: key, remoteRef: remoteRef() }];
    }
    const templated = Object.keys(props.template ?? {});
    this.keys = [...new Set(props.template ? (props.mergeTemplate ? [...fetched, ...templated] : templated) : fetched)].sort();

    const target: Record<string, unknown> = { name: this.secretName, creationPolicy: 'Owner', deletionPolicy: 'Retain' };
    if (props.template) {
      target.template = {
        engineVersion: 'v2',
        mergePolicy: props.mergeTemplate ? 'Merge' : 'Replace',
        type: 'Opaque',
        data: sortedRecord(props.template),
      };
    }
    const wait = props.waitForReady ?? true;
    this.manifest = new KubernetesManifest(this, 'external-secret', {
      manifest: {
        apiVersion: EXTERNAL_SECRETS_API_VERSION,
        kind: EXTERNAL_SECRETS_KINDS.externalSecret,
        metadata: { name: this.secretName, namespace: this.namespace },
        spec: {
          refreshInterval: props.refreshInterval ?? EXTERNAL_SECRETS_DEFAULTS.refreshInterval,
          secretStoreRef: { kind: store.storeKind, name: store.storeName },
          target,
          ...(data ? { data } : {}),
          ...(dataFrom ? { dataFrom } : {}),
        },
      },
      ...(wait ? { wait: { condition: [{ ...EXTERNAL_SECRET_READY_CONDITION }] }, timeouts: { create: '10m', update: '10m' } } : {}),
      ...(storeInSameStack(this, store) ? { dependsOn: [store.storeResource!] } : {}),
    });
  }

  /** `{ name, key }` for a container's `env[].valueFrom.secretKeyRef`; fails for a key the Secret will not have. */
  public secretKeyRef(key: string): { name: string; key: string } {
    if (this.keys.length > 0 && !this.keys.includes(key)) {
      failProp(this, 'secretKeyRef(key)', key, `is not a key of Secret "${this.secretName}" (${this.keys.join(', ')}); use one of them`);
    }
    return { name: this.secretName, key };
  }

  /** A container env var read from the Secret: `{ name, valueFrom: { secretKeyRef: { name, key } } }`. */
  public envVar(name: string, key: string): { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } } {
    return { name, valueFrom: { secretKeyRef: this.secretKeyRef(key) } };
  }
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
}

/** Whether `store` is created by a resource of the same stack as `scope` (then the ExternalSecret waits for it). */
function storeInSameStack(scope: Construct, store: ISecretStoreRef): boolean {
  const resource = store.storeResource;
  return resource !== undefined && Construct.isConstruct(resource) && TerraformStack.of(resource) === TerraformStack.of(scope);
}
