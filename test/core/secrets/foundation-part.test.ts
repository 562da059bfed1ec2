import { addSecretsFoundation } from '../../../stacks/parts/secrets';
import { StackSet } from '../../../src/core/layers/stack-set';
import { GeneratedSecret, SyncedSecret } from '../../../src/core/secrets';
import { fakeClusterRef, onlyResource, synth, TEST_ENV, testApp } from '../../helpers/synth';

test('addSecretsFoundation puts each piece in its layer and the set synthesizes', () => {
  const set = new StackSet(testApp(), { ...TEST_ENV, name: 'set' });
  set.connect(fakeClusterRef);
  const secrets = addSecretsFoundation(set, { clusterName: 'test-cluster', preset: 'dev', namespaces: ['mlflow'] });
  const db = new GeneratedSecret(set.cloud, 'db', { secretName: 'set/db', jsonFields: { username: 'u' }, preset: 'dev' });
  secrets.access.grantRead(db);
  new SyncedSecret(set.workloads, 'db', { store: secrets.store, source: db, namespace: 'mlflow' });
  const [cloud, platform, workloads] = [synth(set.cloud), synth(set.platform), synth(set.workloads)];
  expect(onlyResource(cloud, 'aws_eks_pod_identity_association').service_account).toBe('external-secrets');
  expect(onlyResource(platform, 'helm_release').chart).toBe('external-secrets');
  expect(Object.values(workloads.resource!.kubernetes_manifest).map((r: any) => r.manifest.kind)).toEqual(['ClusterSecretStore', 'ExternalSecret']);
});
