/**
 * `Webhook.ensure`, the seed's `ensure_webhook_exist` made exact and convergent: find the webhook by a stable
 * identity (its custom integration's display name; by target in one given integration), bring its target,
 * triggers and flags to what is asked, else create it; always return it with its secret. And `deleteAll`, its
 * counterpart, which removes the integrations `ensure` made once they hold no webhook. The class and its resource declaration are passed in, so that a subclass gets
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
import { integrationOf } from './webhook-integration.js';

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
  delete(options?: InstanceCallOptions): Promise<void>;
}

/** The webhooks resource, as ensuring uses it: the parent is an `integrationId` option, or `me`. */
export type Webhooks = Resource<'find' | 'create' | 'all', string | undefined>;

/**
 * Finds, updates or creates the webhook; see `Webhook.ensure`. Given a `displayName`, that is its identity:
 * the webhook of the custom integration of that name is brought to `fields` in place (target included), so a
 * bot moved to a new URL keeps one integration and one webhook. Without one, the identity is the target (so
 * two bots of one app, at two URLs, keep two integrations). Else the integration is created holding it.
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
  const withSecret = (webhook: M) =>
    webhook.secret ? webhook : findIn(Class, webhooks, webhook.integrationId, webhook.id, options);
  if (spec.integrationId !== undefined || binding.connection.scope === 'integration') {
    const inIntegration = { ...options, integrationId: spec.integrationId };
    const integrationId = integrationOf(binding, inIntegration);
    const existing = await withTarget(Class, webhooks, fields.target, integrationId, options);
    if (existing) return withSecret(await update(existing, fields, options));
    return withSecret(await createIn(Class, webhooks, spec.integrationId, fields, inIntegration));
  }
  const name = checkName(spec.displayName);
  const customs = await Integration.all({ types: ['custom'] }, options).toArray({ limit: 1000 });
  const named = spec.displayName !== undefined;
  const own = named ? customs.find((integration) => integration.displayName === name) : undefined;
  if (own) {
    const held = await allIn(Class, webhooks, own.id, options).toArray({ limit: 1000 });
    const existing = held.find((webhook) => webhook.target === fields.target) ?? held[0];
    if (existing) return withSecret(await update(existing, fields, options));
    return withSecret(await createIn(Class, webhooks, own.id, fields, options));
  }
  for (const integration of customs) {
    const existing = await withTarget(Class, webhooks, fields.target, integration.id, options);
    if (existing) return withSecret(await update(existing, fields, options));
  }
  return withSecret(await createHolding(Class, webhooks, fields, name, binding, options));
}

/**
 * Deletes every webhook of one integration (`integrationId`, or `me`), else of every custom integration; then
 * deletes the custom integrations so left empty that `ensure` made. How it knows: by name, the identity
 * `ensure` gives them: `DEFAULT_INTEGRATION_NAME`, or `options.displayName` (the one passed to `ensure`). An
 * integration named otherwise is never deleted. Resolves with how many webhooks were deleted.
 * @example return deleteAllWebhooks(this, WEBHOOKS, bindingOf(options), options);
 */
export async function deleteAllWebhooks<M extends EnsurableWebhook>(
  Class: ModelClass<M>,
  webhooks: Webhooks,
  binding: Binding,
  options: CallOptions & { integrationId?: string; displayName?: string },
): Promise<number> {
  const ensured = new Set([DEFAULT_INTEGRATION_NAME, checkName(options.displayName)]);
  const one = options.integrationId !== undefined || binding.connection.scope === 'integration';
  const integrations = one
    ? [{ id: integrationOf(binding, options), displayName: undefined, delete: undefined }]
    : await Integration.all({ types: ['custom'] }, options).toArray({ limit: 1000 });
  let deleted = 0;
  for (const integration of integrations) {
    for (const webhook of await allIn(Class, webhooks, integration.id, options).toArray({ limit: 1000 })) {
      await webhook.delete(callOptions(options));
      deleted += 1;
    }
    if (integration.delete && ensured.has(integration.displayName ?? '')) {
      await integration.delete(callOptions(options));
    }
  }
  return deleted;
}

function checkName(displayName: unknown): string {
  if (displayName === undefined) return DEFAULT_INTEGRATION_NAME;
  if (typeof displayName !== 'string' || displayName.trim().length === 0) {
    throw new TypeError(`displayName must be a non-empty string, got ${JSON.stringify(displayName)}`);
  }
  return displayName;
}

/** Creates the custom integration `name` holding the webhook, and returns the webhook. */
async function createHolding<M extends EnsurableWebhook>(
  Class: ModelClass<M>,
  webhooks: Webhooks,
  fields: WebhookWire,
  name: string,
  binding: Binding,
  options: CallOptions,
): Promise<M> {
  const integration = await Integration.create(
    { type: 'custom', displayName: name, webhooks: [fields] },
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
  return webhook;
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
  if (webhook.target !== fields.target) webhook.target = fields.target;
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
