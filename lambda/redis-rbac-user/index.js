'use strict';
/**
 * Lambda handler of `RedisRbacUser` (src/core/databases/redis-rbac-user.ts): creates, rotates and
 * deletes the password user of an ElastiCache for Redis OSS user group **at apply time, outside
 * Terraform's state**. Invoked by `aws_lambda_invocation` with `lifecycle_scope = "CRUD"`, which adds
 * `tf: { action: "create" | "update" | "delete", prev_input }` to the input.
 *
 * The input carries ids and ARNs only: `userGroupId`, `disabledUserId` (the Terraform-managed
 * `default` user that is `off`), `userId` (the password user this function owns, user name
 * `default`), `accessString`, `engine`, `secretArn` and `secretVersionId` (the Secrets Manager
 * version holding the token). The token is read from Secrets Manager, sent to ElastiCache and never
 * returned, logged or put in an error message.
 *
 * - create: CreateUser (or, when it exists — a retried create —, ModifyUser to the same password and
 *   access string), wait until active, then ModifyUserGroup swapping the disabled user out and this
 *   user in, and wait until the group is active again.
 * - update: a new `secretVersionId` (rotation) sets the passwords to [new, previous]: both work until
 *   the next rotation replaces the previous one. The same version (another input changed) sets [current]
 *   only, which is how the previous token is dropped early. Changed ids: delete the old user, create the new.
 * - delete: swap the disabled user back in, then DeleteUser (a missing user or group is fine).
 *
 * Runtime: Node.js with the AWS SDK for JavaScript v3 the runtime provides; no dependencies.
 */

/** Polling of the `modifying` states: every 5 s, up to 150 times (12.5 min, under the 15 min timeout). */
const POLL = { delayMs: 5000, attempts: 150 };
const REQUIRED = ['userGroupId', 'disabledUserId', 'userId', 'accessString', 'engine', 'secretArn', 'secretVersionId'];

/** The input's ids, checked (a missing one is a bug of the construct, not of the user). */
function parseInput(event) {
  if (!event || typeof event !== 'object') throw new Error('the input is not a JSON object');
  for (const key of REQUIRED) {
    if (typeof event[key] !== 'string' || event[key] === '') throw new Error(`the input lacks "${key}"`);
  }
  const action = event.tf && event.tf.action ? event.tf.action : 'create';
  if (!['create', 'update', 'delete'].includes(action)) throw new Error(`unknown action "${action}"`);
  const prev = event.tf && event.tf.prev_input && typeof event.tf.prev_input === 'object' ? event.tf.prev_input : undefined;
  const pick = (e) => Object.fromEntries(REQUIRED.map((k) => [k, e[k]]));
  return { action, input: pick(event), prev: prev ? pick(prev) : undefined };
}

function errorName(e) {
  return (e && (e.name || (e.Error && e.Error.Code))) || 'Error';
}

/** The token of one secret version (a plain string). */
async function readToken(clients, secretArn, versionId) {
  const out = await clients.secrets.getSecretValue({ SecretId: secretArn, VersionId: versionId });
  if (typeof out.SecretString !== 'string' || out.SecretString === '') throw new Error(`secret version ${versionId} of ${secretArn} has no string value`);
  return out.SecretString;
}

async function waitUntil(clients, what, check) {
  for (let i = 0; i < POLL.attempts; i++) {
    if (await check()) return;
    await clients.sleep(POLL.delayMs);
  }
  throw new Error(`${what} did not become active within ${(POLL.attempts * POLL.delayMs) / 1000} s`);
}

/** The first item of a Describe call, or undefined when the service says it does not exist. */
async function describeOne(describe, params, listKey, notFound) {
  try {
    return ((await describe(params))[listKey] || [])[0];
  } catch (e) {
    if (errorName(e) === notFound) return undefined;
    throw e;
  }
}

const describeUser = (clients, userId) => describeOne(clients.elasticache.describeUsers, { UserId: userId }, 'Users', 'UserNotFoundFault');
const describeGroup = (clients, groupId) => describeOne(clients.elasticache.describeUserGroups, { UserGroupId: groupId }, 'UserGroups', 'UserGroupNotFoundFault');

const userActive = (clients, userId) => waitUntil(clients, `user ${userId}`, async () => (await describeUser(clients, userId))?.Status === 'active');
const groupActive = (clients, groupId) => waitUntil(clients, `user group ${groupId}`, async () => (await describeGroup(clients, groupId))?.Status === 'active');

/** Makes `add` a member and `remove` not one (no call when it already is so). Returns whether the group changed. */
async function swapMembers(clients, groupId, add, remove) {
  await groupActive(clients, groupId);
  const members = (await describeGroup(clients, groupId)).UserIds || [];
  const toAdd = members.includes(add) ? [] : [add];
  const toRemove = members.includes(remove) ? [remove] : [];
  if (toAdd.length === 0 && toRemove.length === 0) return false;
  await clients.elasticache.modifyUserGroup({ UserGroupId: groupId, UserIdsToAdd: toAdd, UserIdsToRemove: toRemove });
  await groupActive(clients, groupId);
  return true;
}

/** Creates the user with `passwords` or, when it exists, sets them; then puts it in the group. */
async function upsert(clients, input, passwords) {
  const authenticationMode = { Type: 'password', Passwords: passwords };
  let created = true;
  try {
    await clients.elasticache.createUser({ UserId: input.userId, UserName: 'default', Engine: input.engine, AccessString: input.accessString, AuthenticationMode: authenticationMode });
  } catch (e) {
    if (errorName(e) !== 'UserAlreadyExistsFault') throw e;
    created = false;
    await userActive(clients, input.userId);
    await clients.elasticache.modifyUser({ UserId: input.userId, AccessString: input.accessString, AuthenticationMode: authenticationMode });
  }
  await userActive(clients, input.userId);
  const swapped = await swapMembers(clients, input.userGroupId, input.userId, input.disabledUserId);
  return { created, swapped };
}

/** Swaps the disabled user back in and deletes the password user; missing ones are fine. */
async function remove(clients, input) {
  const group = await describeGroup(clients, input.userGroupId);
  const swapped = group !== undefined && (group.UserIds || []).includes(input.userId) ? await swapMembers(clients, input.userGroupId, input.disabledUserId, input.userId) : false;
  let deleted = false;
  if ((await describeUser(clients, input.userId)) !== undefined) {
    await userActive(clients, input.userId);
    try {
      await clients.elasticache.deleteUser({ UserId: input.userId });
      deleted = true;
    } catch (e) {
      if (errorName(e) !== 'UserNotFoundFault') throw e;
    }
  }
  return { swapped, deleted };
}

const sameIds = (a, b) => ['userGroupId', 'disabledUserId', 'userId', 'engine'].every((k) => a[k] === b[k]);

/**
 * The handler's logic, with the AWS calls passed in (`elasticache.*`, `secrets.getSecretValue`,
 * `sleep`). Returns what was done — ids, the action and counts, never a password.
 */
async function run(event, clients) {
  const { action, input, prev } = parseInput(event);
  const result = { action, userId: input.userId, userGroupId: input.userGroupId };
  if (action === 'delete') return { ...result, ...(await remove(clients, input)) };
  const token = await readToken(clients, input.secretArn, input.secretVersionId);
  if (action === 'update' && prev && !sameIds(prev, input)) {
    await remove(clients, prev);
    return { ...result, passwords: 1, ...(await upsert(clients, input, [token])) };
  }
  const passwords = [token];
  if (action === 'update' && prev && prev.secretVersionId !== input.secretVersionId) {
    const previous = await readToken(clients, prev.secretArn, prev.secretVersionId);
    if (previous !== token) passwords.push(previous);
  }
  return { ...result, passwords: passwords.length, ...(await upsert(clients, input, passwords)) };
}

/** The AWS SDK v3 clients of the Lambda runtime, behind the small interface `run` uses. */
function awsClients() {
  const ec = require('@aws-sdk/client-elasticache');
  const sm = require('@aws-sdk/client-secrets-manager');
  const elasticache = new ec.ElastiCacheClient({});
  const secrets = new sm.SecretsManagerClient({});
  const call = (client, Command) => (params) => client.send(new Command(params));
  return {
    elasticache: {
      createUser: call(elasticache, ec.CreateUserCommand),
      modifyUser: call(elasticache, ec.ModifyUserCommand),
      deleteUser: call(elasticache, ec.DeleteUserCommand),
      describeUsers: call(elasticache, ec.DescribeUsersCommand),
      describeUserGroups: call(elasticache, ec.DescribeUserGroupsCommand),
      modifyUserGroup: call(elasticache, ec.ModifyUserGroupCommand),
    },
    secrets: { getSecretValue: call(secrets, sm.GetSecretValueCommand) },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

exports.run = run;
exports.POLL = POLL;
exports.handler = (event) => run(event, awsClients());
