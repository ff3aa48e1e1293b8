import type { Collection, ListOptions } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { cursorList } from '../listing.js';
import { bindingOf, callOptions, type InstanceCallOptions, load, Model, type ModelClass } from '../model.js';
import { path } from '../path.js';

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

  /** Creates an app (account scope). @example await App.create({ displayName: 'Acme' }) */
  static async create<M extends App>(
    this: ModelClass<M>,
    fields: AppCreate,
    options: CallOptions = {},
  ): Promise<M> {
    const request = { ...callOptions(options), method: 'POST' as const, path: '/v2/apps', json: fields };
    return load(this, bindingOf(options), request, 'app');
  }

  /** Gets an app by id. @example const app = await App.find('5d8c...'); */
  static async find<M extends App>(this: ModelClass<M>, id: string, options: CallOptions = {}): Promise<M> {
    const request = { ...callOptions(options), method: 'GET' as const, path: path`/v2/apps/${id}` };
    return load(this, bindingOf(options), request, 'app');
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
    const query = { 'filter[serviceAccountId]': filter.serviceAccountId };
    return cursorList(this, bindingOf(options), { path: '/v2/apps', key: 'apps', query }, options);
  }

  /** Sends the changed fields; no change, no request. @example app.displayName = 'New'; await app.save(); */
  async save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(path`/v2/apps/${this.id}`, 'app', options);
  }

  /** Deletes the app and all its integrations (account scope). @example await app.delete(); */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(path`/v2/apps/${this.id}`, options);
  }
}
