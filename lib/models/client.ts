import { Type } from 'class-transformer';
import { Model } from '../model.js';

/**
 * A client of a user: one channel the user is reachable on. SKELETON: the messaging helper adds operations.
 * @example for await (const client of Client.all(user)) console.log(client.type);
 */
export class Client extends Model {
  id!: string;
  type!: string;
  status!: 'active' | 'blocked' | 'inactive' | 'pending';
  integrationId?: string;
  externalId?: string;
  @Type(() => Date)
  lastSeen?: Date;
  @Type(() => Date)
  linkedAt?: Date;
  displayName?: string;
  avatarUrl?: string;
  info?: Record<string, unknown>;
  raw?: Record<string, unknown>;
}
