/**
 * Contract test over everything the reference stack sets synthesize: every kubernetes_manifest
 * validates against its CRD in ../shared/upstream/crds, and every helm_release sets only values that
 * exist in its pinned chart's defaults (../shared/upstream/charts). Component contract tests go
 * deeper (values.schema.json, CEL rules); this one guarantees nothing in a reference stack escapes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildReferenceStacks } from '../../stacks/app';
import { FoundResource, helmReleaseProblems, isUnvalidatedKind, manifestProblems, resourcesOf, UNVALIDATED_KINDS } from './contract-checks';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
const app = new App({ outdir, skipBackendValidation: true });
buildReferenceStacks(app);
app.synth();
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

function collect(type: string): FoundResource[] {
  const stacksDir = path.join(outdir, 'stacks');
  return fs
    .readdirSync(stacksDir)
    .sort()
    .flatMap((stack) => resourcesOf(JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')), type, stack));
}

describe('reference stacks against upstream contracts', () => {
  const manifests = collect('kubernetes_manifest');
  const releases = collect('helm_release');

  test('every custom resource validates against its CRD (upstream data or a fixture copied with its source)', () => {
    expect(manifestProblems(manifests)).toEqual([]);
    expect([...new Set(manifests.filter(isUnvalidatedKind).map((m) => `${m.body.manifest.apiVersion}/${m.body.manifest.kind}`))]).toEqual(UNVALIDATED_KINDS);
  });

  test('every Helm release uses a pinned chart whose upstream values are known, sets only values the chart has, and validates against values.schema.json', () => {
    expect(helmReleaseProblems(releases)).toEqual([]);
  });
});
