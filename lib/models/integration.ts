import type { Collection, ListOptions } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { type InstanceCallOptions, Model, type ModelClass } from '../model.js';
import { all, create, find, resource } from '../resource.js';
import {
  INTEGRATION_TYPES,
  type IntegrationCreate,
  type IntegrationType,
  UPDATABLE,
} from './integration-types.js';

export type * from './integration-types.js';

const INTEGRATIONS = resource({
  path: '/v2/apps/{appId}/integrations',
  one: 'integration',
  many: 'integrations',
  operations: ['find', 'create', 'all', 'save', 'delete'],
});

/**
 * A channel or custom integration of an app (Messenger, Twilio, Telegram, LINE, Web, custom, ...). Every field
 * the API returns is kept, whatever the type; `save()` sends only the fields the type accepts on update.
 * @example
 * const telegram = await Integration.create({ type: 'telegram', token: process.env.TELEGRAM_TOKEN! });
 * telegram.displayName = 'Support bot';
 * await telegram.save();
 */
export class Integration extends Model {
  /** The declaration of the integrations resource; the generic calls read it. @example Integration.resource.many // 'integrations' */
  static readonly resource = INTEGRATIONS;

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
    return create(this, INTEGRATIONS, fields, options);
  }

  /** Gets one integration. @example const integration = await Integration.find('5e4af71a81966cfff3ef6550'); */
  static find<M extends Integration>(this: ModelClass<M>, id: string, options: CallOptions = {}): Promise<M> {
    return find(this, INTEGRATIONS, id, options);
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
    const query = { 'filter[types]': filter.types?.length ? filter.types.join(',') : undefined };
    return all(this, INTEGRATIONS, options, query);
  }

  /** Sends the changed updatable fields of this type; no change, no request. @example await integration.save(); */
  save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(INTEGRATIONS, options);
  }

  /** Removes the integration. @example await integration.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(INTEGRATIONS, options);
  }

  protected override writableFields(): readonly string[] {
    return UPDATABLE[this.type] ?? ['displayName'];
  }
}
