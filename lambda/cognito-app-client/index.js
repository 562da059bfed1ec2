'use strict';
/**
 * Lambda handler of `FrontDoorAppClient` (src/frontdoor/front-door-app-client.ts): creates, updates
 * and deletes the Cognito app client the front door's ALB signs users in with — a client **with a
 * secret** — at apply time, so that **the secret is in no Terraform state** (the provider's
 * `aws_cognito_user_pool_client` reads `client_secret` on every refresh). Elastic Load Balancing
 * reads the secret from Cognito itself; the ALB needs only the pool ARN, the client id and the
 * domain. Invoked by `aws_lambda_invocation` with `lifecycle_scope = "CRUD"`, which adds
 * `tf: { action: "create" | "update" | "delete", prev_input }` to the input.
 *
 * The input: `userPoolId`, `clientName` (the client's deterministic name: client names are not
 * unique in a pool, so a retried create finds its client by it) and `settings` — the client's full
 * settings in the API's names (flows, scopes, callback URLs, token validity, …), never a secret.
 *
 * - create: the client named `clientName` if it exists (a retried create: it is updated to the
 *   settings), else CreateUserPoolClient with `GenerateSecret: true`;
 * - update: UpdateUserPoolClient with the **full** settings (the API resets omitted ones to their
 *   defaults); a changed pool or name deletes the old client and creates the new one; a client
 *   deleted outside Terraform is created again (a new id);
 * - delete: DeleteUserPoolClient of every client with that name (none, or a missing pool, is fine).
 *
 * Returns `{ clientId }` only. The secret, which CreateUserPoolClient and UpdateUserPoolClient
 * return, is never kept, logged, returned or put in an error message.
 *
 * Runtime: Node.js with the AWS SDK for JavaScript v3 the runtime provides; no dependencies.
 */

/** The client settings the input may carry (UpdateUserPoolClient's, minus ids and name). */
const SETTINGS = [
  'AllowedOAuthFlows',
  'AllowedOAuthFlowsUserPoolClient',
  'AllowedOAuthScopes',
  'AuthSessionValidity',
  'CallbackURLs',
  'DefaultRedirectURI',
  'EnablePropagateAdditionalUserContextData',
  'EnableTokenRevocation',
  'ExplicitAuthFlows',
  'IdTokenValidity',
  'AccessTokenValidity',
  'LogoutURLs',
  'PreventUserExistenceErrors',
  'ReadAttributes',
  'RefreshTokenValidity',
  'SupportedIdentityProviders',
  'TokenValidityUnits',
  'WriteAttributes',
];

/** ListUserPoolClients' largest page. */
const PAGE_SIZE = 60;

function parseOne(e, what) {
  if (!e || typeof e !== 'object') throw new Error(`the ${what} is not a JSON object`);
  for (const key of ['userPoolId', 'clientName']) {
    if (typeof e[key] !== 'string' || e[key] === '') throw new Error(`the ${what} lacks "${key}"`);
  }
  if (!e.settings || typeof e.settings !== 'object' || Array.isArray(e.settings)) throw new Error(`the ${what} lacks "settings"`);
  const unknown = Object.keys(e.settings).filter((k) => !SETTINGS.includes(k));
  if (unknown.length > 0) throw new Error(`the ${what}'s settings have keys this handler does not set: ${unknown.join(', ')}`);
  return { userPoolId: e.userPoolId, clientName: e.clientName, settings: e.settings };
}

/** The input, checked (a missing or unknown key is a bug of the construct, not of the user). */
function parseInput(event) {
  const input = parseOne(event, 'input');
  const action = event.tf && event.tf.action ? event.tf.action : 'create';
  if (!['create', 'update', 'delete'].includes(action)) throw new Error(`unknown action "${action}"`);
  const prev = event.tf && event.tf.prev_input && typeof event.tf.prev_input === 'object' ? parseOne(event.tf.prev_input, 'previous input') : undefined;
  return { action, input, prev };
}

function errorName(e) {
  return (e && (e.name || (e.Error && e.Error.Code))) || 'Error';
}

/** Ids of the pool's clients named `clientName`; none when `missingPoolIsEmpty` and the pool is gone. */
async function findClients(clients, { userPoolId, clientName }, missingPoolIsEmpty) {
  const ids = [];
  let token;
  do {
    let page;
    try {
      page = await clients.cognito.listUserPoolClients({ UserPoolId: userPoolId, MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) });
    } catch (e) {
      if (missingPoolIsEmpty && errorName(e) === 'ResourceNotFoundException') return [];
      throw e;
    }
    for (const c of page.UserPoolClients || []) if (c.ClientName === clientName) ids.push(c.ClientId);
    token = page.NextToken;
  } while (token);
  return ids;
}

/** Creates the client, or updates the one of that name to the full settings. Returns its id only. */
async function upsert(clients, input) {
  const found = await findClients(clients, input, false);
  if (found.length > 1) {
    throw new Error(`user pool ${input.userPoolId} has ${found.length} app clients named "${input.clientName}" (${found.join(', ')}); delete all but the one the ALB uses`);
  }
  const base = { UserPoolId: input.userPoolId, ClientName: input.clientName, ...input.settings };
  if (found.length === 1) {
    await clients.cognito.updateUserPoolClient({ ...base, ClientId: found[0] });
    return { clientId: found[0], created: false };
  }
  const out = await clients.cognito.createUserPoolClient({ ...base, GenerateSecret: true });
  const clientId = out && out.UserPoolClient ? out.UserPoolClient.ClientId : undefined;
  if (typeof clientId !== 'string' || clientId === '') throw new Error(`CreateUserPoolClient returned no client id for "${input.clientName}" in user pool ${input.userPoolId}`);
  return { clientId, created: true };
}

/** Deletes every client of that name; a missing client or pool is fine. */
async function remove(clients, input) {
  for (const clientId of await findClients(clients, input, true)) {
    try {
      await clients.cognito.deleteUserPoolClient({ UserPoolId: input.userPoolId, ClientId: clientId });
    } catch (e) {
      if (errorName(e) !== 'ResourceNotFoundException') throw e;
    }
  }
}

/**
 * The handler's logic, with the AWS calls passed in (`cognito.listUserPoolClients`,
 * `createUserPoolClient`, `updateUserPoolClient`, `deleteUserPoolClient`). Returns `{ clientId }`.
 */
async function run(event, clients) {
  const { action, input, prev } = parseInput(event);
  if (action === 'delete') {
    await remove(clients, input);
    return { clientId: null };
  }
  if (action === 'update' && prev && (prev.userPoolId !== input.userPoolId || prev.clientName !== input.clientName)) await remove(clients, prev);
  const { clientId } = await upsert(clients, input);
  return { clientId };
}

/** The AWS SDK v3 client of the Lambda runtime, behind the small interface `run` uses. */
function awsClients() {
  const idp = require('@aws-sdk/client-cognito-identity-provider');
  const cognito = new idp.CognitoIdentityProviderClient({});
  const call = (Command) => (params) => cognito.send(new Command(params));
  return {
    cognito: {
      listUserPoolClients: call(idp.ListUserPoolClientsCommand),
      createUserPoolClient: call(idp.CreateUserPoolClientCommand),
      updateUserPoolClient: call(idp.UpdateUserPoolClientCommand),
      deleteUserPoolClient: call(idp.DeleteUserPoolClientCommand),
    },
  };
}

exports.run = run;
exports.SETTINGS = SETTINGS;
exports.handler = (event) => run(event, awsClients());
