/**
 * App keys (account scope only): CreateAppKey, ListAppKeys, GetAppKey, DeleteAppKey. At most 10 per app.
 */
import { ACCOUNT, type Context, type Route } from './context.js';
import { badRequest, notFound } from './errors.js';
import type { KeyRecord } from './store.js';
import { bodyObject, onlyFields, requiredText } from './validate.js';

/** The routes of app keys. */
export const keyRoutes: Route[] = [
  {
    operation: 'CreateAppKey',
    method: 'POST',
    pattern: '/v2/apps/:appId/keys',
    scopes: ACCOUNT,
    handler: createKey,
  },
  {
    operation: 'ListAppKeys',
    method: 'GET',
    pattern: '/v2/apps/:appId/keys',
    scopes: ACCOUNT,
    handler: listKeys,
  },
  {
    operation: 'GetAppKey',
    method: 'GET',
    pattern: '/v2/apps/:appId/keys/:keyId',
    scopes: ACCOUNT,
    handler: getKey,
  },
  {
    operation: 'DeleteAppKey',
    method: 'DELETE',
    pattern: '/v2/apps/:appId/keys/:keyId',
    scopes: ACCOUNT,
    handler: deleteKey,
  },
];

function createKey(ctx: Context) {
  const body = bodyObject(ctx.body);
  onlyFields(body, ['displayName']);
  const displayName = requiredText(body, 'displayName', { max: 100 });
  if (ctx.app.keys.size >= 10) throw badRequest('An app can have at most 10 keys');
  const key = ctx.store.issueKey({ scope: 'app', displayName, appId: ctx.app.wire.id });
  return { status: 201, body: { key: view(key) } };
}

function listKeys(ctx: Context) {
  return { body: { keys: [...ctx.app.keys.values()].map(view) } };
}

function getKey(ctx: Context) {
  return { body: { key: view(keyOf(ctx)) } };
}

function deleteKey(ctx: Context) {
  ctx.store.revokeKey(keyOf(ctx).id);
  return { body: {} };
}

function keyOf(ctx: Context): KeyRecord {
  const key = ctx.app.keys.get(ctx.params.keyId!);
  if (!key) throw notFound('not_found', 'Key');
  return key;
}

/** The wire shape of a key (id, displayName, secret). */
export function view(key: KeyRecord): { id: string; displayName: string; secret: string } {
  return { id: key.id, displayName: key.displayName, secret: key.secret };
}
