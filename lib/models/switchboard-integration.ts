import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { type InstanceCallOptions, Model, type ModelClass, referenceOf } from '../model.js';
import { allIn, createIn, resource } from '../resource.js';

/** The API has no "get one switchboard integration": no `find`. */
const SWITCHBOARD_INTEGRATIONS = resource({
  path: '/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations',
  one: 'switchboardIntegration',
  many: 'switchboardIntegrations',
  operations: ['create', 'all', 'save', 'delete'],
  list: 'plain',
});

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
  /** The declaration of a switchboard's integrations; the generic calls read it. @example SwitchboardIntegration.resource.parent // 'switchboardId' */
  static readonly resource = SWITCHBOARD_INTEGRATIONS;
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
    return createIn(this, SWITCHBOARD_INTEGRATIONS, switchboardId, fields, options);
  }

  /** Lists a switchboard's integrations. @example for await (const s of SwitchboardIntegration.all(switchboardId)) s.name; */
  static all<M extends SwitchboardIntegration>(
    this: ModelClass<M>,
    switchboardId: string,
    options: CallOptions = {},
  ): Collection<M> {
    return allIn(this, SWITCHBOARD_INTEGRATIONS, switchboardId, options);
  }

  /** Sends the changed fields. @example bot.deliverStandbyEvents = true; await bot.save(); */
  save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(SWITCHBOARD_INTEGRATIONS, options);
  }

  /** Removes it (the API forbids removing the default one, or one another points to as next). @example await bot.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(SWITCHBOARD_INTEGRATIONS, options);
  }
}
