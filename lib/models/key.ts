import { signToken, type SignOptions } from '../auth.js';
import type { Collection } from '../collection.js';
import { type CallOptions, Connection, type ConnectionOptions } from '../connection/index.js';
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
 * An app's API key (`app_...`). Managing keys needs an account key; the app is the one configured or given
 * per call as `{ appId }`. The API has no update for keys, so there is no `save()`.
 * @example
 * const key = await Key.create({ displayName: 'Acme backend' }, { appId: app.id });
 * const acme = key.connect(); // a Connection acting as that app
 */
export class Key extends Model {
  id!: string;
  displayName!: string;
  /** Only returned by create and get. */
  secret?: string;

  /** Creates a key for the app (max 10 per app). @example await Key.create({ displayName: 'bot' }, { appId }) */
  static async create<M extends Key>(
    this: ModelClass<M>,
    fields: { displayName: string },
    options: CallOptions = {},
  ): Promise<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/keys`;
    return load(this, binding, { ...callOptions(options), method: 'POST', path: url, json: fields }, 'key');
  }

  /** Gets one key with its secret. @example const key = await Key.find('app_5723...', { appId }); */
  static async find<M extends Key>(this: ModelClass<M>, id: string, options: CallOptions = {}): Promise<M> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/keys/${id}`;
    return load(this, binding, { ...callOptions(options), method: 'GET', path: url }, 'key');
  }

  /** Lists the app's keys. @example for await (const key of Key.all({ appId })) console.log(key.id); */
  static all<M extends Key>(this: ModelClass<M>, options: CallOptions = {}): Collection<M> {
    const binding = bindingOf(options);
    return plainList(
      this,
      binding,
      { path: path`/v2/apps/${requireAppId(binding)}/keys`, key: 'keys' },
      options,
    );
  }

  /** Revokes the key. @example await key.delete(); */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(path`/v2/apps/${this.ownerAppId}/keys/${this.id}`, options);
  }

  /**
   * Signs an app-scope JWT with this key, locally. It replaces the legacy `GET /v1/apps/{appId}/keys/{keyId}/jwt`,
   * which has no v2 endpoint.
   * @example const token = key.jwt(); // 'eyJhbGciOiJIUzI1NiIs...'
   */
  jwt(options: SignOptions = {}): string {
    return signToken(this.id, this.requireSecret(), 'app', options);
  }

  /**
   * A Connection authenticated with this key, acting as its app (same host and options as this one).
   * @example await AppUser.create({ externalId: 'bob' }, { connection: key.connect() });
   */
  connect(changes: Partial<ConnectionOptions> = {}): Connection {
    return this.connection.with({
      keyId: this.id,
      secret: this.requireSecret(),
      appId: this.ownerAppId,
      scope: 'app',
      ...changes,
    });
  }

  private requireSecret(): string {
    if (!this.secret)
      throw new TypeError(`Key ${this.id} has no secret: load it with Key.find() or Key.create()`);
    return this.secret;
  }
}
