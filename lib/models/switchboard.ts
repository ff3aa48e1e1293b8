import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { type InstanceCallOptions, Model, type ModelClass } from '../model.js';
import { all, create, resource } from '../resource.js';

/** The API has no "get one switchboard" (an app has at most one): no `find`. */
const SWITCHBOARDS = resource({
  path: '/v2/apps/{appId}/switchboards',
  one: 'switchboard',
  many: 'switchboards',
  operations: ['create', 'all', 'save', 'delete'],
  list: 'plain',
});

/**
 * An app's switchboard: which integration controls each conversation (one switchboard per app).
 * @example
 * const switchboard = await Switchboard.create();
 * switchboard.enabled = true;
 * await switchboard.save();
 */
export class Switchboard extends Model {
  /** The declaration of the switchboards resource; the generic calls read it. @example Switchboard.resource.operations.has('find') // false */
  static readonly resource = SWITCHBOARDS;
  static override readonly writable = ['enabled', 'defaultSwitchboardIntegrationId'];

  id!: string;
  enabled!: boolean;
  defaultSwitchboardIntegrationId?: string | null;

  /** Creates the app's switchboard (the API takes no body; a second one is a 400). @example await Switchboard.create() */
  static create<M extends Switchboard>(this: ModelClass<M>, options: CallOptions = {}): Promise<M> {
    return create(this, SWITCHBOARDS, undefined, options);
  }

  /** Lists the app's switchboards (zero or one). @example const [switchboard] = await Switchboard.all().toArray({ limit: 1 }); */
  static all<M extends Switchboard>(this: ModelClass<M>, options: CallOptions = {}): Collection<M> {
    return all(this, SWITCHBOARDS, options);
  }

  /** Sends `enabled` / `defaultSwitchboardIntegrationId` when changed. @example switchboard.enabled = false; await switchboard.save(); */
  save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(SWITCHBOARDS, options);
  }

  /** Deletes the switchboard and its switchboard integrations. @example await switchboard.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(SWITCHBOARDS, options);
  }
}
