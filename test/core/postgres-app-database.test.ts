/**
 * A database and its owner on an existing PostgreSQL instance (`PostgresAppUser`,
 * `PostgresAppDatabase`, `PostgresAppDatabaseJob`). The Job's script runs here with sh and stub `psql` /
 * `pg_isready`; test/contract/postgres-database.contract.test.ts runs its SQL on a real server.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PostgresAppDatabase, PostgresAppUser, postgresAppDatabaseScript } from '../../src/core/databases';
import { existingSecret } from '../../src/core/secrets/secret-source';
import { SecretStore } from '../../src/core/secrets/secret-store';
import { cloudStack, platformStack, resourceAt, resourceList, synth, testApp, workloadsStack } from '../helpers/synth';

const INSTANCE = { address: 'db.example.internal', port: 5432, masterUserSecret: existingSecret({ secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db', jsonKeys: ['username', 'password'] }) };

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('PostgresAppUser', () => {
  test('a generated secret with the role, the database and the version next to the password', () => {
    const cloud = cloudStack();
    const user = new PostgresAppUser(cloud, 'langfuse-db', { secretName: 'test/dev/langfuse/db', username: 'langfuse', version: 2 });
    expect([user.username, user.databaseName, user.version, user.secret.jsonKeys]).toEqual(['langfuse', 'langfuse', 2, ['database', 'password', 'username', 'version']]);
    const value = resourceAt(synth(cloud), 'aws_secretsmanager_secret_version', 'langfuse-db/secret/value');
    expect(value.secret_string_wo).toContain('"username" = "langfuse", "database" = "langfuse", "version" = "2", "password" = ephemeral.');
  });

  test('names PostgreSQL reserves or that need quoting are refused', () => {
    expect(errorOf(() => new PostgresAppUser(cloudStack(), 'u', { secretName: 's', username: 'Argo-Workflows' }))).toBe(
      'test-cloud/u: username = "Argo-Workflows" is not a plain PostgreSQL role name; use lowercase letters, digits and "_", starting with a letter or "_", at most 63 characters',
    );
    expect(errorOf(() => new PostgresAppUser(cloudStack(), 'u', { secretName: 's', username: 'pg_monitor' }))).toBe('test-cloud/u: username = "pg_monitor" starts with "pg_", which PostgreSQL reserves; choose another role name');
    expect(errorOf(() => new PostgresAppUser(cloudStack(), 'u', { secretName: 's', username: 'app', databaseName: 'postgres' }))).toBe('test-cloud/u: databaseName = "postgres" is a name PostgreSQL or RDS uses itself; choose another database name');
  });
});

describe('PostgresAppDatabase', () => {
  test('platform layer: write-only copies of both credentials, then the Job', () => {
    const app = testApp();
    const user = new PostgresAppUser(cloudStack(app), 'user', { secretName: 's', username: 'app' });
    const platform = platformStack(app);
    const db = new PostgresAppDatabase(platform, 'app', { instance: INSTANCE, user, namespace: 'apps', secretCopies: 'write-only' });
    const json = synth(platform);
    expect(resourceList(json, 'kubernetes_secret_v1').map((s) => [s.metadata.name, Object.keys(s.data_wo)])).toEqual([
      ['app-db-master', ['password', 'username']],
      ['app-db', ['database', 'password', 'username', 'version']],
    ]);
    const job = resourceAt(json, 'kubernetes_job_v1', 'app/job/job');
    expect(job.metadata.name).toBe('app-db-setup');
    expect(job.depends_on).toHaveLength(2);
    expect(job.spec.template.spec.container[0].image).toBe('postgres:17.6-alpine');
    expect(job.spec.template.spec.security_context).toMatchObject({ run_as_non_root: true, run_as_user: '70' });
    expect(db.userSecret).toEqual({ secretName: 'app-db', usernameKey: 'username', passwordKey: 'password' });
  });

  test('workloads layer: ExternalSecrets through the store, the master one refreshed every 15 minutes (RDS rotates it)', () => {
    const app = testApp();
    const user = new PostgresAppUser(cloudStack(app), 'user', { secretName: 's', username: 'app' });
    const workloads = workloadsStack(app);
    const store = new SecretStore(workloads, 'store');
    new PostgresAppDatabase(workloads, 'app', { instance: INSTANCE, user, namespace: 'apps', secretCopies: { store } });
    const externals = resourceList(synth(workloads), 'kubernetes_manifest').filter((m) => m.manifest.kind === 'ExternalSecret');
    expect(externals.map((m) => [m.manifest.metadata.name, m.manifest.spec.refreshInterval])).toEqual([
      ['app-db-master', '15m'],
      ['app-db', '1h'],
    ]);
  });

  test('a layer that cannot hold the copies is refused; so is a master secret without a password property', () => {
    const app = testApp();
    const user = new PostgresAppUser(cloudStack(app), 'user', { secretName: 's', username: 'app' });
    expect(errorOf(() => new PostgresAppDatabase(workloadsStack(app), 'app', { instance: INSTANCE, user, namespace: 'apps', secretCopies: 'write-only' }))).toContain('WriteOnlyKubernetesSecret');
    const noPassword = { ...INSTANCE, masterUserSecret: existingSecret({ secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:master-AbCdEf', jsonKeys: ['user'] }) };
    expect(errorOf(() => new PostgresAppDatabase(platformStack(app), 'b', { instance: noPassword, user, namespace: 'apps', secretCopies: 'write-only' }))).toBe(
      'test-platform/b: instance.masterUserSecret = ["user"] has no username, password property; pass the instance\'s master user secret (JSON username and password)',
    );
  });
});

describe('the Job script, run with sh against stub psql and pg_isready', () => {
  function run(env: Record<string, string>, readyAfter = 0) {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'pgstub-'));
    // pg_isready fails `readyAfter` times; psql records its arguments and stdin
    fs.writeFileSync(path.join(bin, 'pg_isready'), `#!/bin/sh\nn=$(cat ${bin}/ready 2>/dev/null || echo 0)\necho $((n + 1)) > ${bin}/ready\n[ "$n" -ge ${readyAfter} ]\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'psql'), `#!/bin/sh\necho "$@" > ${bin}/args\ncat > ${bin}/stdin\nenv > ${bin}/env\n`, { mode: 0o755 });
    const r = spawnSync('/bin/sh', ['-c', postgresAppDatabaseScript().replace(/sleep 5/, 'sleep 0')], {
      env: { PATH: `${bin}:${process.env.PATH}`, PGHOST: 'db', PGPORT: '5432', DB_ROLE: 'app', DB_NAME: 'app', DB_ROLE_PASSWORD: 'S3cret', SECRET_VERSION: '2', EXPECTED_VERSION: '2', ...env },
      encoding: 'utf8',
    });
    const read = (f: string) => (fs.existsSync(path.join(bin, f)) ? fs.readFileSync(path.join(bin, f), 'utf8') : undefined);
    const out = { code: r.status, out: r.stdout + r.stderr, args: read('args'), stdin: read('stdin'), tries: read('ready')?.trim() };
    fs.rmSync(bin, { recursive: true, force: true });
    return out;
  }

  test('waits for the server, then feeds the SQL on stdin with ON_ERROR_STOP; no secret on the command line', () => {
    const r = run({}, 2);
    expect(r.code).toBe(0);
    expect(r.tries).toBe('3');
    expect(r.args!.trim()).toBe('-X -q -v ON_ERROR_STOP=1');
    expect(r.stdin).toContain('\\getenv role_password DB_ROLE_PASSWORD');
    expect(r.stdin).not.toContain('S3cret');
    expect(r.out).toContain('role app and database app are in place (credentials version 2)');
  });

  test('a Secret that does not hold the expected version yet fails before connecting', () => {
    const r = run({ SECRET_VERSION: '1' });
    expect([r.code, r.args, r.tries]).toEqual([1, undefined, undefined]);
    expect(r.out).toContain('the user Secret holds credentials version 1, not 2 yet');
  });

  test('the script has no Terraform template syntax', () => {
    expect(postgresAppDatabaseScript()).not.toMatch(/\$\{|%\{/);
  });
});
