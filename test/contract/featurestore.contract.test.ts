/**
 * Contract test of the Feast feature store: every Helm value the library sets for the
 * `feast-feature-server` chart (all three modes, both presets, with user overrides) is a key of the
 * pinned chart's values.yaml, the image is the chart's own, and the ExternalSecret it emits
 * validates against the External Secrets CRD.
 *
 * No free-form paths are needed: `podSecurityContext`, `securityContext`, `resources`, `affinity`
 * and `nodeSelector` default to empty maps and `extraEnvs`, `volumes`, `volumeMounts` to lists,
 * which templates/deployment.yaml copies with `toYaml`.
 */
import { parse } from 'yaml';
import { CHARTS, IMAGES } from '../../src/core/versions';
import { build } from '../featurestore/fixture';
import { resourceAt, resourceList } from '../helpers/synth';
import { chartValues, unknownValuePaths, validateCustomResource } from '../helpers/upstream';
import { CHART_CONTRACTS } from './chart-contracts';

const DIR = 'feast-feature-server';

describe('feast-feature-server chart values', () => {
  const defaults = chartValues(DIR);
  const stores = [
    build({ project: 'p', featureServer: { offline: true, ui: true, overrides: { logLevel: 'INFO', nodeSelector: { pool: 'cpu' } } } }),
    build({ project: 'p', preset: 'dev' }),
  ];
  const releases = stores.flatMap((b) => resourceList(b.workloadsJson, 'helm_release'));

  test('the pinned chart is the one whose values are checked', () => {
    expect(CHART_CONTRACTS[CHARTS.feastFeatureServer.chart]).toEqual({ version: '0.66.0', valuesDir: DIR });
    expect(releases.map((r) => [r.chart, r.version])).toEqual(releases.map(() => [CHARTS.feastFeatureServer.chart, CHARTS.feastFeatureServer.version]));
  });

  test('every value set is a key of the chart', () => {
    expect(releases).toHaveLength(4);
    for (const r of releases) expect(unknownValuePaths(parse(r.values[0]), defaults)).toEqual([]);
  });

  test('the image is the chart default of the pinned version and feast_mode is one the templates know', () => {
    expect(defaults.image).toMatchObject({ repository: IMAGES.feast.repository, tag: IMAGES.feast.tag });
    const modes = releases.map((r) => parse(r.values[0]).feast_mode);
    expect(new Set(modes)).toEqual(new Set(['online', 'offline', 'ui']));
  });
});

describe('custom resources', () => {
  test('the ExternalSecret of the AUTH token validates against its CRD', () => {
    const b = build({ project: 'p' });
    const manifest = resourceAt(b.workloadsJson, 'kubernetes_manifest', 'feast/redis-auth/external-secret').manifest;
    expect(validateCustomResource(manifest)).toEqual([]);
  });
});
