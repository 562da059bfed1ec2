import { parse } from 'yaml';
import { resourceList, resources } from '../helpers/synth';
import { langfuseFixture } from './fixture';

const f = langfuseFixture();

test('smoke', () => {
  const cloud = f.cloudJson();
  const ws = f.workloadsJson();
  const values = parse(resourceList(ws, 'helm_release')[0].values[0]);
  console.log(JSON.stringify(Object.keys(cloud.resource ?? {})), JSON.stringify(values, null, 1).slice(0, 3000));
  console.log(Object.keys(resources(ws, 'kubernetes_manifest')));
});
