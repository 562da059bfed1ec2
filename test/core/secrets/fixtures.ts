/** Shared helpers of the secrets tests. */
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';

/** Resolves tokens in `value` as they would be synthesized in `stack`. */
export function resolveIn(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
}

/** Every string in a JSON value, with its path. */
export function allStrings(value: unknown, path = ''): Array<{ path: string; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => allStrings(v, path ? `${path}.${k}` : k));
  return [];
}
