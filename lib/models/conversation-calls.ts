/**
 * The plumbing behind Conversation's instance methods: posting to its sub-resources (messages, activity,
 * join / leave, switchboard actions, download, conversion events) and hydrating what comes back.
 * `Conversation` keeps the public methods as one-liners that delegate here.
 */
import type { MediaSource } from '../media.js';
import {
  type Binding,
  callOptions,
  hydrateReceived,
  type InstanceCallOptions,
  requireAppId,
} from '../model.js';
import { ParseError } from '../errors.js';
import { Attachment } from './attachment.js';
import { type ConversionChannel, conversionBody } from './conversation-control.js';
import { type ContentInput, FileContent, ImageContent } from './content/index.js';
import { Message, withConversation } from './message.js';
import { postBody, type ReplyOptions } from './message-post.js';
import { Participant } from './participant.js';
import { type UserRef, userIdentity } from './user-ref.js';

/** The conversation the calls are about: its id, its binding, and its paths. */
export interface ConversationTarget {
  id: string;
  binding: Binding;
  /** The conversation's path, or one of its sub-resources (`messages`, `join`, ...). */
  url(child?: string): string;
}

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
 * POSTs `json` to a sub-resource of the conversation and resolves to the answer.
 * @example await post(target, 'passControl', { switchboardIntegration: 'next' }, {});
 */
export function post(
  target: ConversationTarget,
  child: string,
  json: Record<string, unknown>,
  options: InstanceCallOptions,
): Promise<Record<string, unknown>> {
  const request = { ...callOptions(options), method: 'POST' as const, path: target.url(child), json };
  return target.binding.connection.request<Record<string, unknown>>(request);
}

/** PostMessage; every message it created, bound to the conversation (at least one, else a ParseError). */
export async function postMessages(
  target: ConversationTarget,
  content: string | ContentInput,
  options: ReplyOptions,
): Promise<Message[]> {
  const body = await post(target, 'messages', postBody(content, options), options);
  const messages = ((body.messages as unknown[]) ?? []).map((plain) =>
    withConversation(hydrateReceived(Message, plain, target.binding), target.id),
  );
  if (messages.length === 0) {
    throw new ParseError('PostMessage answered without messages', JSON.stringify(body).slice(0, 120));
  }
  return messages;
}

/** UploadAttachment to the conversation, then PostMessage of an `image` or `file` message with it. */
export async function postMedia(
  target: ConversationTarget,
  source: MediaSource,
  options: MediaReplyOptions,
): Promise<Message> {
  const { text, altText, filename, mediaType, ...reply } = options;
  const attachment = await Attachment.upload(source, {
    ...callOptions(options),
    connection: target.binding.connection,
    appId: requireAppId(target.binding),
    conversationId: target.id,
    for: 'message',
    access: 'public',
    filename,
    mediaType,
  });
  // The seed's post_media: images show inline, anything else as a downloadable file.
  const Kind = attachment.mediaType?.startsWith('image/') ? ImageContent : FileContent;
  const [first] = await postMessages(target, Kind.of(attachment.mediaUrl, { text, altText }), reply);
  return first!;
}

/** Options of `join()`: whether the user's SDK client is subscribed too, and the call options. */
export type JoinOptions = InstanceCallOptions & { subscribeSDKClient?: boolean };

/** JoinConversation; the new participant. */
export async function join(
  target: ConversationTarget,
  user: UserRef,
  options: JoinOptions,
): Promise<Participant> {
  const { subscribeSDKClient } = options;
  const json = { ...userIdentity(user), ...(subscribeSDKClient !== undefined ? { subscribeSDKClient } : {}) };
  const body = await post(target, 'join', json, options);
  return hydrateReceived(Participant, body.participant, target.binding);
}

/** PostConversionEvents; the API's `conversionEvents` answer. */
export async function postConversionEvents(
  target: ConversationTarget,
  channel: ConversionChannel,
  payload: Record<string, unknown>,
  options: InstanceCallOptions,
): Promise<Record<string, unknown>> {
  const body = await post(target, 'conversionEvents', conversionBody(channel, payload), options);
  return (body.conversionEvents ?? body) as Record<string, unknown>;
}
