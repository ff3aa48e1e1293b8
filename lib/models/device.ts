import { Type } from 'class-transformer';
import type { Collection } from '../collection.js';
import type { CallOptions } from '../connection.js';
import { plainList } from '../listing.js';
import { callOptions, load, Model, requireAppId } from '../model.js';
import { path } from '../path.js';
import { type UserOrId, userBinding, withUser } from './user-owned.js';

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
  declare userId: string;

  /**
   * Lists the user's devices, most recently seen first (the API answers them all at once, unpaginated).
   * @example for await (const device of Device.all(user)) console.log(device.type, device.lastSeen);
   */
  static all(user: UserOrId, options: CallOptions = {}): Collection<Device> {
    const { userId, binding } = userBinding(user, options);
    const url = path`/v2/apps/${requireAppId(binding)}/users/${userId}/devices`;
    return plainList(Device, binding, { path: url, key: 'devices' }, options).map((device) =>
      withUser(device, userId),
    );
  }

  /** Gets one device of the user. @example const device = await Device.find(user, '5d9b870dda96abc332625ccc'); */
  static async find(user: UserOrId, id: string, options: CallOptions = {}): Promise<Device> {
    const { userId, binding } = userBinding(user, options);
    const url = path`/v2/apps/${requireAppId(binding)}/users/${userId}/devices/${id}`;
    return withUser(
      await load(Device, binding, { ...callOptions(options), method: 'GET', path: url }, 'device'),
      userId,
    );
  }
}
