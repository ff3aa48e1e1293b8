/**
 * `smooch-record/testing`: build webhook deliveries of any trigger, with the matching `X-API-Key` header, to
 * test your own handlers without the API.
 * @example
 * import { webhookDelivery, webhookEvent, deliverWebhook } from 'smooch-record/testing';
 * const delivery = webhookDelivery(webhookEvent('conversation:message', {
 *   payload: { message: { content: { text: 'Where is my order?' } } },
 * }), { secret: 'test-secret' });
 * const response = await deliverWebhook(handler, delivery); // { status: 200, body: 'OK', headers }
 */
import { randomBytes } from 'node:crypto';
import type { TriggerName } from '../webhooks/triggers.js';
import { isPlainObject } from '../wire.js';
import { defaultPayload, TEST_IDS } from './defaults.js';

export { TEST_IDS } from './defaults.js';
export { deliverWebhook } from './deliver.js';
export type { DeliverOptions, DeliveredResponse } from './deliver.js';

type Plain = Record<string, unknown>;

/** A v2 event as delivered: `{ id, type, createdAt, payload }`. */
export interface WebhookEventJson {
  id: string;
  type: string;
  createdAt: string;
  payload: Plain;
}

/** Changes to an event's defaults. `payload` is merged deeply; `undefined` removes a default field. */
export interface EventOverrides {
  id?: string;
  createdAt?: string | Date;
  payload?: Plain;
}

/** A built delivery: the JSON object, its text, and the headers the API would send. */
export interface WebhookDelivery {
  json: { app: { id: string }; webhook: { id: string; version: string }; events: WebhookEventJson[] };
  /** The body as the API sends it (a JSON string). */
  body: string;
  /** `content-type` and, given a secret, `x-api-key`. */
  headers: Record<string, string>;
}

/** Options of `webhookDelivery`. */
export interface DeliveryOptions {
  /** Sent as `X-API-Key`; leave out to test a delivery without the header. */
  secret?: string;
  appId?: string;
  webhookId?: string;
}

/**
 * One event of `type` with sensible defaults (fake ids from `TEST_IDS`, a fresh random event id, now as
 * `createdAt`), changed by `overrides`.
 * @example webhookEvent('conversation:postback', { payload: { postback: { payload: 'BUY' } } })
 */
export function webhookEvent(type: TriggerName, overrides: EventOverrides = {}): WebhookEventJson {
  const now = new Date();
  const createdAt = overrides.createdAt ?? now;
  return {
    id: overrides.id ?? randomBytes(12).toString('hex'),
    type,
    createdAt: createdAt instanceof Date ? createdAt.toISOString() : createdAt,
    payload: merge(defaultPayload(type, now), overrides.payload ?? {}),
  };
}

/**
 * A delivery of one or more events (trigger names or `webhookEvent(...)` results), with its headers.
 * @example const { body, headers } = webhookDelivery(['conversation:message', 'conversation:read'], { secret });
 */
export function webhookDelivery(
  events: TriggerName | WebhookEventJson | (TriggerName | WebhookEventJson)[],
  options: DeliveryOptions = {},
): WebhookDelivery {
  const list = (Array.isArray(events) ? events : [events]).map((event) =>
    typeof event === 'string' ? webhookEvent(event) : event,
  );
  const json = {
    app: { id: options.appId ?? TEST_IDS.app },
    webhook: { id: options.webhookId ?? TEST_IDS.webhook, version: 'v2' },
    events: list,
  };
  return { json, body: JSON.stringify(json), headers: webhookHeaders(options.secret) };
}

/**
 * The headers of a delivery: JSON content type and, given a secret, `x-api-key`.
 * @example webhookHeaders('test-secret') // { 'content-type': 'application/json', 'x-api-key': 'test-secret' }
 */
export function webhookHeaders(secret?: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers['x-api-key'] = secret;
  return headers;
}

/** `overrides` merged into `base`: objects deeply, anything else replaced, `undefined` removing the key. */
function merge(base: Plain, overrides: Plain): Plain {
  const out: Plain = { ...base };
  for (const key of Object.keys(overrides)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const value = overrides[key];
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = merge(out[key] as Plain, value);
    else out[key] = value;
  }
  return out;
}
