import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { bindingOf, type InstanceCallOptions, Model, type ModelClass, referenceOf } from '../model.js';
import { allIn, createIn, findIn, removeIn, resource, updateIn } from '../resource.js';
import type { TriggerName } from '../webhooks/triggers.js';
import { deleteAllWebhooks, ensureWebhook } from './webhook-ensure.js';
import {
  type WebhookCallOptions,
  type WebhookCreate,
  type WebhookEnsure,
  webhookPatch,
  webhookWire,
} from './webhook-fields.js';
import { webhookOwner } from './webhook-integration.js';
import { integrationOfWebhook, webhooksOfApp } from './webhook-lookup.js';

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

  /**
   * Gets one webhook, with its secret. Without `integrationId` (and with an app key) it looks through the app's
   * custom integrations first: one list request each until one holds it, then the GET.
   * @example const webhook = await Webhook.find(id);
   */
  static async find<M extends Webhook>(
    this: ModelClass<M>,
    id: string,
    options: WebhookCallOptions = {},
  ): Promise<M> {
    const integrationId = await integrationOfWebhook(this, WEBHOOKS, bindingOf(options), id, options);
    return findIn(this, WEBHOOKS, integrationId, id, options);
  }

  /**
   * Lists the webhooks of `integrationId` (or `me`), else of every custom integration of the app.
   * @example for await (const webhook of Webhook.all()) console.log(webhook.integrationId, webhook.target);
   */
  static all<M extends Webhook>(this: ModelClass<M>, options: WebhookCallOptions = {}): Collection<M> {
    if (options.integrationId !== undefined) return allIn(this, WEBHOOKS, options.integrationId, options);
    return webhooksOfApp(this, WEBHOOKS, bindingOf(options), options);
  }

  /**
   * Updates webhook `id` in one request when `integrationId` is given (else after finding its integration).
   * @example await Webhook.update(id, { target: 'https://example.com/v2/hooks' });
   */
  static async update<M extends Webhook>(
    this: ModelClass<M>,
    id: string,
    fields: Partial<WebhookCreate>,
    options: WebhookCallOptions = {},
  ): Promise<M> {
    const wire = webhookPatch(fields);
    const integrationId = await integrationOfWebhook(this, WEBHOOKS, bindingOf(options), id, options);
    return updateIn(this, WEBHOOKS, integrationId, id, wire, options);
  }

  /**
   * Deletes webhook `id` (smooch-python's `delete_webhook(id)`): one request with `integrationId`, else after
   * finding its integration among the custom ones (a `NotFoundError` when none holds it).
   * @example await Webhook.delete(webhookId);
   */
  static async delete(id: string, options: WebhookCallOptions = {}): Promise<void> {
    const integrationId = await integrationOfWebhook(Webhook, WEBHOOKS, bindingOf(options), id, options);
    return removeIn(WEBHOOKS, integrationId, id, options);
  }

  /**
   * Deletes every webhook of one integration, or of every custom integration of the app, then the custom
   * integrations `ensure` made that are left empty. How it knows: by name (`DEFAULT_INTEGRATION_NAME`, or the
   * `displayName` you gave `ensure` and give here); integrations named otherwise stay. Resolves with how many
   * webhooks were deleted.
   * @example const deleted = await Webhook.deleteAll();
   */
  static async deleteAll(options: WebhookCallOptions & { displayName?: string } = {}): Promise<number> {
    return deleteAllWebhooks(this, WEBHOOKS, bindingOf(options), options);
  }

  /**
   * Makes sure one webhook exists with this target, these triggers and flags, and returns it with its secret.
   * Given a `displayName`, that is its identity: the webhook of the custom integration of that name is updated
   * in place, target included, so moving a bot to a new URL adds nothing and the old URL stops receiving.
   * Without one, the target is (two URLs, two integrations); with `integrationId` it looks only there, by
   * target. A new integration is named `displayName`, else `DEFAULT_INTEGRATION_NAME`. Triggers are compared as a
   * set; flags left out are left as they are. Called twice in a row, the second call changes nothing; a
   * start-up script of `deleteAll()` then `ensure()` leaves one integration and one webhook however often it runs.
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

  /**
   * Fetches this webhook again, with its secret, and updates this instance in place (python-intercom's
   * `load()`). @example await webhook.reload();
   */
  reload(options?: InstanceCallOptions): Promise<this> {
    return this.reloadFrom(WEBHOOKS, options);
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
