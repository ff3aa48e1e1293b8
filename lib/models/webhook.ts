import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import {
  bindingOf,
  callOptions,
  type InstanceCallOptions,
  Model,
  type ModelClass,
  referenceOf,
} from '../model.js';
import { allIn, createIn, findIn, resource } from '../resource.js';
import type { TriggerName } from '../webhooks/triggers.js';
import { ensureWebhook } from './webhook-ensure.js';
import {
  type WebhookCallOptions,
  type WebhookCreate,
  type WebhookEnsure,
  webhookWire,
} from './webhook-fields.js';
import { integrationsOf, webhookOwner } from './webhook-integration.js';

export type { WebhookCallOptions, WebhookCreate, WebhookEnsure } from './webhook-fields.js';
export { DEFAULT_INTEGRATION_NAME } from './webhook-ensure.js';

/** Webhooks live under an integration: the `integrationId` option, or `me` for an integration-scope key. */
const WEBHOOKS = resource({
  path: '/v2/apps/{appId}/integrations/{integrationId}/webhooks',
  one: 'webhook',
  many: 'webhooks',
  operations: ['find', 'create', 'all', 'save', 'delete'],
  list: 'plain',
  owner: webhookOwner,
});

/**
 * A webhook of a custom integration: the API POSTs the chosen triggers' events to `target`, with the header
 * `X-API-Key: <secret>`. Webhooks remember their integration (`webhook.integrationId`, not a wire field).
 * @example
 * const webhook = await Webhook.ensure({ target: 'https://example.com/hooks', triggers: ['conversation:message'] });
 * process.env.WEBHOOK_SECRET = webhook.secret; // verify deliveries with it
 */
export class Webhook extends Model {
  /** The declaration of an integration's webhooks; the generic calls read it. @example Webhook.resource.parent // 'integrationId' */
  static readonly resource = WEBHOOKS;
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
  static async create<M extends Webhook>(
    this: ModelClass<M>,
    fields: WebhookCreate,
    options: WebhookCallOptions = {},
  ): Promise<M> {
    return createIn(this, WEBHOOKS, options.integrationId, webhookWire(fields), options);
  }

  /** Gets one webhook, with its secret. @example const webhook = await Webhook.find(id, { integrationId }); */
  static find<M extends Webhook>(
    this: ModelClass<M>,
    id: string,
    options: WebhookCallOptions = {},
  ): Promise<M> {
    return findIn(this, WEBHOOKS, options.integrationId, id, options);
  }

  /** Lists the webhooks of an integration. @example for await (const w of Webhook.all({ integrationId })) w.target; */
  static all<M extends Webhook>(this: ModelClass<M>, options: WebhookCallOptions = {}): Collection<M> {
    return allIn(this, WEBHOOKS, options.integrationId, options);
  }

  /**
   * Deletes every webhook of one integration, or of every custom integration of the app (the integrations stay).
   * Resolves with how many were deleted.
   * @example const deleted = await Webhook.deleteAll();
   */
  static async deleteAll(options: WebhookCallOptions = {}): Promise<number> {
    let deleted = 0;
    for (const integrationId of await integrationsOf(bindingOf(options), options)) {
      for (const webhook of await allIn(this, WEBHOOKS, integrationId, options).toArray({ limit: 1000 })) {
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
  static async ensure<M extends Webhook>(
    this: ModelClass<M>,
    spec: WebhookEnsure,
    options: CallOptions = {},
  ): Promise<M> {
    return ensureWebhook(this, WEBHOOKS, webhookWire(spec), spec, bindingOf(options), options);
  }

  /** Sends the changed fields (target, triggers, flags); no change, no request. @example await webhook.save(); */
  save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(WEBHOOKS, options);
  }

  /** Deletes the webhook. @example await webhook.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(WEBHOOKS, options);
  }
}
