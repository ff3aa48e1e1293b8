/**
 * `Webhook.ensure`, the seed's `ensure_webhook_exist` made exact: find the webhook by target (in one
 * integration, else in every custom one), bring its triggers and flags to what is asked, else create it; always
 * return it with its secret. The Webhook class is passed in, so this module needs only its type.
 */
import type { CallOptions } from '../connection/index.js';
import { SmoochError } from '../errors.js';
import { attach, type Binding, callOptions, hydrate } from '../model.js';
import { Integration } from './integration.js';
import type { Webhook, WebhookEnsure } from './webhook.js';
import { sameTriggers, type WebhookWire } from './webhook-fields.js';
import { integrationsOf } from './webhook-scope.js';

/**
 * The name of the custom integration `Webhook.ensure` creates when none holds the target.
 * @example (await Integration.find(webhook.integrationId)).displayName === DEFAULT_INTEGRATION_NAME
 */
export const DEFAULT_INTEGRATION_NAME = 'smooch-record webhook';

/**
 * Finds, updates or creates the webhook of `fields.target`; see `Webhook.ensure`.
 * @example return ensureWebhook(Webhook, webhookWire(spec), spec, bindingOf(options), options);
 */
export async function ensureWebhook(
  WebhookClass: typeof Webhook,
  fields: WebhookWire,
  spec: WebhookEnsure,
  binding: Binding,
  options: CallOptions,
): Promise<Webhook> {
  const scoped = { ...options, integrationId: spec.integrationId };
  const find = (integrationId: string) => withTarget(WebhookClass, fields.target, integrationId, options);
  for (const integrationId of await integrationsOf(binding, scoped)) {
    const existing = await find(integrationId);
    if (existing) return withSecret(WebhookClass, await update(existing, fields, options), options);
  }
  if (scoped.integrationId !== undefined || binding.connection.scope === 'integration') {
    return withSecret(WebhookClass, await WebhookClass.create(fields, scoped), options);
  }
  const integration = await Integration.create(
    { type: 'custom', displayName: spec.displayName ?? DEFAULT_INTEGRATION_NAME, webhooks: [fields] },
    options,
  );
  const plain = ((integration.webhooks as unknown[] | undefined) ?? []).find(
    (webhook) => (webhook as { target?: unknown } | null)?.target === fields.target,
  );
  // The custom schema answers with its webhooks; should an answer omit them, look in the new integration.
  const webhook = plain
    ? attach(hydrate(WebhookClass, plain, binding), 'integrationId', integration.id)
    : await find(integration.id);
  if (!webhook) {
    throw new SmoochError(
      `Integration ${integration.id} was created, but holds no webhook for ${fields.target}`,
    );
  }
  return withSecret(WebhookClass, webhook, options);
}

async function withTarget(
  WebhookClass: typeof Webhook,
  target: string,
  integrationId: string,
  options: CallOptions,
): Promise<Webhook | undefined> {
  const webhooks = await WebhookClass.all({ ...options, integrationId }).toArray({ limit: 1000 });
  return webhooks.find((webhook) => webhook.target === target);
}

/** Brings triggers (compared as a set) and the flags given to `fields`, keeping a secret a PATCH answer omits. */
async function update(webhook: Webhook, fields: WebhookWire, options: CallOptions): Promise<Webhook> {
  if (!sameTriggers(webhook.triggers, fields.triggers)) webhook.triggers = fields.triggers;
  for (const flag of ['includeFullUser', 'includeFullSource'] as const) {
    const wanted = fields[flag];
    if (wanted !== undefined && Boolean(webhook[flag]) !== wanted) webhook[flag] = wanted;
  }
  const secret = webhook.secret;
  await webhook.save(callOptions(options));
  if (webhook.secret === undefined && secret !== undefined) webhook.secret = secret;
  return webhook;
}

/** A list answer may omit the secret (the spec documents it on create and get): fetch it then. */
async function withSecret(
  WebhookClass: typeof Webhook,
  webhook: Webhook,
  options: CallOptions,
): Promise<Webhook> {
  if (webhook.secret) return webhook;
  return WebhookClass.find(webhook.id, { ...options, integrationId: webhook.integrationId });
}
