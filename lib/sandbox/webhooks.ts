/**
 * Webhooks of custom integrations: CreateWebhook, ListWebhooks, GetWebhook, UpdateWebhook, DeleteWebhook.
 * An integration key reaches only its own integration (also as `integrations/me`).
 */
import { type Context, type Route, WEBHOOK } from './context.js';
import { badRequest, forbidden, notFound } from './errors.js';
import { newId, newSecret } from './ids.js';
import { TRIGGERS } from './integration-types.js';
import type { AppState, WebhookRecord, Wire } from './store.js';
import { bodyObject, flag, onlyFields, strings, url } from './validate.js';

const base = '/v2/apps/:appId/integrations/:integrationId/webhooks';
const FIELDS = ['target', 'triggers', 'includeFullUser', 'includeFullSource'];

/** The routes of webhooks. */
export const webhookRoutes: Route[] = [
  { operation: 'CreateWebhook', method: 'POST', pattern: base, scopes: WEBHOOK, handler: createWebhook },
  { operation: 'ListWebhooks', method: 'GET', pattern: base, scopes: WEBHOOK, handler: listWebhooks },
  {
    operation: 'GetWebhook',
    method: 'GET',
    pattern: `${base}/:webhookId`,
    scopes: WEBHOOK,
    handler: getWebhook,
  },
  {
    operation: 'UpdateWebhook',
    method: 'PATCH',
    pattern: `${base}/:webhookId`,
    scopes: WEBHOOK,
    handler: updateWebhook,
  },
  {
    operation: 'DeleteWebhook',
    method: 'DELETE',
    pattern: `${base}/:webhookId`,
    scopes: WEBHOOK,
    handler: deleteWebhook,
  },
];

function createWebhook(ctx: Context) {
  const webhooks = webhooksOf(ctx);
  const webhook = createWebhookRecord(ctx.app, bodyObject(ctx.body));
  webhooks.set(webhook.id, webhook);
  return { status: 201, body: { webhook: webhookView(webhook) } };
}

function listWebhooks(ctx: Context) {
  return { body: { webhooks: [...webhooksOf(ctx).values()].map(webhookView) } };
}

function getWebhook(ctx: Context) {
  return { body: { webhook: webhookView(webhookOf(ctx)) } };
}

function updateWebhook(ctx: Context) {
  const webhook = webhookOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, FIELDS);
  webhook.target = url(body, 'target') ?? webhook.target;
  webhook.triggers = strings(body, 'triggers', TRIGGERS) ?? webhook.triggers;
  webhook.includeFullUser = flag(body, 'includeFullUser') ?? webhook.includeFullUser;
  webhook.includeFullSource = flag(body, 'includeFullSource') ?? webhook.includeFullSource;
  return { body: { webhook: webhookView(webhook) } };
}

function deleteWebhook(ctx: Context) {
  webhooksOf(ctx).delete(webhookOf(ctx).id);
  return { body: {} };
}

/** Validates a webhook body and makes its record, with a fresh secret (at most 10 webhooks per app). */
export function createWebhookRecord(app: AppState, body: Wire): WebhookRecord {
  onlyFields(body, FIELDS);
  const target = url(body, 'target', true)!;
  const triggers = strings(body, 'triggers', TRIGGERS);
  if (!triggers) throw badRequest('triggers is required');
  let count = 0;
  for (const webhooks of app.webhooks.values()) count += webhooks.size;
  if (count >= 10) throw badRequest('An app can have at most 10 webhooks');
  return {
    id: newId(),
    version: 'v2',
    target,
    triggers,
    secret: newSecret(),
    includeFullUser: flag(body, 'includeFullUser') ?? false,
    includeFullSource: flag(body, 'includeFullSource') ?? false,
  };
}

/** The wire shape of a webhook (with its secret, as create and get return it). */
export function webhookView(webhook: WebhookRecord): Wire {
  return { ...webhook, triggers: [...webhook.triggers] };
}

function webhooksOf(ctx: Context): Map<string, WebhookRecord> {
  const { key } = ctx.principal;
  let integrationId = ctx.params.integrationId!;
  if (integrationId === 'me') {
    if (!key.integrationId) throw badRequest('integrations/me needs an integration key');
    integrationId = key.integrationId;
  }
  if (key.integrationId && key.integrationId !== integrationId) {
    throw forbidden('An integration key reaches only its own integration');
  }
  const integration = ctx.app.integrations.get(integrationId) ?? ctx.app.oauthGrants.get(integrationId);
  if (!integration) throw notFound('integration_not_found', 'Integration');
  const webhooks = ctx.app.webhooks.get(integrationId);
  if (!webhooks) throw badRequest('Webhooks belong to custom integrations');
  return webhooks;
}

function webhookOf(ctx: Context): WebhookRecord {
  const webhook = webhooksOf(ctx).get(ctx.params.webhookId!);
  if (!webhook) throw notFound('not_found', 'Webhook');
  return webhook;
}
