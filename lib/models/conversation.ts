import { Type } from 'class-transformer';
import type { Collection, ListOptions } from '../collection.js';
import type { CallOptions } from '../connection.js';
import { cursorList } from '../listing.js';
import type { MediaSource } from '../media.js';
import {
  bindingOf,
  callOptions,
  hydrate,
  type InstanceCallOptions,
  load,
  Model,
  requireAppId,
} from '../model.js';
import { ParseError } from '../errors.js';
import { path } from '../path.js';
import { Attachment } from './attachment.js';
import { type ConversationCreate, createBody, filterQuery } from './conversation-input.js';
import { type ContentInput, FileContent, ImageContent } from './content/index.js';
import { Message, withConversation } from './message.js';
import { history, type HistoryOptions } from './message-history.js';
import { activityBody, postBody, type ReplyOptions } from './message-post.js';
import {
  type ControlOptions,
  type ConversionChannel,
  conversionBody,
  downloadBody,
  type InteractiveDataRef,
  metadataBody,
  type SwitchboardTarget,
  targetBody,
} from './conversation-control.js';
import { Participant } from './participant.js';
import { leaveIdentity, type ParticipantRef, type UserRef, userIdentity } from './user-ref.js';

export type { ConversationCreate, ParticipantInput } from './conversation-input.js';

/** Options of `replyWithMedia()`: who posts, the text shown with the file, its accessible description. */
export interface MediaReplyOptions extends Omit<ReplyOptions, 'schema' | 'override'> {
  text?: string;
  altText?: string;
  /** The file name sent to the API; default: the path's or File's name. */
  filename?: string;
  /** The media type; default: the Blob's type, else the file name's extension. */
  mediaType?: string;
}

/**
 * A conversation of an app: its messages, participants and activity. A conversation holds at most 30,000
 * messages; past that, posting fails with a `LockedError` and `deleteMessages()` makes room.
 * @example
 * const conversation = await Conversation.find('6a6b...');
 * await conversation.reply('Hello from the business');
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
  businessLastRead?: Date | null;
  @Type(() => Date)
  lastUpdatedAt?: Date | null;
  @Type(() => Date)
  createdAt?: Date;

  /**
   * Creates a conversation. Participants may be AppUsers, `{ userId }` or `{ userExternalId }`.
   * @example await Conversation.create({ type: 'sdkGroup', participants: [{ userId, subscribeSDKClient: true }] })
   */
  static async create(fields: ConversationCreate, options: CallOptions = {}): Promise<Conversation> {
    const binding = bindingOf(options);
    const json = createBody(fields);
    const url = path`/v2/apps/${requireAppId(binding)}/conversations`;
    return load(
      Conversation,
      binding,
      { ...callOptions(options), method: 'POST', path: url, json },
      'conversation',
    );
  }

  /** Gets a conversation by id. @example const conversation = await Conversation.find('6a6b...'); */
  static async find(id: string, options: CallOptions = {}): Promise<Conversation> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/conversations/${id}`;
    return load(Conversation, binding, { ...callOptions(options), method: 'GET', path: url }, 'conversation');
  }

  /**
   * Lists the conversations of one user, lazily. The API requires the user: `{ userId }` or `{ userExternalId }`.
   * @example for await (const c of Conversation.all({ userExternalId: 'b6518' })) console.log(c.id);
   */
  static all(
    filter: { userId: string } | { userExternalId: string },
    options: CallOptions & ListOptions = {},
  ): Collection<Conversation> {
    const binding = bindingOf(options);
    const url = path`/v2/apps/${requireAppId(binding)}/conversations`;
    return cursorList(
      Conversation,
      binding,
      { path: url, key: 'conversations', query: filterQuery(filter) },
      options,
    );
  }

  /** Sends the changed fields; no change, no request. @example conversation.displayName = 'VIP'; await conversation.save(); */
  async save(options?: InstanceCallOptions): Promise<this> {
    return this.saveTo(this.url(), 'conversation', options);
  }

  /** Deletes the conversation, its messages and attachments (not the default one: 400). @example await conversation.delete(); */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(this.url(), options);
  }

  /**
   * Posts a message and returns it. A string is a text message; content may be a content class
   * (`TextContent.of('Hi')`) or a plain object. The business posts unless `as` names a user.
   * @example
   * await conversation.reply('Yes!');
   * await conversation.reply('Is Smooch any good?', { as: user });
   */
  async reply(content: string | ContentInput, options: ReplyOptions = {}): Promise<Message> {
    const [first] = await this.replyAll(content, options);
    return first!;
  }

  /**
   * Posts a message and returns every message it created: one, except when WhatsApp template shorthand
   * with leading text makes several.
   * @example const messages = await conversation.replyAll(template, { schema: 'whatsapp' });
   */
  async replyAll(content: string | ContentInput, options: ReplyOptions = {}): Promise<Message[]> {
    const json = postBody(content, options);
    const body = await this.request({
      ...callOptions(options),
      method: 'POST',
      path: this.url('messages'),
      json,
    });
    const messages = ((body.messages as unknown[]) ?? []).map((plain) => this.message(plain));
    if (messages.length === 0) {
      throw new ParseError('PostMessage answered without messages', JSON.stringify(body).slice(0, 120));
    }
    return messages;
  }

  /**
   * Uploads a file (path, Buffer, stream or Blob) to this conversation and posts it: an `image` message when its
   * media type is `image/*`, else a `file` message.
   * @example await conversation.replyWithMedia('./receipt.pdf', { text: 'Your receipt', as: user });
   */
  async replyWithMedia(source: MediaSource, options: MediaReplyOptions = {}): Promise<Message> {
    const { text, altText, filename, mediaType, ...reply } = options;
    const attachment = await Attachment.upload(source, {
      ...callOptions(options),
      connection: this.connection,
      appId: this.ownerAppId,
      conversationId: this.id,
      for: 'message',
      access: 'public',
      filename,
      mediaType,
    });
    // The seed's post_media: images show inline, anything else as a downloadable file.
    const Kind = attachment.mediaType?.startsWith('image/') ? ImageContent : FileContent;
    return this.reply(Kind.of(attachment.mediaUrl, { text, altText }), reply);
  }

  /**
   * The history, newest message first, fetched page by page (100 a page) only as far as you iterate.
   * @example for await (const message of conversation.messages()) if (message.author.type === 'user') break;
   */
  messages(options: HistoryOptions = {}): Collection<Message> {
    return history(this.binding, this.ownerAppId, this.id, options);
  }

  /** Deletes every message (the way out of the 30,000-message limit). @example await conversation.deleteMessages(); */
  async deleteMessages(options?: InstanceCallOptions): Promise<void> {
    await this.deleteAt(this.url('messages'), options);
  }

  /** Shows or hides the business typing indicator. @example await conversation.typing(true); */
  async typing(on: boolean, options: InstanceCallOptions = {}): Promise<void> {
    if (typeof on !== 'boolean') throw new TypeError('typing() takes true (start) or false (stop)');
    await this.activity(activityBody(on ? 'typing:start' : 'typing:stop'), options);
  }

  /** Marks the conversation read by the business, or by a user with `as`. @example await conversation.markRead(); */
  async markRead(options: InstanceCallOptions & { as?: UserRef } = {}): Promise<void> {
    await this.activity(activityBody('conversation:read', options.as), options);
  }

  /** The participants, lazily. @example for await (const p of conversation.participants()) console.log(p.userId); */
  participants(options: ListOptions & { timeout?: number } = {}): Collection<Participant> {
    return cursorList(
      Participant,
      this.binding,
      { path: this.url('participants'), key: 'participants' },
      options,
    );
  }

  /** Adds a user to an `sdkGroup` conversation. @example const p = await conversation.join(user, { subscribeSDKClient: true }); */
  async join(
    user: UserRef,
    options: InstanceCallOptions & { subscribeSDKClient?: boolean } = {},
  ): Promise<Participant> {
    const { subscribeSDKClient } = options;
    const json = {
      ...userIdentity(user),
      ...(subscribeSDKClient !== undefined ? { subscribeSDKClient } : {}),
    };
    const body = await this.request({
      ...callOptions(options),
      method: 'POST',
      path: this.url('join'),
      json,
    });
    return hydrate(Participant, body.participant, this.binding);
  }

  /** Removes a user or participant. @example await conversation.leave({ userExternalId: 'b6518' }); */
  async leave(who: ParticipantRef, options: InstanceCallOptions = {}): Promise<void> {
    const json = leaveIdentity(who);
    await this.request({ ...callOptions(options), method: 'POST', path: this.url('leave'), json });
  }

  /**
   * Makes another switchboard integration active (by id, name, integrationType, or `'next'`).
   * @example await conversation.passControl('next', { metadata: { reason: 'human requested' } });
   */
  async passControl(
    to: SwitchboardTarget,
    options: ControlOptions & InstanceCallOptions = {},
  ): Promise<void> {
    return this.control('passControl', targetBody('passControl', to, options), options);
  }

  /** Offers control to a switchboard integration (it becomes pending). @example await conversation.offerControl('agents'); */
  async offerControl(
    to: SwitchboardTarget,
    options: ControlOptions & InstanceCallOptions = {},
  ): Promise<void> {
    return this.control('offerControl', targetBody('offerControl', to, options), options);
  }

  /** Accepts a pending offer of control (403 `ForbiddenError` when the caller is not the pending one). @example await conversation.acceptControl(); */
  async acceptControl(options: ControlOptions & InstanceCallOptions = {}): Promise<void> {
    return this.control('acceptControl', metadataBody(options), options);
  }

  /** Clears the switchboard state (403 `ForbiddenError` when the caller is not active). @example await conversation.releaseControl(); */
  async releaseControl(options: ControlOptions & InstanceCallOptions = {}): Promise<void> {
    return this.control('releaseControl', metadataBody(options), options);
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
    const json = downloadBody(userId, ref);
    return this.request({ ...callOptions(options), method: 'POST', path: this.url('download'), json });
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
    const json = conversionBody(channel, payload);
    const body = await this.request({
      ...callOptions(options),
      method: 'POST',
      path: this.url('conversionEvents'),
      json,
    });
    return (body.conversionEvents ?? body) as Record<string, unknown>;
  }

  private async control(
    action: string,
    json: Record<string, unknown>,
    options: InstanceCallOptions,
  ): Promise<void> {
    await this.request({ ...callOptions(options), method: 'POST', path: this.url(action), json });
  }

  private async activity(json: Record<string, unknown>, options: InstanceCallOptions): Promise<void> {
    await this.request({ ...callOptions(options), method: 'POST', path: this.url('activity'), json });
  }

  private message(plain: unknown): Message {
    return withConversation(hydrate(Message, plain, this.binding), this.id);
  }

  /** This conversation's path, or one of its sub-resources (`messages`, `join`, ...). */
  private url(child?: string): string {
    const base = path`/v2/apps/${this.ownerAppId}/conversations/${this.id}`;
    return child ? `${base}/${child}` : base;
  }
}
