import { Type } from 'class-transformer';
import type { Collection } from '../collection.js';
import { Model, type ModelClass, referenceOf } from '../model.js';
import { allIn, findIn, resource } from '../resource.js';
import { type UserLookupOptions, type UserOrId, userOwner } from './user-owned.js';

/** Read-only in v2: `find` and `all` only. */
const DEVICES = resource({
  path: '/v2/apps/{appId}/users/{userId}/devices',
  one: 'device',
  many: 'devices',
  operations: ['find', 'all'],
  list: 'plain',
  brand: true,
  owner: userOwner,
});

/**
 * A device of a user: one install of the Web, iOS or Android SDK behind the user's `sdk` client. Read-only in v2.
 * @example const devices = await Device.all(user).toArray({ limit: 50 });
 */
export class Device extends Model {
  /** The declaration of a user's devices; the generic calls read it. @example Device.resource.operations.has('all') // true */
  static readonly resource = DEVICES;

  id!: string;
  type!: 'android' | 'ios' | 'web' | string;
  guid?: string;
  clientId?: string;
  status?: 'active' | 'inactive';
  integrationId?: string;
  @Type(() => Date)
  lastSeen?: Date;
  pushNotificationToken?: string;
  appVersion?: string;
  info?: Record<string, unknown>;
  /** The user (id or externalId) this device was loaded through; set by this library, not a wire field. */
  get userId(): string {
    return referenceOf(this, 'userId') as string;
  }
  /** The brand of that user, when the call named one; set by this library, not a wire field. */
  get userBrandId(): string | undefined {
    return referenceOf(this, 'brandId') as string | undefined;
  }

  /**
   * Lists the user's devices, most recently seen first (the API answers them all at once, unpaginated). A
   * brand-separated user named by externalId needs `{ brandId }` (an AppUser brings its own).
   * @example for await (const device of Device.all(user)) console.log(device.type, device.lastSeen);
   */
  static all<M extends Device>(
    this: ModelClass<M>,
    user: UserOrId,
    options: UserLookupOptions = {},
  ): Collection<M> {
    return allIn(this, DEVICES, user, options);
  }

  /** Gets one device of the user. @example const device = await Device.find(user, '5d9b870dda96abc332625ccc'); */
  static find<M extends Device>(
    this: ModelClass<M>,
    user: UserOrId,
    id: string,
    options: UserLookupOptions = {},
  ): Promise<M> {
    return findIn(this, DEVICES, user, id, options);
  }
}
