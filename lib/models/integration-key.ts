import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { plainList } from '../listing.js';
import {
  attach,
  bindingOf,
  callOptions,
  type InstanceCallOptions,
  load,
  Model,
  type ModelClass,
  referenceOf,
  requireAppId,
} from '../model.js';
import { path } from '../path.js';

/**
 * An API key of a `custom` integration (`int_...`), for a service that should act only as that integration.
 * @example
 * const key = await IntegrationKey.create(integration.id, { displayName: 'crm' });
 */
export class IntegrationKey extends Model {
  id!: string;
  displayName!: string;
  secret?: string;
  /** The integration this key belongs to (set by this library; not a wire field). */
  get integrationId(): string {
    return referenceOf(this, 'integrationId') as string;
  }

  /** Creates a key for a custom integration (max 10). @example await IntegrationKey.create(integrationId, { displayName: 'crm' }) */
  static async create<M extends IntegrationKey>(
    this: ModelClass<M>,
    integrationId: string,
    fields: { displayName: string },
    options: CallOptions = {},
  ): Promise<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/integrations/${integrationId}/keys`;
    const request = { ...callOptions(options), method: 'POST' as const, path: url, json: fields };
    return attach(await load(this, binding, request, 'key'), 'integrationId', integrationId);
  }

  /** Gets one key with its secret. @example await IntegrationKey.find(integrationId, 'int_5e4a...') */
  static async find<M extends IntegrationKey>(
    this: ModelClass<M>,
    integrationId: string,
    id: string,
    options: CallOptions = {},
  ): Promise<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/integrations/${integrationId}/keys/${id}`;
    const request = { ...callOptions(options), method: 'GET' as const, path: url };
    return attach(await load(this, binding, request, 'key'), 'integrationId', integrationId);
  }

  /** Lists the keys of a custom integration. @example for await (const k of IntegrationKey.all(integrationId)) k.id; */
  static all<M extends IntegrationKey>(
    this: ModelClass<M>,
    integrationId: string,
    options: CallOptions = {},
  ): Collection<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/integrations/${integrationId}/keys`;
    const list = plainList(this, binding, { path: url, key: 'keys' }, options);
    return list.map((key) => attach(key, 'integrationId', integrationId));
  }

  /** Revokes the key. @example await key.delete(); */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(
      path`/v2/apps/${this.ownerAppId}/integrations/${this.integrationId}/keys/${this.id}`,
      options,
    );
  }
}
