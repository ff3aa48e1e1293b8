import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { type InstanceCallOptions, Model, type ModelClass, referenceOf } from '../model.js';
import { allIn, createIn, findIn, resource } from '../resource.js';

const INTEGRATION_KEYS = resource({
  path: '/v2/apps/{appId}/integrations/{integrationId}/keys',
  one: 'key',
  many: 'keys',
  operations: ['find', 'create', 'all', 'delete'],
  list: 'plain',
});

/**
 * An API key of a `custom` integration (`int_...`), for a service that should act only as that integration.
 * @example
 * const key = await IntegrationKey.create(integration.id, { displayName: 'crm' });
 */
export class IntegrationKey extends Model {
  /** The declaration of a custom integration's keys; the generic calls read it. @example IntegrationKey.resource.parent // 'integrationId' */
  static readonly resource = INTEGRATION_KEYS;

  id!: string;
  displayName!: string;
  secret?: string;
  /** The integration this key belongs to (set by this library; not a wire field). */
  get integrationId(): string {
    return referenceOf(this, 'integrationId') as string;
  }

  /** Creates a key for a custom integration (max 10). @example await IntegrationKey.create(integrationId, { displayName: 'crm' }) */
  static create<M extends IntegrationKey>(
    this: ModelClass<M>,
    integrationId: string,
    fields: { displayName: string },
    options: CallOptions = {},
  ): Promise<M> {
    return createIn(this, INTEGRATION_KEYS, integrationId, fields, options);
  }

  /** Gets one key with its secret. @example await IntegrationKey.find(integrationId, 'int_5e4a...') */
  static find<M extends IntegrationKey>(
    this: ModelClass<M>,
    integrationId: string,
    id: string,
    options: CallOptions = {},
  ): Promise<M> {
    return findIn(this, INTEGRATION_KEYS, integrationId, id, options);
  }

  /** Lists the keys of a custom integration. @example for await (const k of IntegrationKey.all(integrationId)) k.id; */
  static all<M extends IntegrationKey>(
    this: ModelClass<M>,
    integrationId: string,
    options: CallOptions = {},
  ): Collection<M> {
    return allIn(this, INTEGRATION_KEYS, integrationId, options);
  }

  /** Revokes the key. @example await key.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(INTEGRATION_KEYS, options);
  }
}
