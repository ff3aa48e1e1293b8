import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { plainList } from '../listing.js';
import {
  attach,
  type Binding,
  bindingOf,
  callOptions,
  type InstanceCallOptions,
  load,
  Model,
  referenceOf,
  requireAppId,
} from '../model.js';
import { path } from '../path.js';
import type { TriggerName } from '../webhooks/triggers.js';
import { ensureWebhook } from './webhook-ensure.js';
import { type WebhookCreate, webhookWire } from './webhook-fields.js';
import { integrationOf, integrationsOf } from './webhook-scope.js';

export type { WebhookCreate } from './webhook-fields.js';
export { DEFAULT_INTEGRATION_NAME } from './webhook-ensure.js';

/** Options of the webhook calls: which integration the webhooks belong to, plus the usual call options. */
export interface WebhookCallOptions extends CallOptions {
  /** The custom (or Connect) integration; defaults to `'me'` with an integration-scope key. */
  integrationId?: string;
}

/** What `Webhook.ensure` makes sure exists. */
export interface WebhookEnsure extends WebhookCreate {
  /** Look only in this integration (and create the webhook there); else every custom integration of the app. */
  integrationId?: string;
  /** Name of the custom integration created when no webhook has this target. */
  displayName?: string;
}

/**
 * A webhook of a custom integration: the API POSTs the chosen triggers' events to `target`, with the header
 * `X-API-Key: <secret>`. Webhooks remember their integration (`webhook.integrationId`, not a wire field).
 * @example
 * const webhook = await Webhook.ensure({ target: 'https://example.com/hooks', triggers: ['conversation:message'] });
 * process.env.WEBHOOK_SECRET = webhook.secret; // verify deliveries with it
 */
export class Webhook extends Model {
  static override readonly writable = ['target', 'triggers', 'includeFullUser', 'includeFullSource'];

  id!: string;
  /** Payload version delivered: `v1`, `v1.1` or `v2`. */
  version?: string;
  target!: string;
  triggers!: TriggerName[];
  /** Given by create and get (a list may omit it); `ensure` always returns it. */
  secret?: string;
  includeFullUser?: boolean;
  includeFullSource?: boolean;
  /** The integration this webhook belongs to (set by this library; not a wire field). */
  get integrationId(): string {
    return referenceOf(this, 'integrationId') as string;
  }

  /**
   * Adds a webhook to an integration (max 10 per app).
   * @example await Webhook.create({ target: 'https://example.com/hooks', triggers: ['conversation:message'] }, { integrationId });
   */
  static async create(fields: WebhookCreate, options: WebhookCallOptions = {}): Promise<Webhook> {
    const json = webhookWire(fields);
    const binding = bindingOf(options);
    const integrationId = integrationOf(binding, options);
    const request = {
      ...callOptions(options),
      method: 'POST' as const,
      path: listPath(binding, integrationId),
      json,
    };
    return load(Webhook, binding, request, 'webhook').then((webhook) =>
      attach(webhook, 'integrationId', integrationId),
    );
  }

  /** Gets one webhook, with its secret. @example const webhook = await Webhook.find(id, { integrationId }); */
  static async find(id: string, options: WebhookCallOptions = {}): Promise<Webhook> {
    const binding = bindingOf(options);
    const integrationId = integrationOf(binding, options);
    const url = path`/v2/apps/${requireAppId(binding)}/integrations/${integrationId}/webhooks/${id}`;
    const request = { ...callOptions(options), method: 'GET' as const, path: url };
    return load(Webhook, binding, request, 'webhook').then((webhook) =>
      attach(webhook, 'integrationId', integrationId),
    );
  }

  /** Lists the webhooks of an integration. @example for await (const w of Webhook.all({ integrationId })) w.target; */
  static all(options: WebhookCallOptions = {}): Collection<Webhook> {
    const binding = bindingOf(options);
    const integrationId = integrationOf(binding, options);
    const list = plainList(
      Webhook,
      binding,
      { path: listPath(binding, integrationId), key: 'webhooks' },
      options,
    );
    return list.map((webhook) => attach(webhook, 'integrationId', integrationId));
  }

  /**
   * Deletes every webhook of one integration, or of every custom integration of the app (the integrations stay).
   * Resolves with how many were deleted.
   * @example const deleted = await Webhook.deleteAll();
   */
  static async deleteAll(options: WebhookCallOptions = {}): Promise<number> {
    let deleted = 0;
    for (const integrationId of await integrationsOf(bindingOf(options), options)) {
      for (const webhook of await Webhook.all({ ...options, integrationId }).toArray({ limit: 1000 })) {
        await webhook.delete(callOptions(options));
        deleted += 1;
      }
    }
    return deleted;
  }

  /**
   * Makes sure a webhook with this target exists, with these triggers and flags, and returns it with its secret.
   * It looks in `integrationId`, else in every custom integration; updates triggers (compared as a set) and the
   * flags given only when they differ; else creates it (in `integrationId`, or in a new custom integration).
   * Flags left out are left as they are. Called twice in a row, the second call changes nothing.
   * @example
   * const { secret } = await Webhook.ensure({ target: 'https://example.com/hooks', triggers: ['conversation:message'] });
   */
  static async ensure(spec: WebhookEnsure, options: CallOptions = {}): Promise<Webhook> {
    return ensureWebhook(Webhook, webhookWire(spec), spec, bindingOf(options), options);
  }

  /** Sends the changed fields (target, triggers, flags); no change, no request. @example await webhook.save(); */
  async save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(this.url(), 'webhook', options);
  }

  /** Deletes the webhook. @example await webhook.delete(); */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(this.url(), options);
  }

  private url(): string {
    return path`/v2/apps/${this.ownerAppId}/integrations/${this.integrationId}/webhooks/${this.id}`;
  }
}

function listPath(binding: Binding, integrationId: string): string {
  return path`/v2/apps/${requireAppId(binding)}/integrations/${integrationId}/webhooks`;
}
