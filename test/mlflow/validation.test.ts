import { MlflowCloud } from '../../src/mlflow/mlflow-cloud';
import { MlflowDatabase } from '../../src/mlflow/mlflow-database';
import { MlflowPlatform } from '../../src/mlflow/mlflow-platform';
import { MlflowTrackingServer } from '../../src/mlflow/mlflow-tracking-server';
import { SecretStore } from '../../src/core/secrets/secret-store';
import { cloudStack, fakeClusterRef, platformStack, testApp, workloadsStack } from '../helpers/synth';
import { mlflowFixture } from './fixture';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function cloud(props: Record<string, unknown>): () => MlflowCloud {
  return () => new MlflowCloud(cloudStack(), 'mlflow', { cluster: fakeClusterRef, ...props });
}

describe('MlflowCloud validation', () => {
  it.each([
    ['leading slash', { artifactPrefix: '/artifacts' }, 'test-cloud/mlflow: artifactPrefix = "/artifacts" starts with "/"; give the key prefix without a leading slash, e.g. "artifacts"'],
    ['trailing slash', { artifactPrefix: 'artifacts/' }, 'test-cloud/mlflow: artifactPrefix = "artifacts/" ends with "/"; give the key prefix without a trailing slash, e.g. "artifacts"'],
    [
      'odd characters',
      { artifactPrefix: 'my artifacts' },
      'test-cloud/mlflow: artifactPrefix = "my artifacts" is not a simple S3 key prefix; use segments of letters, digits, ".", "_" and "-" separated by "/"',
    ],
    ['bad key', { kmsKeyArn: 'alias/mlflow' }, 'test-cloud/mlflow: kmsKeyArn = "alias/mlflow" is not a KMS key ARN; pass the key\'s ARN (arn:aws:kms:…:key/…)'],
    ['bad preset', { preset: 'staging' }, 'test-cloud/mlflow: preset = "staging" must be "dev" or "prod"; choose "prod" for anything that holds real data'],
  ])('%s', (_name, props, message) => {
    expect(cloud(props)).toThrow(message);
  });

  it('refuses a storage ceiling not above the storage, an unsupported engine major, unknown keys and a missing cluster', () => {
    expect(cloud({ database: { allocatedStorage: 200, maxAllocatedStorage: 100 } })).toThrow(
      'test-cloud/mlflow: database.maxAllocatedStorage = 100 is not above allocatedStorage (200 GiB); storage autoscaling needs a higher ceiling, raise maxAllocatedStorage or lower allocatedStorage',
    );
    expect(cloud({ preset: 'dev', database: { allocatedStorage: 150 } })).toThrow(
      'test-cloud/mlflow: database.allocatedStorage = 150 is not below the storage autoscaling ceiling (maxAllocatedStorage 100 GiB of the preset); lower it or set maxAllocatedStorage above it',
    );
    expect(cloud({ database: { engineVersion: '16.4' } })).toThrow(
      'test-cloud/mlflow: database.engineVersion = "16.4" is not a PostgreSQL major the library supports; use 17 or 17.<minor> (ENGINES.postgres; major upgrades are not automated)',
    );
    expect(cloud({ database: { deletionProtecton: false } })).toThrow('test-cloud/mlflow: database.deletionProtecton = false is not a known prop; remove it or check its spelling');
    expect(() => new MlflowCloud(cloudStack(), 'mlflow', {} as any)).toThrow('test-cloud/mlflow: cluster = (missing) is required; pass a ClusterRef (ClusterRef.fromEksCluster or ClusterRef.fromName)');
  });

  it('refuses fewer than 7 days of backups', () => {
    expect(cloud({ database: { backupRetentionDays: 3 } })).toThrow(
      'test-cloud/mlflow: database.backupRetentionDays = 3 is under 7 days; keep at least 7 days of automated backups',
    );
  });

  it('refuses a bad instance class', () => {
    expect(cloud({ database: { instanceClass: 'm7g.large' } })).toThrow(
      'test-cloud/mlflow: database.instanceClass = "m7g.large" is not an RDS instance class; use e.g. "db.t4g.micro" or "db.m7g.large"',
    );
  });

  it('refuses more than 35 days of backups and a bad engine version', () => {
    expect(() => new MlflowDatabase(cloudStack(), 'db', { identifier: 'x', vpcId: 'vpc-1', subnetIds: ['subnet-1', 'subnet-2'], clientSecurityGroupId: 'sg-1', kmsKeyArn: KEY, backupRetentionDays: 40, engineVersion: 'latest' })).toThrow(
      'test-cloud/db: engineVersion = "latest" is not a PostgreSQL engine version; use e.g. "17.6" or "17"\n' +
        'test-cloud/db: backupRetentionDays = 40 is over 35 days, the RDS maximum; use 7–35 (take manual snapshots for longer)',
    );
  });

  it('belongs in the cloud layer', () => {
    expect(() => new MlflowCloud(platformStack(), 'mlflow', { cluster: fakeClusterRef })).toThrow(
      'test-platform/mlflow: MlflowCloud belongs in the data or cloud layer but was created in platform stack "test-platform"; create it in the data or cloud stack of the stack set (stackSet.data or stackSet.cloud).',
    );
  });
});

describe('MlflowPlatform and MlflowTrackingServer validation', () => {
  const { cloud: c } = mlflowFixture();

  it('refuses a bad client namespace and CIDR', () => {
    expect(() => new MlflowPlatform(platformStack(), 'mlflow', { cloud: c, clientNamespaces: ['Serving'], allowedCidrs: ['10.0.0.1/8'] })).toThrow(
      'test-platform/mlflow: clientNamespaces[0] = "Serving" is not a DNS-1123 label; use lowercase letters, digits and "-", starting and ending with a letter or digit\n' +
        'test-platform/mlflow: allowedCidrs[0] = "10.0.0.1/8" is not an IPv4 CIDR block; use the form a.b.c.d/n, e.g. 10.0.0.0/16',
    );
  });

  it('refuses bad server props', () => {
    const ws = workloadsStack(testApp());
    const store = new SecretStore(ws, 'store');
    expect(() => new MlflowTrackingServer(ws, 'mlflow', { cloud: c, store, replicas: 0, ingress: { host: 'MLflow' }, databaseSecretRefreshInterval: 'hourly' })).toThrow(
      'test-workloads/mlflow: replicas = 0 must be at least 1; run at least one server\n' +
        'test-workloads/mlflow: ingress.host = "MLflow" is not a DNS host name; use e.g. "mlflow.internal.example.com"\n' +
        'test-workloads/mlflow: databaseSecretRefreshInterval = "hourly" is not a duration; use e.g. "15m" or "1h"',
    );
  });

  it('refuses a store that does not allow the namespace', () => {
    const ws = workloadsStack(testApp());
    const store = new SecretStore(ws, 'store', { namespaces: ['kserve'] });
    expect(() => new MlflowTrackingServer(ws, 'mlflow', { cloud: c, store })).toThrow(
      'test-workloads/mlflow: store = "aws-secrets-manager" does not allow namespace "mlflow" (allowed: kserve); add it to the SecretStore\'s namespaces',
    );
  });
});
