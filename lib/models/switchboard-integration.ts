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

/** Fields of a new switchboard integration: `name`, and one of `integrationId` (custom) or `integrationType` (OAuth). */
export interface SwitchboardIntegrationCreate {
  name: string;
  integrationId?: string;
  integrationType?: string;
  deliverStandbyEvents?: boolean;
  nextSwitchboardIntegrationId?: string | null;
  messageHistoryCount?: number;
}

/**
 * One integration taking part in a switchboard (a bot, an agent desk, ...).
 * @example
 * const bot = await SwitchboardIntegration.create(switchboard.id, { name: 'bot', integrationId: custom.id });
 */
export class SwitchboardIntegration extends Model {
  static override readonly writable = [
    'name',
    'integrationId',
    'integrationType',
    'deliverStandbyEvents',
    'nextSwitchboardIntegrationId',
    'messageHistoryCount',
  ];

  id!: string;
  name!: string;
  integrationId!: string;
  integrationType!: string;
  deliverStandbyEvents!: boolean;
  nextSwitchboardIntegrationId?: string | null;
  messageHistoryCount?: number;
  /** The switchboard this belongs to (set by this library; not a wire field). */
  get switchboardId(): string {
    return referenceOf(this, 'switchboardId') as string;
  }

  /**
   * Adds an integration to a switchboard. Exactly one of `integrationId` / `integrationType` is required.
   * @example await SwitchboardIntegration.create(switchboardId, { name: 'agents', integrationType: 'zd:agentWorkspace' })
   */
  static async create<M extends SwitchboardIntegration>(
    this: ModelClass<M>,
    switchboardId: string,
    fields: SwitchboardIntegrationCreate,
    options: CallOptions = {},
  ): Promise<M> {
    if (!fields?.name) throw new TypeError('SwitchboardIntegration.create needs a name');
    if (!fields.integrationId === !fields.integrationType) {
      throw new TypeError(
        'SwitchboardIntegration.create needs exactly one of integrationId or integrationType',
      );
    }
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/switchboards/${switchboardId}/switchboardIntegrations`;
    const request = { ...callOptions(options), method: 'POST' as const, path: url, json: fields };
    const created = await load(this, binding, request, 'switchboardIntegration');
    return attach(created, 'switchboardId', switchboardId);
  }

  /** Lists a switchboard's integrations. @example for await (const s of SwitchboardIntegration.all(switchboardId)) s.name; */
  static all<M extends SwitchboardIntegration>(
    this: ModelClass<M>,
    switchboardId: string,
    options: CallOptions = {},
  ): Collection<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/switchboards/${switchboardId}/switchboardIntegrations`;
    const list = plainList(this, binding, { path: url, key: 'switchboardIntegrations' }, options);
    return list.map((item) => attach(item, 'switchboardId', switchboardId));
  }

  /** Sends the changed fields. @example bot.deliverStandbyEvents = true; await bot.save(); */
  async save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(this.resourcePath(), 'switchboardIntegration', options);
  }

  /** Removes it (the API forbids removing the default one, or one another points to as next). @example await bot.delete(); */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(this.resourcePath(), options);
  }

  private resourcePath(): string {
    return path`/v2/apps/${this.ownerAppId}/switchboards/${this.switchboardId}/switchboardIntegrations/${this.id}`;
  }
}
