import { Type } from 'class-transformer';
import { Model } from '../model.js';

/**
 * A device of a user (SDK clients). SKELETON: the messaging helper adds operations.
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
}
