import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { plainList } from '../listing.js';
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

/**
 * An app's switchboard: which integration controls each conversation (one switchboard per app).
 * @example
 * const switchboard = await Switchboard.create();
 * switchboard.enabled = true;
 * await switchboard.save();
 */
export class Switchboard extends Model {
  static override readonly writable = ['enabled', 'defaultSwitchboardIntegrationId'];

  id!: string;
  enabled!: boolean;
  defaultSwitchboardIntegrationId?: string | null;

  /** Creates the app's switchboard (the API takes no body; a second one is a 400). @example await Switchboard.create() */
  static async create<M extends Switchboard>(this: ModelClass<M>, options: CallOptions = {}): Promise<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/switchboards`;
    return load(this, binding, { ...callOptions(options), method: 'POST', path: url }, 'switchboard');
  }

  /** Lists the app's switchboards (zero or one). @example const [switchboard] = await Switchboard.all().toArray({ limit: 1 }); */
  static all<M extends Switchboard>(this: ModelClass<M>, options: CallOptions = {}): Collection<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/switchboards`;
    return plainList(this, binding, { path: url, key: 'switchboards' }, options);
  }

  /** Sends `enabled` / `defaultSwitchboardIntegrationId` when changed. @example switchboard.enabled = false; await switchboard.save(); */
  async save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(path`/v2/apps/${this.ownerAppId}/switchboards/${this.id}`, 'switchboard', options);
  }

  /** Deletes the switchboard and its switchboard integrations. @example await switchboard.delete(); */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(path`/v2/apps/${this.ownerAppId}/switchboards/${this.id}`, options);
  }
}
