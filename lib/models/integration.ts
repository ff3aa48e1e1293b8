import type { Collection, ListOptions } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { cursorList } from '../listing.js';
import {
  bindingOf,
  callOptions,
  type InstanceCallOptions,
  load,
  Model,
  type ModelClass,
  requireAppId,
} from '../model.js';
import { path } from '../path.js';
import {
  INTEGRATION_TYPES,
  type IntegrationCreate,
  type IntegrationType,
  UPDATABLE,
} from './integration-types.js';

export type * from './integration-types.js';

/**
 * A channel or custom integration of an app (Messenger, Twilio, Telegram, LINE, Web, custom, ...). Every field
 * the API returns is kept, whatever the type; `save()` sends only the fields the type accepts on update.
 * @example
 * const telegram = await Integration.create({ type: 'telegram', token: process.env.TELEGRAM_TOKEN! });
 * telegram.displayName = 'Support bot';
 * await telegram.save();
 */
export class Integration extends Model {
  id!: string;
  type!: IntegrationType;
  status?: 'active' | 'inactive' | 'error';
  displayName?: string | null;
  [field: string]: unknown;

  /**
   * Connects a channel. `type` picks the typed fields (an unknown type is refused before any request).
   * @example await Integration.create({ type: 'twilio', accountSid, authToken, phoneNumberSid });
   */
  static async create<M extends Integration>(
    this: ModelClass<M>,
    fields: IntegrationCreate,
    options: CallOptions = {},
  ): Promise<M> {
    if (!INTEGRATION_TYPES.includes(fields?.type)) {
      throw new TypeError(
        `Unknown integration type ${JSON.stringify(fields?.type)}: use one of ${INTEGRATION_TYPES.join(', ')}`,
      );
    }
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/integrations`;
    const request = { ...callOptions(options), method: 'POST' as const, path: url, json: fields };
    return load(this, binding, request, 'integration');
  }

  /** Gets one integration. @example const integration = await Integration.find('5e4af71a81966cfff3ef6550'); */
  static async find<M extends Integration>(
    this: ModelClass<M>,
    id: string,
    options: CallOptions = {},
  ): Promise<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/integrations/${id}`;
    return load(this, binding, { ...callOptions(options), method: 'GET', path: url }, 'integration');
  }

  /**
   * Lists the app's integrations lazily, optionally of some types only.
   * @example for await (const i of Integration.all({ types: ['line', 'twilio'] })) console.log(i.type);
   */
  static all<M extends Integration>(
    this: ModelClass<M>,
    filter: { types?: IntegrationType[] } = {},
    options: CallOptions & ListOptions = {},
  ): Collection<M> {
    const binding = bindingOf(options);
    const query = { 'filter[types]': filter.types?.length ? filter.types.join(',') : undefined };
    const url = path`/v2/apps/${requireAppId(binding)}/integrations`;
    return cursorList(this, binding, { path: url, key: 'integrations', query }, options);
  }

  /** Sends the changed updatable fields of this type; no change, no request. @example await integration.save(); */
  async save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(path`/v2/apps/${this.ownerAppId}/integrations/${this.id}`, 'integration', options);
  }

  /** Removes the integration. @example await integration.delete(); */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(path`/v2/apps/${this.ownerAppId}/integrations/${this.id}`, options);
  }

  protected override writableFields(): readonly string[] {
    return UPDATABLE[this.type] ?? ['displayName'];
  }
}
