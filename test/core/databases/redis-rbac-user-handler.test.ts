/**
 * The Lambda handler of RedisRbacUser (lambda/redis-rbac-user/index.js) against a fake ElastiCache
 * and Secrets Manager that keep state like the real services: users, a user group, and secret
 * versions. Asserts the calls made, the resulting membership and passwords, and that no result,
 * error or recorded call parameter other than the passwords themselves holds a token.
 */
import * as path from 'path';

interface Clients {
  elasticache: Record<string, (p: any) => Promise<any>>;
  secrets: { getSecretValue: (p: any) => Promise<any> };
  sleep: (ms: number) => Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler: { run: (event: unknown, clients: Clients) => Promise<Record<string, unknown>> } = require(path.join(__dirname, '../../../lambda/redis-rbac-user/index.js'));

const TOKENS: Record<string, string> = { v1: 'TokenOne0123456789abcdefghijklmn', v2: 'TokenTwo0123456789abcdefghijklmn' };
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:cache-token-AbCdEf';
const INPUT = {
  userGroupId: 'cache',
  disabledUserId: 'cache-off',
  userId: 'cache-app',
  accessString: 'on ~* &* +@all',
  engine: 'redis',
  secretArn: SECRET,
  secretVersionId: 'v1',
};

class Fault extends Error {
  constructor(public readonly name: string) {
    super(`${name} (fake)`);
  }
}

/** A fake ElastiCache + Secrets Manager; new users and group changes are `modifying` for one describe. */
function fakeAws() {
  const users = new Map<string, { passwords: string[]; accessString: string; userName: string; status: string }>();
  const group = { id: 'cache', userIds: ['cache-off'], status: 'active' };
  const calls: Array<[string, any]> = [];
  const settle = <T extends { status: string }>(o: T): T => {
    const seen = { ...o };
    o.status = 'active';
    return seen;
  };
  const record = (name: string, fn: (p: any) => any) => async (p: any) => {
    calls.push([name, p]);
    return fn(p);
  };
  const clients: Clients = {
    elasticache: {
      createUser: record('createUser', (p) => {
        if (users.has(p.UserId)) throw new Fault('UserAlreadyExistsFault');
        users.set(p.UserId, { passwords: p.AuthenticationMode.Passwords, accessString: p.AccessString, userName: p.UserName, status: 'modifying' });
        return {};
      }),
      modifyUser: record('modifyUser', (p) => {
        const u = users.get(p.UserId);
        if (!u) throw new Fault('UserNotFoundFault');
        Object.assign(u, { passwords: p.AuthenticationMode.Passwords, accessString: p.AccessString, status: 'modifying' });
        return {};
      }),
      deleteUser: record('deleteUser', (p) => {
        if (group.userIds.includes(p.UserId)) throw new Fault('InvalidUserStateFault');
        if (!users.delete(p.UserId)) throw new Fault('UserNotFoundFault');
        return {};
      }),
      describeUsers: record('describeUsers', (p) => {
        const u = users.get(p.UserId);
        if (!u) throw new Fault('UserNotFoundFault');
        return { Users: [{ UserId: p.UserId, Status: settle(u).status }] };
      }),
      describeUserGroups: record('describeUserGroups', () => ({ UserGroups: [{ UserGroupId: group.id, UserIds: [...group.userIds], Status: settle(group).status }] })),
      modifyUserGroup: record('modifyUserGroup', (p) => {
        if (group.status !== 'active') throw new Fault('InvalidUserGroupStateFault');
        for (const id of p.UserIdsToAdd) if (!users.has(id) && id !== 'cache-off') throw new Fault('UserNotFoundFault');
        group.userIds = [...group.userIds.filter((id) => !p.UserIdsToRemove.includes(id)), ...p.UserIdsToAdd];
        group.status = 'modifying';
        return {};
      }),
    },
    secrets: {
      getSecretValue: record('getSecretValue', (p) => {
        if (p.SecretId !== SECRET || !(p.VersionId in TOKENS)) throw new Fault('ResourceNotFoundException');
        return { SecretString: TOKENS[p.VersionId] };
      }),
    },
    sleep: async () => undefined,
  };
  const names = () => calls.map(([n]) => n).filter((n) => !n.startsWith('describe'));
  return { clients, users, group, calls, names };
}

/** Fails when a token occurs anywhere in `value` (a result or an error). */
function expectNoToken(value: unknown): void {
  const text = JSON.stringify(value) + String(value);
  for (const token of Object.values(TOKENS)) expect(text).not.toContain(token);
}

describe('RedisRbacUser handler', () => {
  test('create: the user gets the token of the pinned version and replaces the disabled default user in the group', async () => {
    const aws = fakeAws();
    const result = await handler.run({ ...INPUT, tf: { action: 'create', prev_input: null } }, aws.clients);
    expect(aws.names()).toEqual(['getSecretValue', 'createUser', 'modifyUserGroup']);
    expect(aws.calls.find(([n]) => n === 'getSecretValue')![1]).toEqual({ SecretId: SECRET, VersionId: 'v1' });
    expect(aws.calls.find(([n]) => n === 'createUser')![1]).toEqual({
      UserId: 'cache-app',
      UserName: 'default',
      Engine: 'redis',
      AccessString: 'on ~* &* +@all',
      AuthenticationMode: { Type: 'password', Passwords: [TOKENS.v1] },
    });
    expect(aws.calls.find(([n]) => n === 'modifyUserGroup')![1]).toEqual({ UserGroupId: 'cache', UserIdsToAdd: ['cache-app'], UserIdsToRemove: ['cache-off'] });
    expect(aws.group.userIds).toEqual(['cache-app']);
    expect(result).toEqual({ action: 'create', userId: 'cache-app', userGroupId: 'cache', passwords: 1, created: true, swapped: true });
    expectNoToken(result);
  });

  test('a retried create (the user exists, the swap may be done) succeeds: ModifyUser, no second swap', async () => {
    const aws = fakeAws();
    await handler.run({ ...INPUT, tf: { action: 'create' } }, aws.clients);
    aws.calls.length = 0;
    const result = await handler.run({ ...INPUT, tf: { action: 'create' } }, aws.clients);
    expect(aws.names()).toEqual(['getSecretValue', 'createUser', 'modifyUser']);
    expect(result).toMatchObject({ created: false, swapped: false, passwords: 1 });
    expect(aws.users.get('cache-app')!.passwords).toEqual([TOKENS.v1]);
    expect(aws.group.userIds).toEqual(['cache-app']);
  });

  test('update with a new secret version (rotation): passwords [new, previous]; the same version again drops the previous', async () => {
    const aws = fakeAws();
    await handler.run({ ...INPUT, tf: { action: 'create' } }, aws.clients);
    const rotated = await handler.run({ ...INPUT, secretVersionId: 'v2', tf: { action: 'update', prev_input: INPUT } }, aws.clients);
    expect(aws.users.get('cache-app')!.passwords).toEqual([TOKENS.v2, TOKENS.v1]);
    expect(rotated).toMatchObject({ action: 'update', passwords: 2, created: false, swapped: false });
    expectNoToken(rotated);
    const dropped = await handler.run({ ...INPUT, secretVersionId: 'v2', accessString: 'on ~* &* +@all -flushall', tf: { action: 'update', prev_input: { ...INPUT, secretVersionId: 'v2' } } }, aws.clients);
    expect(aws.users.get('cache-app')).toMatchObject({ passwords: [TOKENS.v2], accessString: 'on ~* &* +@all -flushall' });
    expect(dropped).toMatchObject({ passwords: 1 });
  });

  test('delete: the disabled user goes back into the group before the user is deleted; a second delete is a no-op', async () => {
    const aws = fakeAws();
    await handler.run({ ...INPUT, tf: { action: 'create' } }, aws.clients);
    aws.calls.length = 0;
    const result = await handler.run({ ...INPUT, tf: { action: 'delete', prev_input: INPUT } }, aws.clients);
    expect(aws.names()).toEqual(['modifyUserGroup', 'deleteUser']);
    expect(aws.calls.find(([n]) => n === 'modifyUserGroup')![1]).toEqual({ UserGroupId: 'cache', UserIdsToAdd: ['cache-off'], UserIdsToRemove: ['cache-app'] });
    expect([aws.group.userIds, [...aws.users.keys()]]).toEqual([['cache-off'], []]);
    expect(result).toEqual({ action: 'delete', userId: 'cache-app', userGroupId: 'cache', swapped: true, deleted: true });
    aws.calls.length = 0;
    expect(await handler.run({ ...INPUT, tf: { action: 'delete' } }, aws.clients)).toMatchObject({ swapped: false, deleted: false });
    expect(aws.names()).toEqual([]);
  });

  test('bad input and AWS errors are errors without the token', async () => {
    const aws = fakeAws();
    await expect(handler.run({ ...INPUT, userId: '' }, aws.clients)).rejects.toThrow('the input lacks "userId"');
    await expect(handler.run({ ...INPUT, tf: { action: 'read' } }, aws.clients)).rejects.toThrow('unknown action "read"');
    const error = await handler.run({ ...INPUT, secretVersionId: 'v9' }, aws.clients).catch((e: unknown) => e);
    expect(String(error)).toContain('ResourceNotFoundException');
    aws.clients.elasticache.createUser = async () => {
      throw new Fault('InvalidParameterValueException');
    };
    const failed = await handler.run(INPUT, aws.clients).catch((e: unknown) => e);
    expect((failed as Error).name).toBe('InvalidParameterValueException');
    expectNoToken(failed);
  });
});
