import { Type } from 'class-transformer';
import { type Binding, type InstanceCallOptions, Model, referenceOf, withReference } from '../model.js';
import { resource } from '../resource.js';
import { Content, CONTENT_TYPES } from './content/index.js';

/** The API has no "get one message" and no update: messages are listed by their conversation, and deleted. */
const MESSAGES = resource({
  path: '/v2/apps/{appId}/conversations/{conversationId}/messages',
  one: 'message',
  many: 'messages',
  operations: ['delete'],
});

/** The binding of each message's author, recorded by the message, for `author.loadUser()`. */
const authorBindings = new WeakMap<object, Binding>();

/**
 * The connection and app of the message `author` came with, or undefined for an author built by hand.
 * @example const binding = bindingOfAuthor(message.author);
 */
export function bindingOfAuthor(author: Author): Binding | undefined {
  return authorBindings.get(author);
}

/**
 * Who wrote a message: the business or a user. `subtypes` says more (`AI`, `activity`, `agent`, `bot`).
 * A user author names only the user; `await message.author.loadUser()` fetches the whole `AppUser`.
 * @example if (message.author.type === 'user') console.log(message.author.userId);
 */
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
 * A message of a conversation. `content` is an instance of the class of its type (`TextContent`,
 * `ImageContent`, ...; a type unknown to this library stays a plain `Content`). The API has no "get one
 * message", so there is no `find`: messages come from `conversation.messages()`, `reply()` and webhooks.
 * @example
 * const [newest] = await conversation.messages().first(1);
 * if (newest.content instanceof TextContent) console.log(newest.author.type, newest.content.text);
 */
export class Message extends Model {
  /** The declaration of a conversation's messages; `delete()` and the history read it. @example Message.resource.operations.has('find') // false */
  static readonly resource = MESSAGES;

  id!: string;
  @Type(() => Date)
  received?: Date;
  @Type(() => Author)
  author!: Author;
  @Type(() => Content, {
    discriminator: { property: 'type', subTypes: CONTENT_TYPES },
    keepDiscriminatorProperty: true,
  })
  content!: Content;
  source?: { type: string; integrationId?: string | null; [field: string]: unknown };
  /** Set for system activity messages (`ticket:closed`, ...). */
  activity?: { type: string; data?: Record<string, unknown> };
  quotedMessage?: Record<string, unknown> | null;
  metadata?: Record<string, unknown> | null;
  deleted?: boolean | null;
  references?: { uri: string; title?: string; description?: string }[] | null;
  /** Lets the author load its user with this message's connection and app. */
  protected override bound(binding: Binding): void {
    if (this.author && typeof this.author === 'object') authorBindings.set(this.author, binding);
  }

  /** The conversation this message belongs to (set by this library; not a wire field). */
  get conversationId(): string {
    return referenceOf(this, 'conversationId') as string;
  }

  /**
   * Deletes this message (DeleteMessage).
   * @example const [newest] = await conversation.messages().first(1); await newest.delete();
   */
  async delete(options?: InstanceCallOptions): Promise<void> {
    if (!this.conversationId) {
      // withConversation() is internal since it left the main entry: point users at what they can call.
      throw new TypeError(
        `Message ${this.id} does not know its conversation: take it from conversation.messages() or ` +
          'a reply, which know theirs',
      );
    }
    return this.deleteAt(MESSAGES, options);
  }
}

/**
 * Records which conversation `message` belongs to, for `message.delete()`. Webhook parsing calls it too.
 * @example withConversation(hydrate(Message, plain, binding), conversation.id)
 */
export function withConversation<M extends Message>(message: M, conversationId: string): M {
  return withReference(message, 'conversationId', conversationId);
}
