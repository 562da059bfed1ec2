/**
 * The Lambda handler of FrontDoorAppClient (lambda/cognito-app-client/index.js) against a fake Cognito
 * that keeps app clients like the real service (names not unique, secrets generated and returned by
 * create and update, pages of ListUserPoolClients). Asserts the calls made, the clients left, and
 * that no result, error or call parameter holds a secret.
 */
import * as path from 'path';

interface Clients {
  cognito: Record<string, (p: any) => Promise<any>>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler: { run: (event: unknown, clients: Clients) => Promise<Record<string, unknown>>; SETTINGS: string[] } = require(path.join(__dirname, '../../lambda/cognito-app-client/index.js'));

const POOL = 'us-east-1_AbCdEfGhI';
const SETTINGS = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['email', 'openid'],
  SupportedIdentityProviders: ['COGNITO'],
  CallbackURLs: ['https://mlflow.ml.acme.io/oauth2/idpresponse'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: true,
};
const INPUT = { userPoolId: POOL, clientName: 'front-door-alb', settings: SETTINGS };

class Fault extends Error {
  constructor(public readonly name: string) {
    super(`${name} (fake)`);
  }
}

/** A fake Cognito: clients per pool, a generated secret per client, pages of `pageSize`. */
function fakeCognito(pageSize = 60) {
  const pools = new Map<string, Map<string, Record<string, any>>>([[POOL, new Map()]]);
  const secrets: string[] = [];
  const calls: Array<[string, any]> = [];
  let next = 1;
  const pool = (id: string) => {
    const p = pools.get(id);
    if (!p) throw new Fault('ResourceNotFoundException');
    return p;
  };
  const record = (name: string, fn: (p: any) => any) => async (p: any) => {
    calls.push([name, p]);
    return fn(p);
  };
  const withSecret = (clientId: string, c: Record<string, any>) => ({ UserPoolClient: { ...c, ClientId: clientId, ClientSecret: c.secret } });
  const clients: Clients = {
    cognito: {
      listUserPoolClients: record('listUserPoolClients', (p) => {
        const all = [...pool(p.UserPoolId).entries()].map(([id, c]) => ({ ClientId: id, ClientName: c.ClientName, UserPoolId: p.UserPoolId }));
        const start = p.NextToken ? Number(p.NextToken) : 0;
        const end = start + Math.min(p.MaxResults, pageSize);
        return { UserPoolClients: all.slice(start, end), ...(end < all.length ? { NextToken: String(end) } : {}) };
      }),
      createUserPoolClient: record('createUserPoolClient', (p) => {
        const id = `client${next++}`;
        const secret = `SeCrEt${id}0123456789abcdefghijklmnopqrstuv`;
        secrets.push(secret);
        const { UserPoolId: _pool, ...settings } = p;
        pool(p.UserPoolId).set(id, { ...settings, secret });
        return withSecret(id, pool(p.UserPoolId).get(id)!);
      }),
      updateUserPoolClient: record('updateUserPoolClient', (p) => {
        const c = pool(p.UserPoolId).get(p.ClientId);
        if (!c) throw new Fault('ResourceNotFoundException');
        const { UserPoolId: _pool, ClientId: _id, ...settings } = p;
        // what UpdateUserPoolClient does: omitted settings go back to their defaults
        pool(p.UserPoolId).set(p.ClientId, { GenerateSecret: c.GenerateSecret, secret: c.secret, ...settings });
        return withSecret(p.ClientId, pool(p.UserPoolId).get(p.ClientId)!);
      }),
      deleteUserPoolClient: record('deleteUserPoolClient', (p) => {
        if (!pool(p.UserPoolId).delete(p.ClientId)) throw new Fault('ResourceNotFoundException');
        return {};
      }),
    },
  };
  const names = () => calls.map(([n]) => n).filter((n) => n !== 'listUserPoolClients');
  return { clients, pools, secrets, calls, names };
}

/** Fails when a generated secret occurs anywhere in `value` (a result, an error, the recorded calls). */
function expectNoSecret(secrets: string[], value: unknown): void {
  const text = JSON.stringify(value) + String(value) + (value instanceof Error ? value.stack : '');
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('FrontDoorAppClient handler', () => {
  test('create: one client with a generated secret and the settings; the result is its id only', async () => {
    const aws = fakeCognito();
    const result = await handler.run({ ...INPUT, tf: { action: 'create', prev_input: null } }, aws.clients);
    expect(aws.names()).toEqual(['createUserPoolClient']);
    expect(aws.calls.find(([n]) => n === 'createUserPoolClient')![1]).toEqual({ UserPoolId: POOL, ClientName: 'front-door-alb', GenerateSecret: true, ...SETTINGS });
    expect(result).toEqual({ clientId: 'client1' });
    expectNoSecret(aws.secrets, [result, aws.calls]);
  });

  test('a retried create finds its client by name (on a later page) and updates it with the full settings: no second client', async () => {
    const aws = fakeCognito(2);
    for (const name of ['web', 'cli', 'ops']) await aws.clients.cognito.createUserPoolClient({ UserPoolId: POOL, ClientName: name });
    await handler.run(INPUT, aws.clients);
    aws.calls.length = 0;
    const result = await handler.run({ ...INPUT, tf: { action: 'create' } }, aws.clients);
    expect(aws.calls.map(([n]) => n)).toEqual(['listUserPoolClients', 'listUserPoolClients', 'updateUserPoolClient']);
    expect(aws.calls[2][1]).toEqual({ UserPoolId: POOL, ClientId: 'client4', ClientName: 'front-door-alb', ...SETTINGS });
    expect(result).toEqual({ clientId: 'client4' });
    expect([...aws.pools.get(POOL)!.values()].filter((c) => c.ClientName === 'front-door-alb')).toHaveLength(1);
  });

  test('update sends every setting (the API resets omitted ones): a new callback URL keeps the flows and scopes', async () => {
    const aws = fakeCognito();
    await handler.run(INPUT, aws.clients);
    const settings = { ...SETTINGS, CallbackURLs: [...SETTINGS.CallbackURLs, 'https://grafana.ml.acme.io/oauth2/idpresponse'] };
    const result = await handler.run({ ...INPUT, settings, tf: { action: 'update', prev_input: INPUT } }, aws.clients);
    expect(result).toEqual({ clientId: 'client1' });
    const { secret, ...client } = aws.pools.get(POOL)!.get('client1')!;
    expect(client).toEqual({ ClientName: 'front-door-alb', GenerateSecret: true, ...settings });
    expect(secret).toBe(aws.secrets[0]);
    expectNoSecret(aws.secrets, [result, aws.calls]);
  });

  test('update with another client name deletes the old client and creates the new; a client deleted outside Terraform is created again', async () => {
    const aws = fakeCognito();
    await handler.run(INPUT, aws.clients);
    aws.calls.length = 0;
    const renamed = await handler.run({ ...INPUT, clientName: 'alb-2', tf: { action: 'update', prev_input: INPUT } }, aws.clients);
    expect(aws.names()).toEqual(['deleteUserPoolClient', 'createUserPoolClient']);
    expect(renamed).toEqual({ clientId: 'client2' });
    aws.pools.get(POOL)!.clear();
    const recreated = await handler.run({ ...INPUT, clientName: 'alb-2', tf: { action: 'update', prev_input: { ...INPUT, clientName: 'alb-2' } } }, aws.clients);
    expect(recreated).toEqual({ clientId: 'client3' });
  });

  test('delete removes the client; a second delete and a missing pool are no-ops', async () => {
    const aws = fakeCognito();
    await handler.run(INPUT, aws.clients);
    aws.calls.length = 0;
    expect(await handler.run({ ...INPUT, tf: { action: 'delete', prev_input: INPUT } }, aws.clients)).toEqual({ clientId: null });
    expect(aws.calls).toEqual([
      ['listUserPoolClients', { UserPoolId: POOL, MaxResults: 60 }],
      ['deleteUserPoolClient', { UserPoolId: POOL, ClientId: 'client1' }],
    ]);
    expect(aws.pools.get(POOL)!.size).toBe(0);
    aws.calls.length = 0;
    await handler.run({ ...INPUT, tf: { action: 'delete' } }, aws.clients);
    await handler.run({ ...INPUT, userPoolId: 'us-east-1_Gone', tf: { action: 'delete' } }, aws.clients);
    expect(aws.names()).toEqual([]);
  });

  test('bad input, two clients of the name and AWS errors are errors without the secret', async () => {
    const aws = fakeCognito();
    await expect(handler.run({ ...INPUT, clientName: '' }, aws.clients)).rejects.toThrow('the input lacks "clientName"');
    await expect(handler.run({ ...INPUT, tf: { action: 'read' } }, aws.clients)).rejects.toThrow('unknown action "read"');
    await expect(handler.run({ ...INPUT, settings: { ...SETTINGS, GenerateSecret: false, ClientSecret: 'x' } }, aws.clients)).rejects.toThrow(
      "the input's settings have keys this handler does not set: GenerateSecret, ClientSecret",
    );
    await handler.run(INPUT, aws.clients);
    await aws.clients.cognito.createUserPoolClient({ UserPoolId: POOL, ClientName: 'front-door-alb' });
    const twice = await handler.run(INPUT, aws.clients).catch((e: unknown) => e);
    expect(String(twice)).toContain('user pool us-east-1_AbCdEfGhI has 2 app clients named "front-door-alb" (client1, client2); delete all but the one the ALB uses');
    expectNoSecret(aws.secrets, twice);
    aws.clients.cognito.updateUserPoolClient = async () => {
      throw new Fault('InvalidOAuthFlowException');
    };
    aws.pools.get(POOL)!.delete('client2');
    const failed = await handler.run(INPUT, aws.clients).catch((e: unknown) => e);
    expect((failed as Error).name).toBe('InvalidOAuthFlowException');
    expectNoSecret(aws.secrets, failed);
    await expect(handler.run({ ...INPUT, userPoolId: 'us-east-1_Gone' }, aws.clients)).rejects.toThrow('ResourceNotFoundException');
  });
});
