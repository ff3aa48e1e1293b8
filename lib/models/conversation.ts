import { Type } from 'class-transformer';
import type { Collection, ListOptions } from '../collection.js';
import type { CallOptions } from '../connection/index.js';
import { cursorList } from '../listing.js';
import type { MediaSource } from '../media.js';
import { type InstanceCallOptions, Model, type ModelClass } from '../model.js';
import { all, create, find, resource } from '../resource.js';
import { type ConversationCreate, createBody, filterQuery } from './conversation-input.js';
import {
  type ConversationTarget,
  join,
  type JoinOptions,
  type MediaReplyOptions,
  post,
  postConversionEvents,
  postMedia,
  postMessages,
} from './conversation-calls.js';
import type { ContentInput } from './content/index.js';
import type { Message } from './message.js';
import { history, type HistoryOptions } from './message-history.js';
import { activityBody, type ReplyOptions } from './message-post.js';
import {
  type ControlCallOptions,
  type ConversionChannel,
  downloadBody,
  type InteractiveDataRef,
  metadataBody,
  type SwitchboardTarget,
  targetBody,
} from './conversation-control.js';
import { Participant } from './participant.js';
import { leaveIdentity, type ParticipantRef, type UserRef } from './user-ref.js';

export type { ConversationCreate, ParticipantInput } from './conversation-input.js';
export type { JoinOptions, MediaReplyOptions } from './conversation-calls.js';

const CONVERSATIONS = resource({
  path: '/v2/apps/{appId}/conversations',
  one: 'conversation',
  many: 'conversations',
  operations: ['find', 'create', 'all', 'save', 'delete'],
});

/**
 * A conversation of an app: its messages, participants and activity. A conversation holds at most 30,000
 * messages; past that, posting fails with a `LockedError` and `deleteMessages()` makes room.
 * @example
 * const conversation = await Conversation.find('6a6b...');
 * await conversation.reply('Hello from the business');
 */
export class Conversation extends Model {
  /** The declaration of the conversations resource; the generic calls read it. @example Conversation.resource.operations.has('save') // true */
  static readonly resource = CONVERSATIONS;
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
  businessLastRead?: Date | null;
  @Type(() => Date)
  lastUpdatedAt?: Date | null;
  @Type(() => Date)
  createdAt?: Date;

  /**
   * Creates a conversation. Participants may be AppUsers, `{ userId }` or `{ userExternalId }`.
   * @example await Conversation.create({ type: 'sdkGroup', participants: [{ userId, subscribeSDKClient: true }] })
   */
  static async create<M extends Conversation>(
    this: ModelClass<M>,
    fields: ConversationCreate,
    options: CallOptions = {},
  ): Promise<M> {
    return create(this, CONVERSATIONS, createBody(fields), options);
  }

  /** Gets a conversation by id. @example const conversation = await Conversation.find('6a6b...'); */
  static find<M extends Conversation>(
    this: ModelClass<M>,
    id: string,
    options: CallOptions = {},
  ): Promise<M> {
    return find(this, CONVERSATIONS, id, options);
  }

  /**
   * Lists the conversations of one user, lazily. The API requires the user: `{ userId }` or `{ userExternalId }`.
   * @example for await (const c of Conversation.all({ userExternalId: 'b6518' })) console.log(c.id);
   */
  static all<M extends Conversation>(
    this: ModelClass<M>,
    filter: { userId: string } | { userExternalId: string },
    options: CallOptions & ListOptions = {},
  ): Collection<M> {
    return all(this, CONVERSATIONS, options, filterQuery(filter));
  }

  /** Sends the changed fields; no change, no request. @example conversation.displayName = 'VIP'; await conversation.save(); */
  save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(CONVERSATIONS, options);
  }

  /** Deletes the conversation, its messages and attachments (not the default one: 400). @example await conversation.delete(); */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(CONVERSATIONS, options);
  }

  /**
   * Posts a message and returns it. A string is a text message; content may be a content class
   * (`TextContent.of('Hi')`) or a plain object. The business posts unless `as` names a user.
   * @example
   * await conversation.reply('Yes!');
   * await conversation.reply('Is Smooch any good?', { as: user });
   */
  async reply(content: string | ContentInput, options: ReplyOptions = {}): Promise<Message> {
    return (await this.replyAll(content, options))[0]!;
  }

  /**
   * Posts a message and returns every message it created: one, except when WhatsApp template shorthand
   * with leading text makes several.
   * @example const messages = await conversation.replyAll(template, { schema: 'whatsapp' });
   */
  async replyAll(content: string | ContentInput, options: ReplyOptions = {}): Promise<Message[]> {
    return postMessages(this.target(), content, options);
  }

  /**
   * Uploads a file (path, Buffer, stream or Blob) to this conversation and posts it: an `image` message when its
   * media type is `image/*`, else a `file` message.
   * @example await conversation.replyWithMedia('./receipt.pdf', { text: 'Your receipt', as: user });
   */
  async replyWithMedia(source: MediaSource, options: MediaReplyOptions = {}): Promise<Message> {
    return postMedia(this.target(), source, options);
  }

  /**
   * The history, newest message first, fetched page by page (100 a page) only as far as you iterate.
   * @example for await (const message of conversation.messages()) if (message.author.type === 'user') break;
   */
  messages(options: HistoryOptions = {}): Collection<Message> {
    return history(this.binding, this.id, options);
  }

  /** Deletes every message (the way out of the 30,000-message limit). @example await conversation.deleteMessages(); */
  deleteMessages(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(CONVERSATIONS, options, 'messages');
  }

  /** Shows or hides the business typing indicator. @example await conversation.typing(true); */
  async typing(on: boolean, options: InstanceCallOptions = {}): Promise<void> {
    if (typeof on !== 'boolean') throw new TypeError('typing() takes true (start) or false (stop)');
    await post(this.target(), 'activity', activityBody(on ? 'typing:start' : 'typing:stop'), options);
  }

  /** Marks the conversation read by the business, or by a user with `as`. @example await conversation.markRead(); */
  async markRead(options: InstanceCallOptions & { as?: UserRef } = {}): Promise<void> {
    await post(this.target(), 'activity', activityBody('conversation:read', options.as), options);
  }

  /** The participants, lazily. @example for await (const p of conversation.participants()) console.log(p.userId); */
  participants(options: ListOptions & { timeout?: number } = {}): Collection<Participant> {
    const spec = { path: this.url('participants'), key: 'participants' };
    return cursorList(Participant, this.binding, spec, options);
  }

  /** Adds a user to an `sdkGroup` conversation. @example const p = await conversation.join(user, { subscribeSDKClient: true }); */
  async join(user: UserRef, options: JoinOptions = {}): Promise<Participant> {
    return join(this.target(), user, options);
  }

  /** Removes a user or participant. @example await conversation.leave({ userExternalId: 'b6518' }); */
  async leave(who: ParticipantRef, options: InstanceCallOptions = {}): Promise<void> {
    await post(this.target(), 'leave', leaveIdentity(who), options);
  }

  /**
   * Makes another switchboard integration active (by id, name, integrationType, or `'next'`).
   * @example await conversation.passControl('next', { metadata: { reason: 'human requested' } });
   */
  async passControl(to: SwitchboardTarget, options: ControlCallOptions = {}): Promise<void> {
    await post(this.target(), 'passControl', targetBody('passControl', to, options), options);
  }

  /** Offers control to a switchboard integration (it becomes pending). @example await conversation.offerControl('agents'); */
  async offerControl(to: SwitchboardTarget, options: ControlCallOptions = {}): Promise<void> {
    await post(this.target(), 'offerControl', targetBody('offerControl', to, options), options);
  }

  /** Accepts a pending offer of control (403 `ForbiddenError` when the caller is not the pending one). @example await conversation.acceptControl(); */
  async acceptControl(options: ControlCallOptions = {}): Promise<void> {
    await post(this.target(), 'acceptControl', metadataBody(options), options);
  }

  /** Clears the switchboard state (403 `ForbiddenError` when the caller is not active). @example await conversation.releaseControl(); */
  async releaseControl(options: ControlCallOptions = {}): Promise<void> {
    await post(this.target(), 'releaseControl', metadataBody(options), options);
  }

  /**
   * Fetches data an Apple Messages for Business message refers to (Apple only), as the API returns it.
   * @example const data = await conversation.downloadMessageRef(userId, event.payload.interactiveDataRef);
   */
  async downloadMessageRef(
    userId: string,
    ref: InteractiveDataRef,
    options: InstanceCallOptions = {},
  ): Promise<Record<string, unknown>> {
    return post(this.target(), 'download', downloadBody(userId, ref), options);
  }

  /**
   * Sends Meta conversion events (Messenger, Instagram or WhatsApp) for this conversation.
   * @example await conversation.postConversionEvents('instagram', { data: [{ event_name: 'Purchase', event_time, action_source: 'business_messaging', messaging_channel: 'instagram' }] });
   */
  async postConversionEvents(
    channel: ConversionChannel,
    payload: Record<string, unknown>,
    options: InstanceCallOptions = {},
  ): Promise<Record<string, unknown>> {
    return postConversionEvents(this.target(), channel, payload, options);
  }

  /** What the calls of conversation-calls.ts need of this conversation. */
  private target(): ConversationTarget {
    return { id: this.id, binding: this.binding, url: (child) => this.url(child) };
  }

  /** This conversation's path, or one of its sub-resources (`messages`, `join`, ...). */
  private url(child?: string): string {
    return CONVERSATIONS.pathOf(this.binding, this, child);
  }
}
