import { Type } from 'class-transformer';
import { Model } from '../model.js';

/** Who wrote a message: the business or a user. */
export class Author {
  type!: 'business' | 'user';
  subtypes?: string[];
  userId?: string;
  userExternalId?: string;
  displayName?: string;
  avatarUrl?: string;
  [field: string]: unknown;
}

/**
 * A message of a conversation. SKELETON: the messaging helper adds typed content classes and operations.
 * @example const [message] = await conversation.messages().first(1);
 */
export class Message extends Model {
  id!: string;
  @Type(() => Date)
  received?: Date;
  @Type(() => Author)
  author!: Author;
  content!: { type: string; [field: string]: unknown };
  source?: Record<string, unknown>;
  metadata?: Record<string, unknown> | null;
  deleted?: boolean;
}
