/**
 * The events of a webhook delivery, one interface per trigger of the spec's `x-webhooks`, joined in a union
 * discriminated on `type`:
 *
 *   if (event.type === 'conversation:message') await event.conversation.reply(event.message.content.text);
 *
 * Payload fields that are resources arrive as live models (bound to the parsing connection); every other
 * payload field is copied onto the event as the API sent it, and the whole payload stays in `event.payload`.
 * `passthrough:messaging` (no schema in the spec) and types this version does not know become a
 * `GenericEvent`; an unknown type reads `type: 'unknown'` so the union stays narrowable, and `trigger`
 * keeps the name the API sent.
 */
import type { AppUser } from '../models/app-user.js';
import type { Client } from '../models/client.js';
import type { Conversation } from '../models/conversation.js';
import type { Author, Message } from '../models/message.js';
import type { InstanceCallOptions } from '../model.js';
import type { EventModelType } from './event-model.js';
import type { WebhookTrigger } from './triggers.js';

type Open<T extends string> = T | (string & {});
type Plain = Record<string, unknown>;

/** Where an event came from (`sourceWebhook`): the channel type and integration, and more with includeFullSource. */
export interface EventSource {
  type?: string;
  integrationId?: string;
  campaign?: { id?: string } | null;
  [field: string]: unknown;
}

/** Fields every event has. */
export interface EventBase<T extends string> {
  /** The event id (dedupe retries with it); for legacy v1 bodies, which have none, a stable hash of the event. */
  id: string;
  type: T;
  /** When the event was generated; absent when the API did not say (the spec's referral example has none). */
  createdAt?: Date;
  /** The type as the API named it: equal to `type` for v2, the legacy trigger (`message:appUser`) for v1. */
  trigger: string;
  /** The payload as delivered (without prototype keys), for fields no model declares. */
  payload: Plain;
  /** v1 deliveries only: the `appUser.clients` they carried, as `Client`s (a v2 user lists them: `user.clients()`). */
  clients?: Client[];
  /**
   * The kind of the event's main model (python-intercom's `payload.model_type`): `message` for messages and
   * their deliveries, `client` for client events, `user` for user updates and removals, else `conversation`;
   * undefined for merges and passthrough. Not enumerable.
   */
  readonly modelType?: EventModelType;
  /** The main model itself (`event[event.modelType]`; python-intercom's `payload.model`). Not enumerable. */
  readonly model?: AppUser | Client | Conversation | Message;
  /**
   * Fetches the whole user the event is about (its `user`, else its message's or activity's author) from the
   * API: deliveries hold a truncated user, or only an id. A TypeError when the event names no user.
   * @example const user = await event.loadUser(); user.profile.email;
   */
  loadUser(options?: InstanceCallOptions): Promise<AppUser>;
  /**
   * Fetches the event's conversation from the API (deliveries hold a part of it). A v1 delivery names no
   * conversation: then it is the user's default one (`user.conversation()`: one list request), so replying to
   * a v1 event is `await (await event.loadConversation()).reply('...')`.
   * @example await (await event.loadConversation()).reply('Thanks!');
   */
  loadConversation(options?: InstanceCallOptions): Promise<Conversation>;
}

interface ClientEventFields {
  /** Present when the client is attached to a conversation (channel linking, theft, failed links). */
  conversation?: Conversation;
  user?: AppUser;
  client: Client;
  source?: EventSource;
}
/** `client:add`: a channel link started or an SDK client was created. */
export interface ClientAddEvent extends EventBase<'client:add'>, ClientEventFields {
  reason?: Open<'channelLinking' | 'sdkLogin' | 'authCode'>;
}
/** `client:remove`: a client was removed, transferred (theft) or a link failed. */
export interface ClientRemoveEvent extends EventBase<'client:remove'>, ClientEventFields {
  reason?: Open<'api' | 'linkCancelled' | 'linkFailed' | 'sdk' | 'theft'>;
  error?: Plain | null;
}
/** `client:update`: a client was confirmed, matched, blocked or unblocked. */
export interface ClientUpdateEvent extends EventBase<'client:update'>, ClientEventFields {
  reason?: Open<'confirmed' | 'blocked' | 'unblocked' | 'matched'>;
}

/** A referral (Messenger codes, ads). */
export interface Referral {
  code?: string;
  details?: { source?: string; type?: string; adId?: string | null } | null;
  [field: string]: unknown;
}

/** `conversation:create`. `user` is present for personal conversations. */
export interface ConversationCreateEvent extends EventBase<'conversation:create'> {
  conversation: Conversation;
  creationReason?: Open<
    | 'linkRequest'
    | 'message'
    | 'none'
    | 'notification'
    | 'prechatCapture'
    | 'startConversation'
    | 'proactiveMessaging'
  >;
  source?: EventSource;
  user?: AppUser;
  referral?: Referral | null;
}
/** `conversation:join` / `conversation:leave`: a participant joined or left an sdkGroup conversation. */
export interface ConversationMembershipEvent<
  T extends 'conversation:join' | 'conversation:leave',
> extends EventBase<T> {
  conversation: Conversation;
  user?: AppUser;
}
/** `conversation:remove`: the conversation was deleted. */
export interface ConversationRemoveEvent extends EventBase<'conversation:remove'> {
  conversation: Conversation;
}
/** `conversation:message`: a message was sent. `user` is the author's user when the author is a user. */
export interface ConversationMessageEvent extends EventBase<'conversation:message'> {
  conversation: Conversation;
  message: Message;
  user?: AppUser;
  /** Messages sent with the Notification API since the last user message. */
  recentNotifications: Message[];
}

type DeliveryTrigger =
  | 'conversation:message:delivery:channel'
  | 'conversation:message:delivery:user'
  | 'conversation:message:delivery:failure';
/** `conversation:message:delivery:*`: a message reached (or failed to reach) a channel or user. */
export interface MessageDeliveryEvent<T extends DeliveryTrigger> extends EventBase<T> {
  conversation: Conversation;
  user?: AppUser;
  /** The delivered message: only its `id` is in the payload. */
  message: Message;
  destination?: { type?: string; integrationId?: string; [field: string]: unknown };
  externalMessages?: { id?: string }[] | null;
  isFinalEvent?: boolean;
  /** Failures only. */
  error?: { code?: string; message?: string; [field: string]: unknown };
}

/** `conversation:postback`: a user clicked a postback button. */
export interface ConversationPostbackEvent extends EventBase<'conversation:postback'> {
  conversation: Conversation;
  postback: { payload?: string; metadata?: Plain | null; [field: string]: unknown };
  /** The message whose action was tapped: sent by v1 deliveries only (v2 postbacks carry none). */
  message?: Message;
  user?: AppUser;
  source?: EventSource;
}

/** An activity (read receipt, typing) with its author. */
export interface Activity {
  type?: Open<'conversation:read' | 'typing:start' | 'typing:stop'>;
  source?: EventSource;
  author?: Author;
  [field: string]: unknown;
}
/** `conversation:read` / `conversation:typing`. `user` is the activity author's user when there is one. */
export interface ConversationActivityEvent<
  T extends 'conversation:read' | 'conversation:typing',
> extends EventBase<T> {
  conversation: Conversation;
  activity: Activity;
  user?: AppUser;
}
/** `conversation:referral`: a user was referred to a conversation. */
export interface ConversationReferralEvent extends EventBase<'conversation:referral'> {
  conversation: Conversation;
  user?: AppUser;
  source?: EventSource;
  referral?: Referral;
}

/** `switchboard:*`: control of a conversation moved (or failed to). */
export interface SwitchboardEvent<T extends SwitchboardTrigger> extends EventBase<T> {
  conversation: Conversation;
  metadata?: Plain | null;
  /** passControl / releaseControl only. */
  reason?: Open<'ticketClosed' | 'transferToEmail'>;
  /** `:failure` events only. */
  error?: { code?: string; message?: string; [field: string]: unknown };
}
type SwitchboardTrigger = Extract<WebhookTrigger, `switchboard:${string}`>;

/** A surviving / discarded pair of a merge. */
export interface Merged<M> {
  surviving?: M;
  discarded?: M;
}
/** `user:merge`: two users became one. */
export interface UserMergeEvent extends EventBase<'user:merge'> {
  mergedUsers: Merged<AppUser>;
  mergedConversations?: Merged<Conversation>;
  mergedClients?: Merged<Client>;
  discardedMetadata?: Plain | null;
  reason?: Open<'api' | 'channelLinking' | 'sdkLogin'>;
}
/** `user:update`: a user became authenticated or their locale was detected. */
export interface UserUpdateEvent extends EventBase<'user:update'> {
  user: AppUser;
  reason?: Open<'authentication' | 'localeDetection'>;
  source?: EventSource;
}
/** `user:remove`: a user was deleted. */
export interface UserRemoveEvent extends EventBase<'user:remove'> {
  user: AppUser;
}

/** `passthrough:messaging` and event types this version does not know: the payload as delivered. */
export interface GenericEvent<
  T extends 'passthrough:messaging' | 'unknown' = 'passthrough:messaging' | 'unknown',
> extends EventBase<T> {
  [field: string]: unknown;
}

/**
 * Any event of a delivery; narrow it on `type`.
 * @example
 * for (const event of notification.events) if (event.type === 'user:merge') merge(event.mergedUsers);
 */
export type WebhookEvent =
  | ClientAddEvent
  | ClientRemoveEvent
  | ClientUpdateEvent
  | ConversationCreateEvent
  | ConversationMembershipEvent<'conversation:join'>
  | ConversationMembershipEvent<'conversation:leave'>
  | ConversationRemoveEvent
  | ConversationMessageEvent
  | MessageDeliveryEvent<'conversation:message:delivery:channel'>
  | MessageDeliveryEvent<'conversation:message:delivery:failure'>
  | MessageDeliveryEvent<'conversation:message:delivery:user'>
  | ConversationPostbackEvent
  | ConversationActivityEvent<'conversation:read'>
  | ConversationActivityEvent<'conversation:typing'>
  | ConversationReferralEvent
  | SwitchboardEvent<'switchboard:acceptControl'>
  | SwitchboardEvent<'switchboard:acceptControl:failure'>
  | SwitchboardEvent<'switchboard:offerControl'>
  | SwitchboardEvent<'switchboard:offerControl:failure'>
  | SwitchboardEvent<'switchboard:passControl'>
  | SwitchboardEvent<'switchboard:passControl:failure'>
  | SwitchboardEvent<'switchboard:releaseControl'>
  | UserMergeEvent
  | UserUpdateEvent
  | UserRemoveEvent
  | GenericEvent<'passthrough:messaging'>
  | GenericEvent<'unknown'>;

/** Every value of `event.type`: the 26 triggers and `'unknown'`. */
export type WebhookEventType = WebhookEvent['type'];

/** The event interface of one type. @example type M = EventOf<'conversation:message'>; // ConversationMessageEvent */
export type EventOf<T extends WebhookEventType> = Extract<WebhookEvent, { type: T }>;
