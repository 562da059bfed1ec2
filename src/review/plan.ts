/**
 * Real-plan mode: Terraform's own plan (`terraform show -json <planfile>`) of a stack is the
 * authoritative answer to "what happens to each resource": its `actions` (create, update,
 * delete+create…), `replace_paths`, unknown values and data source reads. When a pipeline can run
 * `terraform plan` (read-only cloud credentials), `cdktf-mlops diff --plans <dir>` reads one plan
 * per stack (`<dir>/<stack>.json`) and uses it instead of the static comparison for that stack;
 * stacks without a plan stay static. Sensitive values (`before_sensitive`/`after_sensitive`) and
 * secret-looking keys are redacted as in the static diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import { diffAttributes } from './attributes';
import { SynthOutputError } from '../synth/load';
import { REDACTED } from './redact';
import { AttributeChange, ResourceChange } from './types';

/** Shown for a value Terraform knows only after apply. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** One entry of a plan's `resource_changes`. */
export interface PlanResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly action_reason?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
}

/** The parts of `terraform show -json` the review reads. */
export interface TerraformPlan {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly PlanResourceChange[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `<dir>/<stack>.json` plans; the stack name is the file name. */
export function loadPlans(dir: string): Map<string, TerraformPlan> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new SynthOutputError(`${dir} is not a directory; pass the directory holding one \`terraform show -json\` file per stack (<stack>.json)`);
  const plans = new Map<string, TerraformPlan>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const full = path.join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(full, 'utf8'));
    } catch (e) {
      throw new SynthOutputError(`${full} is not valid JSON (${(e as Error).message}); write it with \`terraform show -json plan.tfplan > ${file}\``);
    }
    if (!isObject(json) || !Array.isArray(json.resource_changes) || typeof json.format_version !== 'string') {
      throw new SynthOutputError(`${full} is not a plan in Terraform's JSON format (no format_version/resource_changes); write it with \`terraform show -json plan.tfplan > ${file}\``);
    }
    plans.set(file.slice(0, -'.json'.length), json as TerraformPlan);
  }
  return plans;
}

/** `before`/`after` with sensitive parts replaced by the marker and unknown parts by {@link KNOWN_AFTER_APPLY}. */
function mask(value: unknown, sensitive: unknown, unknown?: unknown): unknown {
  if (sensitive === true) return REDACTED;
  if (unknown === true) return KNOWN_AFTER_APPLY;
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const v = Array.isArray(value) ? value : [];
    const n = Math.max(v.length, Array.isArray(unknown) ? unknown.length : 0);
    return Array.from({ length: n }, (_, i) => mask(v[i], Array.isArray(sensitive) ? sensitive[i] : undefined, Array.isArray(unknown) ? unknown[i] : undefined));
  }
  if (isObject(value) || isObject(unknown)) {
    const v = isObject(value) ? value : {};
    const keys = new Set([...Object.keys(v), ...(isObject(unknown) ? Object.keys(unknown) : [])]);
    return Object.fromEntries([...keys].map((k) => [k, mask(v[k], isObject(sensitive) ? sensitive[k] : undefined, isObject(unknown) ? unknown[k] : undefined)]));
  }
  return value;
}

const pathText = (p: readonly (string | number)[]): string => p.map((x) => (typeof x === 'number' ? `[${x}]` : x)).join('.').replace(/\.\[/g, '[');

function attributeChanges(rc: PlanResourceChange): AttributeChange[] {
  const before = mask(rc.change.before ?? {}, rc.change.before_sensitive);
  const after = mask(rc.change.after ?? {}, rc.change.after_sensitive, rc.change.after_unknown);
  if (!isObject(before) || !isObject(after)) return [];
  // values Terraform computes (unknown now) are not changes the reviewer made; keep those whose before was set
  return diffAttributes(rc.type, before, after).filter((c) => !(c.after === KNOWN_AFTER_APPLY && (c.before === undefined || c.before === null)));
}

/** The review's changes of one stack from its plan: managed resources, and data sources read during apply. */
export function planChanges(stack: string, plan: TerraformPlan): ResourceChange[] {
  const out: ResourceChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const acts = rc.change.actions.join('+');
    const base = { stack, address: rc.address, type: rc.type, source: 'plan' as const };
    if (rc.mode === 'data') {
      // a read at apply time: its values are unknown now (it reads something that changes)
      if (acts === 'read') out.push({ ...base, kind: 'updated', block: 'data', changes: [{ path: '(read during apply)', before: undefined, after: rc.action_reason ?? KNOWN_AFTER_APPLY }], forceNew: [] });
      continue;
    }
    if (acts === 'no-op' || acts === 'read') continue;
    if (acts === 'create') out.push({ ...base, kind: 'added', changes: [], forceNew: [] });
    else if (acts === 'delete') out.push({ ...base, kind: 'removed', changes: [], forceNew: [] });
    else if (acts === 'update') out.push({ ...base, kind: 'updated', changes: attributeChanges(rc), forceNew: [] });
    else {
      const forceNew = [...new Set((rc.change.replace_paths ?? []).map((p) => pathText(p).replace(/\[\d+\]/g, '')))].sort();
      out.push({ ...base, kind: 'replaced', changes: attributeChanges(rc), forceNew: forceNew.length > 0 ? forceNew : [`(${rc.action_reason ?? acts})`] });
    }
  }
  return out;
}

/**
 * Replaces the static changes of every stack that has a plan with the plan's changes (construct
 * paths taken from the static side where the address matches). Returns the merged list.
 */
export function applyPlans(changes: readonly ResourceChange[], plans: ReadonlyMap<string, TerraformPlan>): ResourceChange[] {
  const fromPlans = [...plans].flatMap(([stack, plan]) => planChanges(stack, plan));
  const pathOf = new Map(changes.map((c) => [`${c.stack}\u0000${c.address}`, c.path]));
  const kept = changes.filter((c) => !plans.has(c.stack) || (c.block !== undefined && c.block !== 'data'));
  return [...kept, ...fromPlans.map((c) => ({ ...c, path: pathOf.get(`${c.stack}\u0000${c.address}`) }))];
}
