import { Type } from 'class-transformer';
import { Model } from '../model.js';

/**
 * A conversation of an app. SKELETON: the messaging helper adds the operations.
 * @example const conversation = await Conversation.find('6a6b...');
 */
export class Conversation extends Model {
  static override readonly writable = ['displayName', 'description', 'iconUrl', 'metadata'];

  id!: string;
  type!: 'personal' | 'sdkGroup' | string;
  isDefault?: boolean;
  displayName?: string;
  description?: string;
  iconUrl?: string;
  metadata?: Record<string, unknown> | null;
  activeSwitchboardIntegration?: Record<string, unknown> | null;
  pendingSwitchboardIntegration?: Record<string, unknown> | null;
  @Type(() => Date)
  businessLastRead?: Date;
  @Type(() => Date)
  lastUpdatedAt?: Date;
  @Type(() => Date)
  createdAt?: Date;
}
