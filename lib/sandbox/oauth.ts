/**
 * The OAuth flow of marketplace partners, simulated: Authorize (consent is given at once, for the sandbox's
 * first app) redirects back with a single-use code, GetToken exchanges it for an `integration`-scoped access
 * token, GetTokenInfo names the token's app, RevokeAccess invalidates the client's tokens and removes the
 * webhooks its integration configured.
 */
import { sameSecret } from './auth.js';
import { type Context, PUBLIC, type Route } from './context.js';
import { badRequest, forbidden, notFound, unauthorized } from './errors.js';
import { newId, newKeyId, newSecret, newToken } from './ids.js';
import type { AppState, KeyRecord, SandboxStore } from './store.js';
import { bodyObject, onlyFields, requiredText } from './validate.js';

const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** The routes of the OAuth endpoints. */
export const oauthRoutes: Route[] = [
  {
    operation: 'Authorize',
    method: 'GET',
    pattern: '/oauth/authorize',
    scopes: PUBLIC,
    handler: authorizeCall,
  },
  { operation: 'GetToken', method: 'POST', pattern: '/oauth/token', scopes: PUBLIC, handler: getToken },
  // The document marks it `security: []`, yet its purpose is to read the token it is called with.
  {
    operation: 'GetTokenInfo',
    method: 'GET',
    pattern: '/v2/tokenInfo',
    scopes: ['integration'],
    handler: tokenInfo,
  },
  {
    operation: 'RevokeAccess',
    method: 'DELETE',
    pattern: '/oauth/authorization',
    scopes: ['integration'],
    handler: revoke,
  },
];

/**
 * Registers an OAuth client with a fresh secret.
 * @example const { clientId, clientSecret } = registerOAuthClient(store);
 */
export function registerOAuthClient(store: SandboxStore): { clientId: string; clientSecret: string } {
  const client = { clientId: newId(), clientSecret: newSecret() };
  store.oauthClients.set(client.clientId, client);
  return client;
}

function authorizeCall(ctx: Context) {
  const clientId = ctx.query.get('client_id');
  if (!clientId || !ctx.store.oauthClients.has(clientId)) throw badRequest('client_id names no OAuth client');
  if (ctx.query.get('response_type') !== 'code') throw badRequest('response_type must be code');
  const redirectUri = ctx.query.get('redirect_uri');
  let target: URL;
  try {
    target = new URL(redirectUri ?? '');
  } catch {
    throw badRequest('redirect_uri must be given as an http(s) URL (the sandbox has no configured list)');
  }
  if (!/^https?:$/.test(target.protocol)) throw badRequest('redirect_uri must be an http(s) URL');
  const [app] = ctx.store.apps.values();
  if (!app) throw notFound('app_not_found', 'App');
  const code = newToken();
  ctx.store.oauthCodes.set(code, { clientId, appId: app.wire.id, expires: Date.now() + CODE_LIFETIME_MS });
  target.searchParams.set('code', code);
  const state = ctx.query.get('state');
  if (state !== null) target.searchParams.set('state', state);
  return { body: {}, redirect: target.toString() };
}

function getToken(ctx: Context) {
  const body = bodyObject(ctx.body);
  onlyFields(body, ['code', 'grant_type', 'client_id', 'client_secret']);
  const [code, grantType, clientId, clientSecret] = ['code', 'grant_type', 'client_id', 'client_secret'].map(
    (field) => requiredText(body, field),
  ) as [string, string, string, string];
  if (grantType !== 'authorization_code') throw badRequest('grant_type must be authorization_code');
  const client = ctx.store.oauthClients.get(clientId);
  if (!client || !sameSecret(clientSecret, client.clientSecret))
    throw unauthorized('Invalid client credentials');
  const grant = ctx.store.oauthCodes.get(code);
  // Single use: a code is gone once tried, whether it was still good or not.
  ctx.store.oauthCodes.delete(code);
  if (!grant || grant.clientId !== clientId || grant.expires < Date.now()) {
    throw badRequest('The code is unknown, expired, already used or for another client');
  }
  const app = ctx.store.apps.get(grant.appId);
  if (!app) throw notFound('app_not_found', 'App');
  const token = newSecret();
  ctx.store.oauthTokens.set(token, keyFor(app, clientId));
  return { body: { access_token: token, token_type: 'Bearer' } };
}

function tokenInfo(ctx: Context) {
  const app = ctx.store.apps.get(ctx.principal.key.appId ?? '');
  if (!app) throw notFound('app_not_found', 'App');
  return { body: { app: { ...structuredClone(app.wire), subdomain: `sandbox-${app.wire.id.slice(-6)}` } } };
}

function revoke(ctx: Context) {
  const { oauthClientId, appId, integrationId } = ctx.principal.key;
  if (!oauthClientId) throw forbidden('Only an OAuth access token can revoke its access');
  for (const [token, key] of ctx.store.oauthTokens) {
    if (key.oauthClientId === oauthClientId && key.appId === appId) ctx.store.oauthTokens.delete(token);
  }
  const app = ctx.store.apps.get(appId ?? '');
  app?.oauthGrants.delete(integrationId!);
  app?.webhooks.delete(integrationId!);
  return { body: {} };
}

/** The principal of the client's tokens on `app`: one integration per grant, with a webhook list of its own. */
function keyFor(app: AppState, clientId: string): KeyRecord {
  let grant = [...app.oauthGrants.values()].find((candidate) => candidate.clientId === clientId);
  if (!grant) {
    grant = { integrationId: newId(), clientId };
    app.oauthGrants.set(grant.integrationId, grant);
    app.webhooks.set(grant.integrationId, new Map());
  }
  return {
    id: newKeyId('int_'),
    secret: '',
    displayName: `OAuth token of ${clientId}`,
    scope: 'integration',
    appId: app.wire.id,
    integrationId: grant.integrationId,
    oauthClientId: clientId,
  };
}
