/**
 * `Webhook.ensure`, the seed's `ensure_webhook_exist` made exact: find the webhook by target (in one
 * integration, else in every custom one), bring its triggers and flags to what is asked, else create it; always
 * return it with its secret. The class and its resource declaration are passed in, so that a subclass gets
 * itself back and this module never imports webhook.ts.
 */
import type { CallOptions } from '../connection/index.js';
import { SmoochError } from '../errors.js';
import {
  type Binding,
  callOptions,
  hydrate,
  type InstanceCallOptions,
  type Model,
  type ModelClass,
} from '../model.js';
import { allIn, createIn, findIn, type Resource } from '../resource.js';
import { Integration } from './integration.js';
import { sameTriggers, type WebhookEnsure, type WebhookWire } from './webhook-fields.js';
import { integrationsOf } from './webhook-integration.js';

/**
 * The name of the custom integration `Webhook.ensure` creates when none holds the target.
 * @example (await Integration.find(webhook.integrationId)).displayName === DEFAULT_INTEGRATION_NAME
 */
export const DEFAULT_INTEGRATION_NAME = 'smooch-record webhook';

/** What ensuring needs of a webhook instance: `Webhook` has it all. */
export interface EnsurableWebhook extends Model {
  id: string;
  target: string;
  triggers: string[];
  secret?: string;
  includeFullUser?: boolean;
  includeFullSource?: boolean;
  readonly integrationId: string;
  save(options?: InstanceCallOptions): Promise<unknown>;
}

/** The webhooks resource, as ensuring uses it: the parent is an `integrationId` option, or `me`. */
export type Webhooks = Resource<'find' | 'create' | 'all', string | undefined>;

/**
 * Finds, updates or creates the webhook of `fields.target`; see `Webhook.ensure`.
 * @example return ensureWebhook(this, WEBHOOKS, webhookWire(spec), spec, bindingOf(options), options);
 */
export async function ensureWebhook<M extends EnsurableWebhook>(
  Class: ModelClass<M>,
  webhooks: Webhooks,
  fields: WebhookWire,
  spec: WebhookEnsure,
  binding: Binding,
  options: CallOptions,
): Promise<M> {
  const inIntegration = { ...options, integrationId: spec.integrationId };
  const withSecret = (webhook: M) =>
    webhook.secret ? webhook : findIn(Class, webhooks, webhook.integrationId, webhook.id, options);
  for (const integrationId of await integrationsOf(binding, inIntegration)) {
    const existing = await withTarget(Class, webhooks, fields.target, integrationId, options);
    if (existing) return withSecret(await update(existing, fields, options));
  }
  if (inIntegration.integrationId !== undefined || binding.connection.scope === 'integration') {
    return withSecret(await createIn(Class, webhooks, inIntegration.integrationId, fields, inIntegration));
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
    ? webhooks.remember(hydrate(Class, plain, binding), { binding, id: integration.id })
    : await withTarget(Class, webhooks, fields.target, integration.id, options);
  if (!webhook) {
    throw new SmoochError(
      `Integration ${integration.id} was created, but holds no webhook for ${fields.target}`,
    );
  }
  return withSecret(webhook);
}

async function withTarget<M extends EnsurableWebhook>(
  Class: ModelClass<M>,
  webhooks: Webhooks,
  target: string,
  integrationId: string,
  options: CallOptions,
): Promise<M | undefined> {
  const all = await allIn(Class, webhooks, integrationId, options).toArray({ limit: 1000 });
  return all.find((webhook) => webhook.target === target);
}

/** Brings triggers (compared as a set) and the flags given to `fields`, keeping a secret a PATCH answer omits. */
async function update<M extends EnsurableWebhook>(
  webhook: M,
  fields: WebhookWire,
  options: CallOptions,
): Promise<M> {
  if (!sameTriggers(webhook.triggers, fields.triggers)) webhook.triggers = fields.triggers;
  for (const flag of ['includeFullUser', 'includeFullSource'] as const) {
    const wanted = fields[flag];
    if (wanted !== undefined && Boolean(webhook[flag]) !== wanted) webhook[flag] = wanted;
  }
  const secret = webhook.secret;
  await webhook.save(callOptions(options));
  if (webhook.secret === undefined && secret !== undefined) {
    // Put the secret back as known server state (bind resets the snapshot): a field set by hand would make
    // a later save() refuse it as read-only.
    webhook.secret = secret;
    webhook.bind({ connection: webhook.connection, appId: webhook.appId }, webhook.toJSON());
  }
  return webhook;
}
