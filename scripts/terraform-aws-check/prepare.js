// Prepares a cdktf.out for ../shared/tools/terraform-aws-check.sh (see scripts/terraform-aws-check.sh):
// copies its stacks to <root>/synth-<k> (k < jobs: the AWS-only stacks dealt round-robin in name
// order, so `jobs` runs of the tool can plan them side by side) and, for every
// `terraform_remote_state` an AWS-only stack reads, writes a stand-in state of the producing stack
// (its cross-stack outputs, standins.js) where that data source will read it when the tool runs the
// stack in <tool workdir k>/<stack>.
//   - local backend: at the configured relative path, unchanged; each tool workdir is chosen deep
//     enough under <root> that the path lands in <root> (`../../../x` from <root>/tf-<k>/w/<stack>).
//   - any other backend (s3 in the prod sets): the copy's data source is switched to `local` with
//     the absolute path of the stand-in (there is no S3 to read); each switch is printed.
// Prints one line per stand-in state and per switch; writes "<synth dir> <tool workdir>" per job to
// <root>/jobs.
//   node scripts/terraform-aws-check/prepare.js <cdktf.out> <root> [jobs]
const fs = require('fs');
const path = require('path');
const { standInOutputs, stateFile } = require('./standins');

const INPUT_PREFIX = 'cross-stack-reference-input-';

/** Whether the shared tool plans this stack: its only required provider is aws. */
const isAwsOnly = (json) => Object.keys(json.terraform?.required_providers ?? {}).every((p) => p === 'aws');

/** How many leading `..` segments a relative path has. */
const upLevels = (p) => p.split(/[\\/]/).findIndex((s) => s !== '..');

/** Whether `child` is `dir` or inside it. */
const inside = (dir, child) => !path.relative(dir, child).startsWith('..') && !path.isAbsolute(path.relative(dir, child));

/**
 * The plan for a synth output: for each `terraform_remote_state` of an AWS-only stack, the producing
 * stack and how the copy reads it. `stacks` maps stack name → parsed cdk.tf.json. Throws when a
 * data source names no stack of the synth or does not point at that stack's backend.
 */
function remoteStateReads(stacks) {
  const reads = [];
  for (const [consumer, json] of Object.entries(stacks)) {
    if (!isAwsOnly(json)) continue;
    for (const [name, ds] of Object.entries(json.data?.terraform_remote_state ?? {})) {
      const producer = name.startsWith(INPUT_PREFIX) ? name.slice(INPUT_PREFIX.length) : undefined;
      const backend = stacks[producer]?.terraform?.backend;
      if (!backend) throw new Error(`${consumer}: terraform_remote_state.${name} reads no stack of this synth output`);
      const [kind, config] = Object.entries(backend)[0];
      const same = ds.backend === kind && Object.entries(ds.config ?? {}).every(([k, v]) => config[k] === v) && ['path', 'bucket', 'key'].every((k) => ds.config?.[k] === config[k]);
      if (!same) throw new Error(`${consumer}: terraform_remote_state.${name} (${ds.backend} ${JSON.stringify(ds.config)}) does not point at ${producer}'s backend (${kind} ${JSON.stringify(config)})`);
      reads.push({ consumer, name, producer, backend: ds.backend, config: ds.config });
    }
  }
  return reads;
}

/**
 * The tool workdir of job `job` under `root`: deep enough that every local remote-state path of
 * `reads`, resolved from `<workdir>/<stack>`, stays in `root` (`../../../x` lands in `root` itself).
 */
function toolWorkdir(root, reads, job = 0) {
  const depth = Math.max(1, ...reads.filter((r) => r.backend === 'local').map((r) => upLevels(r.config.path) - 1));
  return path.join(root, `tf-${job}`, ...Array(depth - 1).fill('w'));
}

/**
 * Job of each stack: AWS-only stacks round-robin in name order, the others (which the tool skips)
 * to job 0. Never more jobs than AWS-only stacks (a job without a stack would make the tool plan a
 * glob), and at least one.
 */
function jobsOf(stacks, jobs) {
  const aws = Object.keys(stacks).sort().filter((s) => isAwsOnly(stacks[s]));
  const n = Math.max(1, Math.min(jobs, aws.length));
  return { n, job: Object.fromEntries(Object.keys(stacks).map((s) => [s, aws.includes(s) ? aws.indexOf(s) % n : 0])) };
}

/**
 * Copies the stacks of `synthDir` to `<root>/synth-<k>`, writes the stand-in states; returns the
 * jobs (`{ synth, workdir }`, at most `jobs`), the notes to print and the stand-in states written.
 */
function prepare(synthDir, root, jobs = 1) {
  const stacks = {};
  for (const s of fs.readdirSync(path.join(synthDir, 'stacks')).sort()) {
    const file = path.join(synthDir, 'stacks', s, 'cdk.tf.json');
    if (fs.existsSync(file)) stacks[s] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  const reads = remoteStateReads(stacks);
  const { n, job } = jobsOf(stacks, jobs);
  const runs = Array.from({ length: n }, (_, k) => ({ synth: path.join(root, `synth-${k}`), workdir: toolWorkdir(root, reads, k) }));
  const notes = [];
  const states = new Map();
  for (const r of reads) {
    let file;
    if (r.backend === 'local') {
      file = path.resolve(runs[job[r.consumer]].workdir, r.consumer, r.config.path);
      if (!inside(root, file)) throw new Error(`${r.consumer}: terraform_remote_state.${r.name} path ${r.config.path} leaves ${root}`);
    } else {
      file = path.join(root, `terraform.${r.producer}.tfstate`);
      const ds = stacks[r.consumer].data.terraform_remote_state[r.name];
      notes.push(`${r.consumer}: remote state of ${r.producer} read from a local stand-in instead of ${r.backend}${r.config.bucket ? ` (s3://${r.config.bucket}/${r.config.key})` : ''}`);
      ds.backend = 'local';
      ds.config = { path: file };
    }
    if (states.has(file) && states.get(file) !== r.producer) throw new Error(`${file}: stand-in state of both ${states.get(file)} and ${r.producer}`);
    states.set(file, r.producer);
  }
  for (const [file, producer] of [...states].sort()) {
    const outputs = standInOutputs(producer, stacks[producer]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stateFile(producer, outputs), null, 2));
    notes.push(`${producer}: stand-in state with ${Object.keys(outputs).length} outputs at ${path.relative(root, file)}`);
  }
  for (const [s, json] of Object.entries(stacks)) {
    const dir = path.join(runs[job[s]].synth, 'stacks', s);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  }
  for (const run of runs) fs.mkdirSync(run.workdir, { recursive: true });
  return { jobs: runs, notes, states: [...states].map(([file, producer]) => ({ file, producer })).sort((a, b) => a.file.localeCompare(b.file)) };
}

module.exports = { prepare, remoteStateReads, toolWorkdir };

if (require.main === module) {
  const [synthDir, root, jobs = '1'] = process.argv.slice(2);
  if (!synthDir || !root || !/^[1-9]\d*$/.test(jobs)) {
    console.error('usage: prepare.js <cdktf.out> <root> [jobs ≥ 1]');
    process.exit(1);
  }
  try {
    const prepared = prepare(path.resolve(synthDir), path.resolve(root), Number(jobs));
    for (const n of prepared.notes) console.log(n);
    fs.writeFileSync(path.join(root, 'jobs'), prepared.jobs.map((j) => `${j.synth} ${j.workdir}\n`).join(''));
  } catch (e) {
    console.error(`terraform-aws-check: ${e.message}`);
    process.exit(1);
  }
}
