import { Type } from 'class-transformer';
import type { Collection } from '../collection.js';
import { plainList } from '../listing.js';
import { callOptions, load, Model, type ModelClass, referenceOf, requireAppId } from '../model.js';
import { path } from '../path.js';
import { type UserLookupOptions, type UserOrId, userBinding, withUser } from './user-owned.js';

/**
 * A device of a user: one install of the Web, iOS or Android SDK behind the user's `sdk` client. Read-only in v2.
 * @example const devices = await Device.all(user).toArray({ limit: 50 });
 */
export class Device extends Model {
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
    return referenceOf(this, 'userBrandId') as string | undefined;
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
    const call = userBinding(user, options);
    const url = path`/v2/apps/${requireAppId(call.binding)}/users/${call.userId}/devices`;
    const spec = { path: url, key: 'devices', query: { brandId: call.brandId } };
    return plainList(this, call.binding, spec, options).map((device) => withUser(device, call));
  }

  /** Gets one device of the user. @example const device = await Device.find(user, '5d9b870dda96abc332625ccc'); */
  static async find<M extends Device>(
    this: ModelClass<M>,
    user: UserOrId,
    id: string,
    options: UserLookupOptions = {},
  ): Promise<M> {
    const call = userBinding(user, options);
    const url = path`/v2/apps/${requireAppId(call.binding)}/users/${call.userId}/devices/${id}`;
    const request = {
      ...callOptions(options),
      method: 'GET' as const,
      path: url,
      query: { brandId: call.brandId },
    };
    return withUser(await load(this, call.binding, request, 'device'), call);
  }
}
