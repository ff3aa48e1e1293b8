import type { Collection, ListOptions } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { type InstanceCallOptions, Model, type ModelClass } from '../model.js';
import { all, create, find, resource } from '../resource.js';

const APPS = resource({
  path: '/v2/apps',
  one: 'app',
  many: 'apps',
  operations: ['find', 'create', 'all', 'save', 'delete'],
});

/** App settings (`conversationRetentionSeconds`, `maskCreditCardNumbers`, ...); unknown settings are kept. */
export interface AppSettings {
  conversationRetentionSeconds?: number;
  maskCreditCardNumbers?: boolean;
  useAnimalNames?: boolean;
  echoPostback?: boolean;
  ignoreAutoConversationStart?: boolean;
  multiConvoEnabled?: boolean;
  appLocalizationEnabled?: boolean;
  endSessionEnabled?: boolean;
  disableConversationReopen?: boolean;
  [setting: string]: unknown;
}

/** Fields of a new app. */
export interface AppCreate {
  displayName: string;
  settings?: AppSettings;
  metadata?: Record<string, unknown> | null;
}

/**
 * A Sunshine Conversations app (account provisioning: create, list and delete need an account key).
 * @example
 * const app = await App.create({ displayName: 'Acme support' });
 * app.settings.maskCreditCardNumbers = true;
 * await app.save();
 */
export class App extends Model {
  static override readonly writable = ['displayName', 'settings', 'metadata'];

  id!: string;
  displayName!: string;
  settings!: AppSettings;
  metadata!: Record<string, unknown> | null;
  /** Given by GetApp only. */
  subdomain?: string;

  /** The declaration of the `/v2/apps` resource (account scope); the generic calls read it. @example App.resource.many // 'apps' */
  static readonly resource = APPS;

  /** Creates an app (account scope). @example await App.create({ displayName: 'Acme' }) */
  static create<M extends App>(
    this: ModelClass<M>,
    fields: AppCreate,
    options: CallOptions = {},
  ): Promise<M> {
    return create(this, APPS, fields, options);
  }

  /** Gets an app by id. @example const app = await App.find('5d8c...'); */
  static find<M extends App>(this: ModelClass<M>, id: string, options: CallOptions = {}): Promise<M> {
    return find(this, APPS, id, options);
  }

  /**
   * Lists the apps of the account, lazily (`serviceAccountId` filters to one service account's apps).
   * @example for await (const app of App.all()) console.log(app.displayName);
   */
  static all<M extends App>(
    this: ModelClass<M>,
    filter: { serviceAccountId?: string } = {},
    options: CallOptions & ListOptions = {},
  ): Collection<M> {
    return all(this, APPS, options, { 'filter[serviceAccountId]': filter.serviceAccountId });
  }

  /** Sends the changed fields; no change, no request. @example app.displayName = 'New'; await app.save(); */
  save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(APPS, options);
  }

  /** Deletes the app and all its integrations (account scope). @example await app.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(APPS, options);
  }
}
