/**
 * The SQL of `PostgresAppDatabaseJob` against a real PostgreSQL server (the contract with PostgreSQL
 * itself): a throwaway cluster (`initdb` with SCRAM passwords, Unix socket only) in a temp dir; the
 * Job's script creates the role and its database, is idempotent, rotates the password, and leaves
 * other roles without CONNECT. Needs PostgreSQL's server binaries (`initdb`, `pg_ctl`, `psql`,
 * `pg_isready` ≥ 15 for `\getenv`); as root it runs them as the `postgres` user (`runuser`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { postgresAppDatabaseScript } from '../../src/core/databases';

const BIN = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'].find((d) => fs.existsSync(path.join(d, 'initdb'))) ?? '';
const asRoot = process.getuid?.() === 0;
// as root, /tmp itself: the postgres user cannot enter jest's private temp dir; short for the socket path
const dir = fs.mkdtempSync(path.join(asRoot ? '/tmp' : os.tmpdir(), 'pgcontract-'));

/** Runs a command (as `postgres` when we are root) with `env`. */
function sh(command: string, env: Record<string, string> = {}) {
  const args = ['-c', command];
  const full = { PATH: `${BIN}:${process.env.PATH}`, PGHOST: dir, PGPORT: '5432', ...env };
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', 'env', ...Object.entries(full).map(([k, v]) => `${k}=${v}`), '/bin/sh', ...args], { encoding: 'utf8' })
    : spawnSync('/bin/sh', args, { env: full, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const master = { PGUSER: 'master', PGPASSWORD: 'MasterPw1', PGDATABASE: 'postgres' };
const job = (password: string, version: string) =>
  sh(postgresAppDatabaseScript(), { ...master, DB_ROLE: 'argo_workflows', DB_NAME: 'argo_workflows', DB_ROLE_PASSWORD: password, SECRET_VERSION: version, EXPECTED_VERSION: version });
const as = (user: string, password: string, sql: string) => sh(`psql -X -At -c "${sql}"`, { PGUSER: user, PGPASSWORD: password, PGDATABASE: 'argo_workflows' });

beforeAll(() => {
  if (!BIN) throw new Error('this contract test needs the PostgreSQL server binaries (initdb, pg_ctl) of version 15 or later under /usr/lib/postgresql/<version>/bin');
  if (asRoot) fs.chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), -1);
  fs.writeFileSync(path.join(dir, 'pw'), 'MasterPw1\n', { mode: 0o644 });
  const init = sh(`initdb -D ${dir}/data -U master --auth=scram-sha-256 --pwfile=${dir}/pw >/dev/null && pg_ctl -D ${dir}/data -o "-k ${dir} -c listen_addresses=''" -l ${dir}/log -w start >/dev/null`);
  if (init.code !== 0) throw new Error(`could not start PostgreSQL: ${init.out}`);
}, 60000);

afterAll(() => {
  sh(`pg_ctl -D ${dir}/data -m fast stop >/dev/null`);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('creates the role and the database it owns; running again changes nothing', () => {
  expect(job('FirstPw', '1')).toEqual({ code: 0, out: 'role argo_workflows and database argo_workflows are in place (credentials version 1)\n' });
  expect(job('FirstPw', '1').code).toBe(0);
  const owner = as('argo_workflows', 'FirstPw', "select current_user || ' owns ' || pg_get_userbyid(datdba) from pg_database where datname = current_database()");
  expect(owner).toEqual({ code: 0, out: 'argo_workflows owns argo_workflows\n' });
  expect(as('argo_workflows', 'FirstPw', 'create table archive_probe (x int); drop table archive_probe').code).toBe(0);
});

test('a new version sets the new password; the old one stops working', () => {
  expect(job('SecondPw', '2').code).toBe(0);
  expect(as('argo_workflows', 'FirstPw', 'select 1').out).toContain('password authentication failed for user "argo_workflows"');
  expect(as('argo_workflows', 'SecondPw', 'select 1')).toEqual({ code: 0, out: '1\n' });
});

test('other roles cannot connect to the database (CONNECT revoked from PUBLIC)', () => {
  expect(sh('psql -X -At -c "create role other login password \'OtherPw\'"', master).code).toBe(0);
  expect(as('other', 'OtherPw', 'select 1').out).toContain('User does not have CONNECT privilege');
});

test('a SQL error stops the script with a failure (ON_ERROR_STOP)', () => {
  const r = sh(postgresAppDatabaseScript(), { ...master, PGPASSWORD: 'wrong', DB_ROLE: 'x', DB_NAME: 'x', DB_ROLE_PASSWORD: 'p', SECRET_VERSION: '1', EXPECTED_VERSION: '1' });
  expect(r.code).not.toBe(0);
  expect(r.out).toContain('password authentication failed for user "master"');
});
