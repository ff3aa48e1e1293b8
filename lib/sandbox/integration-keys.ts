/**
 * API keys of custom integrations (`int_...`): CreateCustomIntegrationKey, ListCustomIntegrationKeys,
 * GetCustomIntegrationKey, DeleteCustomIntegrationKey. At most 10 per integration.
 */
import { APP, type Context, type Route } from './context.js';
import { badRequest, notFound } from './errors.js';
import { integrationOf } from './integrations.js';
import { view } from './keys.js';
import type { KeyRecord } from './store.js';
import { bodyObject, onlyFields, requiredText } from './validate.js';

const base = '/v2/apps/:appId/integrations/:integrationId/keys';

/** The routes of integration keys. */
export const integrationKeyRoutes: Route[] = [
  { operation: 'CreateCustomIntegrationKey', method: 'POST', pattern: base, scopes: APP, handler: createKey },
  {
    operation: 'ListCustomIntegrationKeys',
    method: 'GET',
    pattern: base,
    scopes: APP,
    handler: (ctx) => ({ body: { keys: keysOf(ctx).map(view) } }),
  },
  {
    operation: 'GetCustomIntegrationKey',
    method: 'GET',
    pattern: `${base}/:keyId`,
    scopes: APP,
    handler: (ctx) => ({ body: { key: view(keyOf(ctx)) } }),
  },
  {
    operation: 'DeleteCustomIntegrationKey',
    method: 'DELETE',
    pattern: `${base}/:keyId`,
    scopes: APP,
    handler: deleteKey,
  },
];

function createKey(ctx: Context) {
  const body = bodyObject(ctx.body);
  onlyFields(body, ['displayName']);
  const displayName = requiredText(body, 'displayName', { max: 100 });
  const existing = keysOf(ctx);
  if (existing.length >= 10) throw badRequest('An integration can have at most 10 keys');
  const key = ctx.store.issueKey({
    scope: 'integration',
    displayName,
    appId: ctx.app.wire.id,
    integrationId: ctx.params.integrationId!,
  });
  return { status: 201, body: { key: view(key) } };
}

function deleteKey(ctx: Context) {
  ctx.store.revokeKey(keyOf(ctx).id);
  return { body: {} };
}

function keysOf(ctx: Context): KeyRecord[] {
  const integration = integrationOf(ctx);
  if (integration.type !== 'custom') throw badRequest('Only custom integrations have API keys');
  return [...ctx.store.keys.values()].filter((key) => key.integrationId === integration.id);
}

function keyOf(ctx: Context): KeyRecord {
  const key = keysOf(ctx).find((candidate) => candidate.id === ctx.params.keyId);
  if (!key) throw notFound('not_found', 'Key');
  return key;
}
