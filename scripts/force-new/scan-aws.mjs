#!/usr/bin/env node
// Which attributes of each AWS resource type force replacement, asked of the REAL hashicorp/aws provider.
//
// usage: node scripts/force-new/scan-aws.mjs <replace-oracle work dir> <out facts.json>
//
// Input: a work dir of ../shared/tools/terraform-aws-replace-oracle.sh run with the same tree as base and head
// (scripts/force-new/generate.sh does that). For each stack it holds run/cdk.tf.json (the prepared config),
// run/.terraform (the provider, initialized) and run/terraform.tfstate (the state the provider itself planned
// for that config, converged to a no-op).
//
// How: `terraform plan` compares the state (prior) with the config. Validators check only the config, never the
// state, so the state can hold any value of the right type. This script changes, in the state, every configurable
// attribute of every resource instance at once, plans the unchanged config against it and reads the plan JSON:
// an attribute in `replace_paths` = the provider forces replacement on a change of it; changed in `after` without
// being in `replace_paths` = in place; unchanged in `after` = the provider ignores the difference (computed,
// suppressed). A replaced resource's other attributes are asked again in a next round without the replacing
// ones (a replaced resource reads as unknown everywhere). A replacement reached through a reference (a cascade) is listed in `replace_paths` under the
// referencing attribute, which is then a replacing attribute too. When the plan fails on a resource (a
// CustomizeDiff that rejects a changed value), that resource's attributes are split in halves and tried again.
// Nothing here knows which attributes force replacement.
//
// Output: { provider, version, types: { <type>: { replace: [...], inPlace: [...], noDiff: [...], failed: [...] } } }
// with attribute paths as `a.b.c` (list indices dropped).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const [workDir, outFile] = process.argv.slice(2);
if (!workDir || !outFile) {
  console.error('usage: scan-aws.mjs <replace-oracle work dir> <out facts.json>');
  process.exit(2);
}
const AWS = 'registry.terraform.io/hashicorp/aws';
const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(workDir, 'tfrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', AWS_EC2_METADATA_DISABLED: 'true' };
const tf = (cwd, args) => execFileSync('terraform', args, { cwd, env, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

const stacks = fs.readdirSync(workDir).filter((s) => fs.existsSync(path.join(workDir, s, 'run', 'terraform.tfstate'))).sort();
if (stacks.length === 0) {
  console.error(`no stacks with run/terraform.tfstate under ${workDir}`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------- schema walking
let schema;
function providerSchema(run) {
  if (!schema) schema = JSON.parse(tf(run, ['providers', 'schema', '-json'])).provider_schemas[AWS];
  return schema;
}
const versionOf = (run) => {
  const lock = fs.readFileSync(path.join(run, '.terraform.lock.hcl'), 'utf8');
  return /version\s*=\s*"([^"]+)"/.exec(lock)?.[1] ?? 'unknown';
};

/** Configurable leaf attribute paths present in a state value, walking nested blocks (first element). */
function candidates(block, value, prefix = [], out = []) {
  for (const [name, a] of Object.entries(block.attributes ?? {})) {
    if (!a.optional && !a.required) continue; // computed only: config cannot set it
    if (a.nested_type) {
      const v = value?.[name];
      const el = Array.isArray(v) ? v[0] : v;
      if (el && typeof el === 'object' && !Array.isArray(el)) candidates({ attributes: a.nested_type.attributes }, el, [...prefix, name, ...(Array.isArray(v) ? [0] : [])], out);
      else out.push([...prefix, name]);
      continue;
    }
    out.push([...prefix, name]);
  }
  for (const [name, b] of Object.entries(block.block_types ?? {})) {
    const v = value?.[name];
    if (Array.isArray(v) && v.length > 0) candidates(b.block, v[0], [...prefix, name, 0], out);
    else if (v && typeof v === 'object' && !Array.isArray(v)) candidates(b.block, v, [...prefix, name], out);
  }
  return out;
}

function typeAt(block, p) {
  let cur = { attributes: block.attributes, block_types: block.block_types };
  let ty;
  for (const k of p) {
    if (typeof k === 'number') continue;
    if (cur.attributes?.[k]) {
      const a = cur.attributes[k];
      if (a.nested_type) cur = { attributes: a.nested_type.attributes };
      else ty = a.type;
    } else if (cur.block_types?.[k]) cur = cur.block_types[k].block;
  }
  return ty;
}

// ------------------------------------------------------------------------------------------------ mutation
function shiftedCidr(v) {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(v);
  return m ? `${m[1]}.${(Number(m[2]) + 10) % 256}.${m[3]}.${m[4]}/${m[5]}` : undefined;
}
function mutateScalar(ty, v) {
  if (ty === 'bool') return v === true ? false : true;
  if (ty === 'number') return typeof v === 'number' ? v + 1 : 1;
  if (v === null || v === undefined) return 'scan-mutated';
  const s = String(v);
  if (/^-?\d+(\.\d+)?$/.test(s)) return String(Number(s) + 1).replace(/^(\d+)$/, s.includes('.') ? '$1.0' : '$1');
  if (s === 'true' || s === 'false') return s === 'true' ? 'false' : 'true';
  return shiftedCidr(s) ?? `${s}-scan`;
}
function mutate(ty, v) {
  if (Array.isArray(ty) && (ty[0] === 'list' || ty[0] === 'set')) {
    const inner = ty[1];
    const list = Array.isArray(v) ? v : [];
    return typeof inner === 'string' ? [...list, mutateScalar(inner, null)] : list.length > 0 ? list.slice(1) : list;
  }
  if (Array.isArray(ty) && ty[0] === 'map') return { ...(v ?? {}), 'scan-mutated': mutateScalar(ty[1], null) };
  if (Array.isArray(ty)) return v; // object/tuple: not mutated (rare)
  return mutateScalar(ty, v);
}
function setAt(obj, p, fn) {
  let cur = obj;
  for (const k of p.slice(0, -1)) {
    if (cur[k] === null || cur[k] === undefined) return false;
    cur = cur[k];
  }
  const last = p[p.length - 1];
  const next = fn(cur[last]);
  if (JSON.stringify(next) === JSON.stringify(cur[last])) return false;
  cur[last] = next;
  return true;
}
const names = (p) => p.filter((k) => typeof k !== 'number' && !/^\d+$/.test(String(k))).join('.');

// -------------------------------------------------------------------------------------------------- planning
function prepareRun(stack) {
  const src = path.join(workDir, stack, 'run');
  const dir = path.join(workDir, stack, 'scan');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const cfg = JSON.parse(fs.readFileSync(path.join(src, 'cdk.tf.json'), 'utf8'));
  // ignore_changes would hide a change of the attribute under test
  for (const byName of Object.values(cfg.resource ?? {})) for (const r of Object.values(byName)) if (r.lifecycle) delete r.lifecycle.ignore_changes;
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(cfg));
  fs.symlinkSync(path.join(src, '.terraform'), path.join(dir, '.terraform'));
  fs.copyFileSync(path.join(src, '.terraform.lock.hcl'), path.join(dir, '.terraform.lock.hcl'));
  return { dir, state: JSON.parse(fs.readFileSync(path.join(src, 'terraform.tfstate'), 'utf8')), version: versionOf(src), src };
}

const get = (obj, p) => p.reduce((cur, k) => (cur === null || cur === undefined ? undefined : cur[k]), obj);

/**
 * One plan: every chunk (one per resource: {address, type, paths}) changed in the state at once. Sets each
 * path's verdict; replace_paths also add facts of their own (`extra`). Throws with the addresses named in
 * the error when the plan fails.
 */
function planPass(run, chunks, extra) {
  const s = structuredClone(run.state);
  s.serial += 1;
  const mutated = [];
  for (const c of chunks) {
    const r = s.resources.find((x) => x.mode === 'managed' && `${x.type}.${x.name}` === c.address);
    const inst = r?.instances?.[0];
    for (const m of c.muts) {
      const ty = typeAt(schema.resource_schemas[c.type].block, m.path);
      if (inst && setAt(inst.attributes, m.path, (v) => mutate(ty, v))) mutated.push({ c, m, value: get(inst.attributes, m.path) });
      else m.verdict = 'noDiff';
    }
  }
  fs.writeFileSync(path.join(run.dir, 'terraform.tfstate'), JSON.stringify(s));
  try {
    tf(run.dir, ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan.bin']);
  } catch (e) {
    const text = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    const err = new Error(text.slice(0, 2000));
    err.addresses = [...new Set([...text.matchAll(/with ([a-z0-9_]+\.[A-Za-z0-9_-]+)/g)].map((x) => x[1]))];
    for (const { m } of mutated) m.verdict = undefined;
    throw err;
  }
  const plan = JSON.parse(tf(run.dir, ['show', '-json', 'plan.bin']));
  const byAddr = new Map((plan.resource_changes ?? []).filter((rc) => rc.mode === 'managed').map((rc) => [rc.address, rc]));
  for (const rc of byAddr.values()) for (const rp of rc.change.replace_paths ?? []) extra.push([rc.type, names(rp)]);
  for (const { c, m, value } of mutated) {
    const rc = byAddr.get(c.address);
    const acts = rc?.change.actions.join('+') ?? 'no-op';
    const mine = names(m.path);
    const replacePaths = (rc?.change.replace_paths ?? []).map(names);
    if (replacePaths.some((n) => n === mine || mine.startsWith(`${n}.`) || n.startsWith(`${mine}.`))) m.verdict = 'replace';
    // a replaced resource's other attributes may read as unknown: asked again without the replacing ones
    else if (acts !== 'update' && acts !== 'no-op') m.verdict = 'pending';
    else if (acts === 'no-op' || JSON.stringify(get(rc.change.after, m.path)) === JSON.stringify(value)) m.verdict = 'noDiff';
    else m.verdict = 'inPlace';
  }
}

function runPasses(run, chunks, label) {
  let pass = 0;
  let queue = chunks;
  while (queue.length > 0) {
    pass++;
    // one chunk per resource per pass
    const seen = new Set();
    const batch = [];
    const later = [];
    for (const c of queue) (seen.has(c.address) ? later : (seen.add(c.address), batch)).push(c);
    try {
      planPass(run, batch, run.extra);
    } catch (e) {
      const bad = batch.filter((c) => e.addresses.includes(c.address));
      const suspects = bad.length > 0 ? bad : batch;
      for (const c of batch) if (!suspects.includes(c)) later.push(c);
      for (const c of suspects) {
        if (c.muts.length === 1) {
          c.muts[0].verdict = 'failed';
          continue;
        }
        // split and try the halves in later passes
        const half = Math.ceil(c.muts.length / 2);
        later.push({ ...c, muts: c.muts.slice(0, half) }, { ...c, muts: c.muts.slice(half) });
      }
    }
    queue = later;
    process.stderr.write(`${label} pass ${pass}: ${batch.length} resources planned, ${queue.length} chunks left\n`);
  }
}

const facts = {};
let version;
for (const stack of stacks) {
  const run = prepareRun(stack);
  version = run.version;
  providerSchema(run.src);
  const muts = [];
  let chunks = [];
  run.extra = [];
  for (const r of run.state.resources) {
    if (r.mode !== 'managed') continue;
    const rs = schema.resource_schemas[r.type];
    const attrs = r.instances?.[0]?.attributes;
    if (!rs || !attrs) continue;
    const mine = candidates(rs.block, attrs).map((p) => ({ type: r.type, path: p }));
    muts.push(...mine);
    chunks.push({ address: `${r.type}.${r.name}`, type: r.type, muts: mine });
  }
  // rounds: what replaces is found and left out, until every resource plans as an update (or no-op)
  for (let round = 1; ; round++) {
    runPasses(run, chunks, `${stack} round ${round}`);
    const pending = muts.filter((m) => m.verdict === 'pending');
    if (pending.length === 0) break;
    for (const m of pending) m.verdict = undefined;
    for (const c of chunks) c.muts = c.muts.filter((m) => m.verdict === undefined);
    chunks = chunks.filter((c) => c.muts.length > 0);
  }
  for (const [type, p] of run.extra) (facts[type] ??= { replace: new Set(), inPlace: new Set(), noDiff: new Set(), failed: new Set() }).replace.add(p);
  for (const m of muts) {
    const t = (facts[m.type] ??= { replace: new Set(), inPlace: new Set(), noDiff: new Set(), failed: new Set() });
    const key = ['replace', 'inPlace', 'noDiff'].includes(m.verdict) ? m.verdict : 'failed';
    t[key].add(names(m.path));
  }
}
const out = { provider: 'hashicorp/aws', version, stacks, types: {} };
for (const type of Object.keys(facts).sort()) {
  const t = facts[type];
  // conservative merge across instances: replacement anywhere wins
  const replace = [...t.replace].sort();
  const inPlace = [...t.inPlace].filter((p) => !t.replace.has(p)).sort();
  const noDiff = [...t.noDiff].filter((p) => !t.replace.has(p) && !t.inPlace.has(p)).sort();
  const failed = [...t.failed].filter((p) => !t.replace.has(p) && !t.inPlace.has(p)).sort();
  out.types[type] = { replace, inPlace, noDiff, failed };
}
fs.writeFileSync(outFile, `${JSON.stringify(out, null, 1)}\n`);
console.log(`scan-aws: ${Object.keys(out.types).length} types, hashicorp/aws ${version}, ${stacks.length} stacks`);
