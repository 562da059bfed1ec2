/**
 * Reference wiring: each Pod Identity association names a ServiceAccount that will exist, and each
 * Secret reference (`secretKeyRef`, `envFrom.secretRef`, a `secret` volume, or a Secret a chart is
 * pointed at by its values) names a Secret — and key — that the set produces in that namespace: an
 * ExternalSecret's target or a `kubernetes_secret_v1`.
 */
import { Inventory, nsName } from './inventory';
import { chartName, KubeObject, releaseValues, resolveName, resourcesOf, SetJson, valueReader } from './model';
import { CHART_OBJECTS } from './upstream-objects';

/** Problems of the Pod Identity associations of a set. */
export function identityProblems(set: SetJson, inventory: Inventory): string[] {
  return resourcesOf(set)
    .filter((r) => r.type === 'aws_eks_pod_identity_association')
    .flatMap((r) => {
      const namespace = resolveName(r.body.namespace, set, r.stack);
      const account = resolveName(r.body.service_account, set, r.stack);
      const where = `${r.stack} ${r.address}`;
      if (namespace === undefined || account === undefined) return [`${where}: namespace/service account ${r.body.namespace}/${r.body.service_account} is not a literal the check can follow`];
      return inventory.serviceAccounts.has(nsName(namespace, account)) ? [] : [`${where}: ServiceAccount ${namespace}/${account} is created by no stack of the set and no chart it installs`];
    });
}

/** A reference to a Secret (and key) found in an object. */
interface SecretReference {
  readonly name: string;
  readonly key?: string;
  readonly via: string;
}

/** Secret references anywhere in a value: env `secretKeyRef`, `envFrom` `secretRef`, `secret` volumes (typed snake_case or camelCase). */
function secretReferences(value: unknown, out: SecretReference[] = []): SecretReference[] {
  if (Array.isArray(value)) value.forEach((v) => secretReferences(v, out));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, any>)) {
    if (k === '//') continue;
    for (const ref of [v].flat()) {
      if (ref === null || typeof ref !== 'object') continue;
      if ((k === 'secretKeyRef' || k === 'secret_key_ref') && ref.optional !== true) out.push({ name: ref.name, key: ref.key, via: 'secretKeyRef' });
      if ((k === 'secretRef' || k === 'secret_ref') && ref.optional !== true && typeof ref.name === 'string') out.push({ name: ref.name, via: 'envFrom.secretRef' });
      if (k === 'secret' && (ref.secretName ?? ref.secret_name) !== undefined && ref.optional !== true) out.push({ name: ref.secretName ?? ref.secret_name, via: 'secret volume' });
    }
    secretReferences(v, out);
  }
  return out;
}

function referencesOf(o: KubeObject): SecretReference[] {
  if (o.kind !== 'HelmRelease') return secretReferences(o.resource.type === 'kubernetes_manifest' ? o.resource.body.manifest : o.resource.body);
  const values = releaseValues(o.resource.body);
  const table = CHART_OBJECTS[chartName(String(o.resource.body.chart))]?.secretRefs?.(valueReader(values)) ?? [];
  return [...secretReferences(values).map((r) => ({ ...r, via: `values ${r.via}` })), ...table.map((r) => ({ ...r, via: `values ${r.via}` }))];
}

/** Problems of the Secret references of a set, and how many keys could only be checked by Secret name (`dataFrom`). */
export function secretProblems(inventory: Inventory): { problems: string[]; keysUnknown: number } {
  const problems: string[] = [];
  let keysUnknown = 0;
  for (const o of inventory.objects) {
    if (o.kind === 'ExternalSecret' || o.kind === 'Secret') continue;
    for (const ref of referencesOf(o)) {
      const where = `${o.resource.stack} ${o.resource.address} (${o.kind} ${o.namespace}/${o.name}) ${ref.via}`;
      const secret = inventory.secrets.get(nsName(o.namespace, ref.name));
      if (!secret) problems.push(`${where}: Secret ${o.namespace}/${ref.name} is produced by no ExternalSecret or Secret of the set in that namespace`);
      else if (ref.key !== undefined && secret.keys === '*') keysUnknown++;
      else if (ref.key !== undefined && secret.keys !== '*' && !secret.keys.has(ref.key)) {
        problems.push(`${where}: Secret ${o.namespace}/${ref.name} (from ${secret.from}) has no key "${ref.key}" (keys: ${[...secret.keys].sort().join(', ')})`);
      }
    }
  }
  return { problems, keysUnknown };
}
