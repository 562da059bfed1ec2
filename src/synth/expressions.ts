/**
 * Terraform expressions inside synthesized strings: `${...}` interpolations, the resource
 * addresses they reference, and JSON documents (IAM policies) that contain interpolations.
 */

/** Prefixes of references that are not resources (`var.x`, `local.y`, `terraform.workspace`, …). */
const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'terraform', 'each', 'count', 'path', 'self']);

/** A resource type has a provider prefix: `aws_s3_bucket`, `kubernetes_manifest`, `terraform_remote_state`. */
const REFERENCE = /(?<![\w.-])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\])*)/g;

/** End index (exclusive) of the interpolation that starts at `start` (`${`), or -1 if unbalanced. */
function interpolationEnd(text: string, start: number): number {
  let depth = 0;
  let quote = false;
  for (let i = start + 2; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i + 1;
      depth--;
    }
  }
  return -1;
}

/** The `${...}` interpolations in a string, in order (with the `${` `}`). */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
    const end = interpolationEnd(text, i);
    if (end < 0) break;
    out.push(text.slice(i, end));
    i = end - 2;
  }
  return out;
}

/** True when the whole string is a single interpolation, e.g. `${aws_kms_key.k.arn}`. */
export function isPureExpression(value: unknown): boolean {
  if (typeof value !== 'string' || !value.startsWith('${')) return false;
  return interpolationEnd(value, 0) === value.length;
}

/** A resource reference found in an expression. */
export interface Reference {
  /** `type.name` or `data.type.name`. */
  readonly address: string;
  /** The attribute path after the address (`.arn`, `.outputs.x`), possibly empty. */
  readonly attribute: string;
}

/** Resource references in every interpolation of `text`. */
export function referencesIn(text: string): Reference[] {
  const out: Reference[] = [];
  for (const expr of interpolations(text)) {
    for (const m of expr.matchAll(REFERENCE)) {
      if (NON_RESOURCE_ROOTS.has(m[2])) continue;
      out.push({ address: `${m[1] ?? ''}${m[2]}.${m[3]}`, attribute: m[4] ?? '' });
    }
  }
  return out;
}

/** Resource references anywhere in a value (strings in nested objects/arrays) and `depends_on`. */
export function referencesInValue(value: unknown): Reference[] {
  if (typeof value === 'string') {
    // depends_on entries are bare addresses, not interpolations.
    if (/^(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*$/.test(value)) return [{ address: value, attribute: '' }];
    return value.includes('${') ? referencesIn(value) : [];
  }
  if (Array.isArray(value)) return value.flatMap(referencesInValue);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(referencesInValue);
  return [];
}

/**
 * Parses a JSON document that may contain Terraform interpolations, inside strings
 * (`"Resource": "${aws_s3_bucket.b.arn}/*"`, valid JSON already) or in value position
 * (`"Resource": ${jsonencode(var.arns)}`, which is turned into a string). Returns undefined when
 * the text is not a JSON object or array.
 */
export function parseJsonWithInterpolations(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through: quote interpolations that stand in value position
  }
  let out = '';
  let inString = false;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === '$' && trimmed[i + 1] === '{') {
      const end = interpolationEnd(trimmed, i);
      if (end < 0) return undefined;
      const expr = trimmed.slice(i, end);
      out += inString ? expr.replace(/\\?"/g, '\\"') : JSON.stringify(expr);
      i = end - 1;
      continue;
    }
    if (inString && c === '\\') {
      out += c + (trimmed[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    out += c;
  }
  try {
    return JSON.parse(out);
  } catch {
    return undefined;
  }
}
