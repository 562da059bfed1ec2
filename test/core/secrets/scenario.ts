/**
 * A full secrets scenario across the three layers, shared by the no-literal test and the contract
 * test: a generated JSON secret, a plain generated token, an RDS-managed secret, the operator, the
 * store and three synced Secrets.
 */
import { App } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import {
  ExternalSecretsAccess,
  ExternalSecretsOperator,
  GeneratedSecret,
  rdsManagedMasterUserSecret,
  SecretStore,
  SyncedSecret,
} from '../../../src/core/secrets';
import { cloudStack, platformStack, synth, TfJson, workloadsStack } from '../../helpers/synth';

export const SCENARIO_KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export interface Scenario {
  readonly cloud: TfJson;
  readonly platform: TfJson;
  readonly workloads: TfJson;
  readonly synced: SyncedSecret[];
}

/** Builds and synthesizes the scenario in a fresh app. */
export function secretsScenario(): Scenario {
  const app = new App({ stackTraces: false });
  const cloud = cloudStack(app);
  const db = new GeneratedSecret(cloud, 'mlflow-db', { secretName: 'mlops/dev/mlflow/db', jsonFields: { username: 'mlflow' }, kmsKeyArn: SCENARIO_KMS_KEY });
  const token = new GeneratedSecret(cloud, 'qdrant-key', { secretName: 'mlops/dev/qdrant/api-key', preset: 'dev' });
  // Stand-in for aws_db_instance.master_user_secret[0] (an externally created secret).
  const rds = new SecretsmanagerSecret(cloud, 'rds-managed', { name: 'rds-stand-in' });
  const access = new ExternalSecretsAccess(cloud, 'eso-access', { clusterName: 'test-cluster' });
  access.grantRead(db);
  access.grantRead(token);
  const rdsSecret = rdsManagedMasterUserSecret(rds.arn, SCENARIO_KMS_KEY);
  access.grantRead(rdsSecret);

  const platform = platformStack(app);
  new ExternalSecretsOperator(platform, 'eso', { access });

  const workloads = workloadsStack(app);
  const store = new SecretStore(workloads, 'store', { namespaces: ['feast', 'mlflow', 'vectordb'] });
  const synced = [
    new SyncedSecret(workloads, 'mlflow-db', {
      store,
      source: db,
      namespace: 'mlflow',
      template: { DSN: 'postgresql://{{ .username }}:{{ .password | urlquery }}@db:5432/mlflow' },
      mergeTemplate: true,
    }),
    new SyncedSecret(workloads, 'qdrant-key', { store, source: token, namespace: 'vectordb', valueKey: 'api-key' }),
    new SyncedSecret(workloads, 'feast-registry', { store, source: rdsSecret, namespace: 'feast', properties: { PGPASSWORD: 'password' }, refreshInterval: '10m' }),
  ];
  return { cloud: synth(cloud), platform: synth(platform), workloads: synth(workloads), synced };
}
