/**
 * Webhooks by id alone (smooch-python's `delete_webhook(id)`, Intercom's `Subscription.find(id)` / `all()`):
 * without an `integrationId`, the webhook's integration is found by listing the webhooks of the app's custom
 * integrations (one request each, stopping at the first that holds it). The class and its declaration are
 * passed in, so this module never imports webhook.ts.
 */
import { Collection } from '../collection.js';
import { errorFromResponse } from '../errors.js';
import { type Binding, type Model, type ModelClass, requireAppId } from '../model.js';
import { allIn, type Resource } from '../resource.js';
import type { WebhookCallOptions } from './webhook-fields.js';
import { integrationsOf } from './webhook-integration.js';

/** The webhooks resource, as the lookups use it. */
export type WebhookList = Resource<'all', string | undefined>;

/** A TypeError before any request for an id that is not a non-empty string. */
export function checkWebhookId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(
      `Expected a non-empty string id for the webhook, got ${id === '' ? 'an empty string' : typeof id}`,
    );
  }
}

/**
 * The integration holding webhook `id`: `integrationId` when given (or `me` with an integration-scope key),
 * else the first custom integration that lists it; a `NotFoundError` when none does.
 * @example const integrationId = await integrationOfWebhook(Webhook, WEBHOOKS, binding, id, options);
 */
export async function integrationOfWebhook<M extends Model & { id: string }>(
  Class: ModelClass<M>,
  webhooks: WebhookList,
  binding: Binding,
  id: string,
  options: WebhookCallOptions,
): Promise<string> {
  checkWebhookId(id);
  const candidates = await integrationsOf(binding, options);
  if (options.integrationId !== undefined || (candidates.length === 1 && candidates[0] === 'me')) {
    return candidates[0]!;
  }
  for (const integrationId of candidates) {
    const found = await allIn(Class, webhooks, integrationId, options).toArray({ limit: 1000 });
    if (found.some((webhook) => webhook.id === id)) return integrationId;
  }
  throw errorFromResponse({
    status: 404,
    method: 'GET',
    url: `/v2/apps/${binding.appId ?? ''}/integrations/*/webhooks/${encodeURIComponent(id)}`,
    headers: {},
    body: { errors: [{ code: 'webhook_not_found', title: `No custom integration holds webhook ${id}` }] },
    note: `searched ${candidates.length} custom integration(s); pass { integrationId } for a Connect integration`,
  });
}

/**
 * The webhooks of one integration (`integrationId`, or `me`), else of every custom integration of the app, one
 * page per integration, fetched as iteration gets there.
 * @example for await (const webhook of webhooksOfApp(Webhook, WEBHOOKS, binding, options)) webhook.target;
 */
export function webhooksOfApp<M extends Model>(
  Class: ModelClass<M>,
  webhooks: WebhookList,
  binding: Binding,
  options: WebhookCallOptions,
): Collection<M> {
  requireAppId(binding);
  let integrations: Promise<string[]> | undefined;
  return new Collection<M>(async (cursor) => {
    // A walk starts without a cursor: list the integrations afresh then; the cursor is the next integration.
    if (cursor === undefined) integrations = integrationsOf(binding, options);
    const ids = await integrations!;
    const index = cursor === undefined ? 0 : ids.indexOf(cursor);
    if (index < 0 || index >= ids.length) return { items: [], next: undefined };
    const items = await allIn(Class, webhooks, ids[index], options).toArray({ limit: 1000 });
    return { items, next: ids[index + 1] };
  }, options.signal);
}
