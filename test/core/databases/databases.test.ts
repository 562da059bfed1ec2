import { ManagedRedis } from '../../../src/core/databases/managed-redis';
import { PostgresAppDatabase, postgresAppDatabaseScript } from '../../../src/core/databases/postgres-app-database';
import { PostgresAppUser } from '../../../src/core/databases/postgres-app-user';
import { GeneratedSecret } from '../../../src/core/secrets/generated-secret';
import { existingSecret } from '../../../src/core/secrets/secret-source';
import { SecretStore } from '../../../src/core/secrets/secret-store';
import { cloudStack, resourceList, synth, testApp, workloadsStack } from '../../helpers/synth';

const KMS = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const instance = { address: 'db.abc.us-east-1.rds.amazonaws.com', port: 5432, masterUserSecret: existingSecret({ secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1', jsonKeys: ['password', 'username'] }) };

describe('PostgresAppUser and PostgresAppDatabase', () => {
  const app = testApp();
  const cs = cloudStack(app);
  const ws = workloadsStack(app);
  const user = new PostgresAppUser(cs, 'argo-db', { instance, database: 'argo', username: 'argo', secretName: 'test/dev/argo/db', version: 2 });
  const store = new SecretStore(ws, 'store', {});
  new PostgresAppDatabase(ws, 'argo-db', { user, namespace: 'db-admin', secretStore: store });
  const cloud = synth(cs);
  const workloads = synth(ws);

  test('the credentials are generated write-only with the role, database and version beside the password (no address: it would go stale)', () => {
    const [version] = resourceList(cloud, 'aws_secretsmanager_secret_version');
    expect(version.secret_string_wo).toBe('${jsonencode({"username" = "argo", "database" = "argo", "version" = "2", "password" = ephemeral.aws_secretsmanager_random_password.argo-db_credentials_random-password_5475FD49.random_password})}');
    expect(version.secret_string_wo_version).toBe(2);
  });

  test('the Job runs psql as the master user (synced into db-admin only) and waits for the credentials version', () => {
    const [job] = resourceList(workloads, 'kubernetes_job_v1');
    expect(job.metadata).toMatchObject({ name: 'argo-database', namespace: 'db-admin' });
    expect(job.wait_for_completion).toBe(true);
    const c = job.spec.template.spec.container[0];
    expect(c.image).toBe('postgres:17.6-alpine');
    expect(job.spec.template.spec.security_context).toMatchObject({ run_as_user: '70', run_as_non_root: true });
    expect(c.env.map((e: any) => [e.name, e.value ?? `${e.value_from.secret_key_ref.name}/${e.value_from.secret_key_ref.key}`])).toEqual([
      ['PGHOST', 'db.abc.us-east-1.rds.amazonaws.com'],
      ['PGPORT', '5432'],
      ['PGUSER', 'argo-database-master/username'],
      ['PGPASSWORD', 'argo-database-master/password'],
      ['APP_USER', 'argo-database-app/username'],
      ['APP_PASSWORD', 'argo-database-app/password'],
      ['APP_DATABASE', 'argo-database-app/database'],
      ['SECRET_VERSION', 'argo-database-app/version'],
      ['EXPECTED_VERSION', '2'],
      ['HOME', '/tmp'],
    ]);
    const synced = resourceList(workloads, 'kubernetes_manifest').map((r) => r.manifest).filter((m) => m.kind === 'ExternalSecret');
    expect(synced.map((m) => [m.metadata.namespace, m.metadata.name, m.spec.refreshInterval])).toEqual([
      ['db-admin', 'argo-database-master', '15m'],
      ['db-admin', 'argo-database-app', '1m'],
    ]);
  });

  test('the script: TLS required, idempotent role and database, password through \\getenv, PUBLIC revoked, no Terraform syntax', () => {
    const script = postgresAppDatabaseScript();
    expect(script).toContain('export PGDATABASE=postgres PGSSLMODE=require PGCONNECT_TIMEOUT=10');
    expect(script).toContain('\\getenv app_password APP_PASSWORD');
    expect(script).toContain("SELECT format('CREATE ROLE %I LOGIN', :'app_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \\gexec");
    expect(script).toContain('REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;');
    expect(script).not.toMatch(/\$\{|%\{/);
  });

  test('reserved roles and unquoted-unsafe names are refused', () => {
    expect(() => new PostgresAppUser(cloudStack(), 'u', { instance, database: 'argo', username: 'rdsadmin', secretName: 's' })).toThrow('test-cloud/u: username = "rdsadmin" is a role RDS or PostgreSQL reserves; choose the application\'s own name');
    expect(() => new PostgresAppUser(cloudStack(), 'u', { instance, database: 'Argo-DB', username: 'argo', secretName: 's' })).toThrow('test-cloud/u: database = "Argo-DB" is not a plain PostgreSQL identifier');
  });
});

describe('ManagedRedis', () => {
  test('engine parameters get a parameter group of the engine family; bad sizes are refused', () => {
    const cs = cloudStack();
    const token = new GeneratedSecret(cs, 'token', { secretName: 't', preset: 'dev' });
    const props = { replicationGroupId: 'test-cache', vpcId: 'vpc-1', subnetIds: ['subnet-1'], clientSecurityGroupId: 'sg-1', kmsKeyArn: KMS, authToken: token, nodeType: 'cache.t4g.small', numCacheClusters: 1, snapshotRetentionDays: 1, preventDestroy: false };
    new ManagedRedis(cs, 'cache', { ...props, parameters: { 'maxmemory-policy': 'noeviction' }, purpose: 'Test cache' });
    const json = synth(cs);
    expect(resourceList(json, 'aws_elasticache_parameter_group')[0]).toMatchObject({ name: 'test-cache-params', family: 'redis7', parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }] });
    expect(resourceList(json, 'aws_security_group')[0].description).toBe('Test cache test-cache: Redis from the cluster nodes only');
    expect(() => new ManagedRedis(cloudStack(), 'c', { ...props, authToken: new GeneratedSecret(cloudStack(testApp(), 'x'), 't', { secretName: 't' }), numCacheClusters: 7 })).toThrow('numCacheClusters = 7 is over 6, the ElastiCache maximum of a replication group without cluster mode');
  });
});
