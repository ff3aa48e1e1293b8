import { Type } from 'class-transformer';
import { Model } from '../model.js';

/**
 * A participant of a conversation (value object). SKELETON: the messaging helper completes it.
 * @example for await (const p of conversation.participants()) console.log(p.userId);
 */
export class Participant extends Model {
  id!: string;
  userId!: string;
  userExternalId?: string;
  unreadCount?: number;
  @Type(() => Date)
  lastRead?: Date;
  clientAssociations?: { type: string; clientId: string }[];
}
