import { Type } from 'class-transformer';
import { Model } from '../model.js';

/**
 * A participant of a conversation: a user, how many messages they have not read, and the clients (channels)
 * active for them there, most recent first. A value object: it comes from `conversation.participants()` and
 * `conversation.join()`, and `conversation.leave(participant)` removes it.
 * @example for await (const p of conversation.participants()) console.log(p.userId, p.unreadCount);
 */
export class Participant extends Model {
  id!: string;
  userId!: string;
  userExternalId?: string | null;
  unreadCount?: number;
  @Type(() => Date)
  lastRead?: Date | null;
  clientAssociations?: { type: string; clientId: string }[];
}
