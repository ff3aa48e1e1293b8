import { Type } from 'class-transformer';
import type { SignOptions } from '../auth.js';
import type { Collection, ListOptions } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { ConfigurationError } from '../errors.js';
import { callOptions, type InstanceCallOptions, Model, type ModelClass } from '../model.js';
import { create, find, resource } from '../resource.js';
import { findOrCreateUser, findUsersByEmail } from './app-user-calls.js';
import { type AppUserCreate, checkUserCreate, type Identity, Profile } from './app-user-fields.js';
import { Client } from './client.js';
import { Conversation } from './conversation.js';
import { Device } from './device.js';
import type { UserLookupOptions } from './user-owned.js';

export { Profile } from './app-user-fields.js';
export type { AppUserCreate, Identity } from './app-user-fields.js';
export type { UserLookupOptions } from './user-owned.js';

/** ListUsers exists only filtered by email (`findByEmail`), so `all` is not declared. */
const USERS = resource({
  path: '/v2/apps/{appId}/users',
  one: 'user',
  many: 'users',
  operations: ['find', 'create', 'save', 'delete'],
  brand: true,
});

/**
 * A user of an app (`user` in v2, `appUser` in v1), addressed by its `id` or your `externalId`.
 * @example
 * const user = await AppUser.findOrCreate({ externalId: 'b6518', profile: { givenName: 'Bob' } });
 * user.metadata.plan = 'pro';
 * await user.save(); // PATCH { metadata: { plan: 'pro' } }
 */
export class AppUser extends Model {
  /** The declaration of the users resource; the generic calls read it. @example AppUser.resource.one // 'user' */
  static readonly resource = USERS;
  static override readonly writable = ['signedUpAt', 'toBeRetained', 'profile', 'metadata'];

  id!: string;
  externalId?: string;
  zendeskId?: string;
  brandId?: string;
  authenticated?: boolean;
  @Type(() => Date)
  signedUpAt?: Date;
  toBeRetained?: boolean;
  @Type(() => Profile)
  profile!: Profile;
  metadata!: Record<string, unknown>;
  identities?: Identity[];

  /** Gets a user by id or externalId. @example const user = await AppUser.find('b6518'); */
  static find<M extends AppUser>(
    this: ModelClass<M>,
    idOrExternalId: string,
    options: UserLookupOptions = {},
  ): Promise<M> {
    // Not `async`: find is, so bad input still rejects, and this frame would only add ticks.
    return find(this, USERS, idOrExternalId, options);
  }

  /**
   * Creates a user. A user with this externalId already existing is a `ConflictError`; see `findOrCreate`.
   * @example await AppUser.create({ externalId: 'b6518', profile: { givenName: 'Bob' }, signedUpAt: new Date() });
   */
  static async create<M extends AppUser>(
    this: ModelClass<M>,
    fields: AppUserCreate,
    options: CallOptions = {},
  ): Promise<M> {
    checkUserCreate(fields);
    return create(this, USERS, fields, options);
  }

  /**
   * Creates the user, or finds it when one with this externalId exists (the API's 409 `conflict`); safe to
   * repeat. An existing user is returned as it is: the fields are not applied to it (change them and `save()`).
   * Because a repeated create can only conflict, this POST is retried like a GET unless `retry: false`.
   * @example const user = await AppUser.findOrCreate({ externalId: 'b6518' });
   */
  static findOrCreate<M extends AppUser>(
    this: ModelClass<M>,
    fields: AppUserCreate & { externalId: string },
    options: CallOptions = {},
  ): Promise<M> {
    return findOrCreateUser(this, USERS, fields, options);
  }

  /**
   * The users whose `identities` hold this email (not `profile.email`: the API does not match on it). An array,
   * usually of zero or one user (brand-separated apps may have one per brand; pass `brandId` to narrow).
   * It is the only user listing v2 has.
   * @example const [sue] = await AppUser.findByEmail('sue@example.org');
   */
  static findByEmail<M extends AppUser>(
    this: ModelClass<M>,
    email: string,
    options: UserLookupOptions = {},
  ): Promise<M[]> {
    return findUsersByEmail(this, USERS, email, options);
  }

  /** Sends what changed (deeply: `profile.email`, a metadata key); no change, no request. @example await user.save(); */
  save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(USERS, options);
  }

  /** Deletes the user, their clients and their conversation history. @example await user.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(USERS, options);
  }

  /**
   * Clears the profile, metadata and client details, keeping the history; this instance then holds what is left.
   * @example await user.deletePersonalInformation(); user.profile // {}
   */
  async deletePersonalInformation(options: InstanceCallOptions = {}): Promise<this> {
    const url = USERS.pathOf(this.binding, this, 'personalinformation');
    const query = { brandId: this.brandId ?? undefined };
    const body = await this.request({ ...callOptions(options), method: 'DELETE', path: url, query });
    return this.refresh(body.user);
  }

  /**
   * Re-syncs this user with their Zendesk core user (SyncUser, by `zendeskId`); after a merge of Support
   * users, `survivingZendeskId` names the one that remains. This instance then holds the synced user.
   * @example await user.sync();
   */
  async sync(options: InstanceCallOptions & { survivingZendeskId?: string } = {}): Promise<this> {
    if (!this.zendeskId)
      throw new TypeError(`User ${this.id} has no zendeskId: only Zendesk users can be synced`);
    const { survivingZendeskId } = options;
    const url = `${USERS.itemPath(this.binding, undefined, this.zendeskId)}/sync`;
    const json = survivingZendeskId !== undefined ? { survivingZendeskId } : {};
    const body = await this.request({ ...callOptions(options), method: 'POST', path: url, json });
    return this.refresh(body.user);
  }

  /**
   * An SDK login token for this user (claims `scope: 'user'`, `external_id`), signed locally with the
   * connection's app key: the seed's `user_jwt`. Needs an externalId and an app key (`app_...`).
   * @example res.json({ jwt: user.jwt({ expiresIn: 3600 }) });
   */
  jwt(options: SignOptions = {}): string {
    if (!this.externalId) {
      throw new TypeError(`User ${this.id} has no externalId: SDK login tokens name users by externalId`);
    }
    if (this.connection.scope !== 'app') {
      throw new ConfigurationError(
        `SDK login tokens must be signed with an app key (app_...), not an ${this.connection.scope} key: ` +
          'use jwtForUser(appKeyId, appSecret, externalId)',
      );
    }
    return this.connection.authorizer.userToken(this.externalId, options);
  }

  /** The user's conversations, lazily. @example for await (const c of user.conversations()) console.log(c.id); */
  conversations(options: InstanceCallOptions & ListOptions = {}): Collection<Conversation> {
    return Conversation.all({ userId: this.id }, { ...options, ...this.own() });
  }

  /**
   * The user's default conversation: the one marked `isDefault`, else the first `personal` one; when the user
   * has none, a `personal` conversation is created with this user as participant.
   * @example await (await user.conversation()).reply('Welcome!');
   */
  async conversation(options: InstanceCallOptions = {}): Promise<Conversation> {
    let personal: Conversation | undefined;
    for await (const conversation of this.conversations(options)) {
      if (conversation.isDefault) return conversation;
      if (!personal && conversation.type === 'personal') personal = conversation;
    }
    if (personal) return personal;
    const fields = { type: 'personal' as const, participants: [{ userId: this.id }] };
    return Conversation.create(fields, { ...callOptions(options), ...this.own() });
  }

  /** The user's clients (channels), lazily. @example for await (const client of user.clients()) client.type; */
  clients(options: InstanceCallOptions & ListOptions = {}): Collection<Client> {
    return Client.all(this, { ...options, ...this.own() });
  }

  /** The user's SDK devices. @example const devices = await user.devices().toArray({ limit: 20 }); */
  devices(options: InstanceCallOptions = {}): Collection<Device> {
    return Device.all(this, { ...options, ...this.own() });
  }

  /** The connection and app calls made through this user go to. */
  private own(): { connection: CallOptions['connection']; appId: string } {
    return { connection: this.connection, appId: this.ownerAppId };
  }
}
