/**
 * Integrations: CreateIntegration (a `custom` one carries its webhook), ListIntegrations (`filter[types]`),
 * GetIntegration, UpdateIntegration, DeleteIntegration.
 */
import { APP, type Context, type Route } from './context.js';
import { badRequest, notFound } from './errors.js';
import { newId } from './ids.js';
import { INTEGRATION_TYPES, READABLE_BY_TYPE, REQUIRED, WRITE_ONLY } from './integration-types.js';
import { page } from './paging.js';
import type { AppState, Wire } from './store.js';
import { bodyObject, isPlainObject, text } from './validate.js';
import { createWebhookRecord, webhookView } from './webhooks.js';

/** The routes of integrations. */
export const integrationRoutes: Route[] = [
  {
    operation: 'CreateIntegration',
    method: 'POST',
    pattern: '/v2/apps/:appId/integrations',
    scopes: APP,
    handler: createIntegration,
  },
  {
    operation: 'ListIntegrations',
    method: 'GET',
    pattern: '/v2/apps/:appId/integrations',
    scopes: APP,
    handler: listIntegrations,
  },
  {
    operation: 'GetIntegration',
    method: 'GET',
    pattern: '/v2/apps/:appId/integrations/:integrationId',
    scopes: APP,
    handler: getIntegration,
  },
  {
    operation: 'UpdateIntegration',
    method: 'PATCH',
    pattern: '/v2/apps/:appId/integrations/:integrationId',
    scopes: APP,
    handler: update,
  },
  {
    operation: 'DeleteIntegration',
    method: 'DELETE',
    pattern: '/v2/apps/:appId/integrations/:integrationId',
    scopes: APP,
    handler: remove,
  },
];

function createIntegration(ctx: Context) {
  const body = bodyObject(ctx.body);
  const type = text(body, 'type', { required: true });
  if (!INTEGRATION_TYPES.includes(type!)) throw badRequest('Invalid integration type');
  for (const field of REQUIRED[type!]!)
    if (body[field] === undefined) throw badRequest(`${field} is required`);
  text(body, 'displayName', { max: 100, nullable: true });
  const id = newId();
  const { webhooks, ...fields } = body;
  if (type === 'custom') {
    if (!Array.isArray(webhooks) || webhooks.length !== 1 || !isPlainObject(webhooks[0])) {
      throw badRequest('A custom integration needs exactly one webhook in webhooks');
    }
    ctx.app.webhooks.set(id, new Map());
    const webhook = createWebhookRecord(ctx.app, webhooks[0]);
    ctx.app.webhooks.get(id)!.set(webhook.id, webhook);
  }
  const wire = { ...fields, id, type: type!, status: 'active', displayName: fields.displayName ?? null };
  ctx.app.integrations.set(id, wire);
  return { status: 201, body: { integration: integrationView(ctx.app, wire) } };
}

function listIntegrations(ctx: Context) {
  const filter = ctx.query.get('filter[types]');
  let types: string[] | undefined;
  if (filter !== null) {
    types = filter.split(',').map((type) => type.trim());
    const unknown = types.filter((type) => !INTEGRATION_TYPES.includes(type));
    if (unknown.length || types.length === 0)
      throw badRequest(`Invalid integration type: ${unknown.join(', ')}`);
  }
  const all = [...ctx.app.integrations.values()].filter((wire) => !types || types.includes(wire.type));
  const { items, meta, links } = page(ctx, all);
  return { body: { integrations: items.map((wire) => integrationView(ctx.app, wire)), meta, links } };
}

function getIntegration(ctx: Context) {
  return { body: { integration: integrationView(ctx.app, integrationOf(ctx)) } };
}

function update(ctx: Context) {
  const wire = integrationOf(ctx);
  const body = bodyObject(ctx.body);
  for (const field of ['id', 'type', 'status', 'webhooks']) {
    if (field in body) throw badRequest(`${field} cannot be updated`);
  }
  text(body, 'displayName', { max: 100, nullable: true });
  Object.assign(wire, body);
  return { body: { integration: integrationView(ctx.app, wire) } };
}

function remove(ctx: Context) {
  const wire = integrationOf(ctx);
  ctx.app.integrations.delete(wire.id);
  ctx.app.webhooks.delete(wire.id);
  for (const key of [...ctx.store.keys.values()])
    if (key.integrationId === wire.id) ctx.store.revokeKey(key.id);
  return { body: {} };
}

/** The integration named by the path, or a 404 `integration_not_found`. */
export function integrationOf(ctx: Context): Wire & { id: string; type: string } {
  const integration = ctx.app.integrations.get(ctx.params.integrationId!);
  if (!integration) throw notFound('integration_not_found', 'Integration');
  return integration;
}

/** The wire shape: write-only credentials removed; a custom integration lists its webhooks. */
export function integrationView(app: AppState, wire: Wire & { id: string; type: string }): Wire {
  const readable = READABLE_BY_TYPE[wire.type] ?? [];
  const view: Wire = {};
  for (const [key, value] of Object.entries(wire)) {
    if (!WRITE_ONLY.has(key) || readable.includes(key)) view[key] = structuredClone(value);
  }
  if (wire.type === 'custom')
    view.webhooks = [...(app.webhooks.get(wire.id)?.values() ?? [])].map(webhookView);
  return view;
}
