import { signToken, type SignOptions } from '../auth.js';
import type { Collection } from '../collection.js';
import { type CallOptions, Connection, type ConnectionOptions } from '../connection/index.js';
import { type InstanceCallOptions, Model, type ModelClass } from '../model.js';
import { all, create, find, resource } from '../resource.js';

/** The API has no update for keys: no `save`. */
const KEYS = resource({
  path: '/v2/apps/{appId}/keys',
  one: 'key',
  many: 'keys',
  operations: ['find', 'create', 'all', 'delete'],
  list: 'plain',
});

/**
 * An app's API key (`app_...`). Managing keys needs an account key; the app is the one configured or given
 * per call as `{ appId }`. The API has no update for keys, so there is no `save()`.
 * @example
 * const key = await Key.create({ displayName: 'Acme backend' }, { appId: app.id });
 * const acme = key.connect(); // a Connection acting as that app
 */
export class Key extends Model {
  /** The declaration of the keys resource; the generic calls read it. @example Key.resource.operations.has('save') // false: keys cannot be updated */
  static readonly resource = KEYS;

  id!: string;
  displayName!: string;
  /** Only returned by create and get. */
  secret?: string;

  /** Creates a key for the app (max 10 per app). @example await Key.create({ displayName: 'bot' }, { appId }) */
  static create<M extends Key>(
    this: ModelClass<M>,
    fields: { displayName: string },
    options: CallOptions = {},
  ): Promise<M> {
    return create(this, KEYS, fields, options);
  }

  /** Gets one key with its secret. @example const key = await Key.find('app_5723...', { appId }); */
  static find<M extends Key>(this: ModelClass<M>, id: string, options: CallOptions = {}): Promise<M> {
    return find(this, KEYS, id, options);
  }

  /** Lists the app's keys. @example for await (const key of Key.all({ appId })) console.log(key.id); */
  static all<M extends Key>(this: ModelClass<M>, options: CallOptions = {}): Collection<M> {
    return all(this, KEYS, options);
  }

  /** Revokes the key. @example await key.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(KEYS, options);
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
