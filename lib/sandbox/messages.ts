/**
 * Messages: PostMessage (201 `{messages: [...]}`, 423 at 30,000 messages), ListMessages (pages of 100,
 * newest page first, `page[before]` to go back), DeleteAllMessages, DeleteMessage.
 */
import { ANY, type Context, type QueuedEvent, type Route } from './context.js';
import { badRequest, notFound, SandboxHttpError } from './errors.js';
import { newId, now } from './ids.js';
import { conversationOf, conversationTruncated, userOf, userView } from './lookup.js';
import { validateContent } from './message-content.js';
import { page } from './paging.js';
import type { AppState, ConversationRecord, SandboxStore, UserRecord, Wire } from './store.js';
import { ensureActive } from './switchboard-state.js';
import { bodyObject, metadata, onlyFields, record, text } from './validate.js';

const base = '/v2/apps/:appId/conversations/:conversationId/messages';

/** The routes of messages. */
export const messageRoutes: Route[] = [
  { operation: 'PostMessage', method: 'POST', pattern: base, scopes: ANY, handler: postMessage },
  { operation: 'ListMessages', method: 'GET', pattern: base, scopes: ANY, handler: listMessages },
  {
    operation: 'DeleteAllMessages',
    method: 'DELETE',
    pattern: base,
    scopes: ANY,
    handler: deleteAllMessages,
  },
  {
    operation: 'DeleteMessage',
    method: 'DELETE',
    pattern: `${base}/:messageId`,
    scopes: ANY,
    handler: deleteMessage,
  },
];

function postMessage(ctx: Context) {
  const conversation = conversationOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, ['author', 'content', 'destination', 'metadata', 'override', 'schema']);
  const author = record(body, 'author');
  const content = record(body, 'content');
  if (!author) throw badRequest('author is required');
  if (!content) throw badRequest('content is required');
  const meta = metadata(body);
  const { wire: authorWire, user } = authorOf(ctx, conversation, author);
  validateContent(content, ctx.app);
  const integrationId = ctx.principal.key.integrationId;
  const message: Wire & { id: string } = {
    id: newId(),
    received: now(),
    author: authorWire,
    content: structuredClone(content),
    source: integrationId ? { type: 'api:conversations', integrationId } : { type: 'api:conversations' },
    ...(meta ? { metadata: meta } : {}),
  };
  // A standby integration may post too (the API does not refuse it); control stays where it was.
  const event = appendMessage(ctx.store, ctx.app, conversation, message, user);
  ctx.emit(event.type, event.payload, event.extras);
  return { status: 201, body: { messages: [structuredClone(message)] } };
}

function listMessages(ctx: Context) {
  const conversation = conversationOf(ctx);
  const { items, meta, links } = page(ctx, conversation.messages, { newestFirst: true });
  return { body: { messages: items.map((item) => structuredClone(item)), meta, links } };
}

function deleteAllMessages(ctx: Context) {
  conversationOf(ctx).messages = [];
  return { body: {} };
}

function deleteMessage(ctx: Context) {
  const conversation = conversationOf(ctx);
  const index = conversation.messages.findIndex((message) => message.id === ctx.params.messageId);
  if (index < 0) throw notFound('not_found', 'Message');
  conversation.messages.splice(index, 1);
  return { body: {} };
}

/**
 * Stores a message in its conversation (423 `locked` at the message limit), counts it unread for the other
 * participants, and returns its `conversation:message` event.
 * @example const event = appendMessage(store, app, conversation, message, user);
 */
export function appendMessage(
  store: SandboxStore,
  app: AppState,
  conversation: ConversationRecord,
  message: Wire & { id: string },
  user: UserRecord | undefined,
): QueuedEvent {
  const limit = store.messageLimit;
  if (conversation.messages.length >= limit) {
    throw new SandboxHttpError(423, 'locked', `Message limit of ${limit} per conversation reached.`);
  }
  conversation.messages.push(message);
  ensureActive(app, conversation);
  conversation.wire.lastUpdatedAt = message.received;
  for (const participant of conversation.participants) {
    if (participant.userId !== user?.wire.id) participant.unreadCount = Number(participant.unreadCount) + 1;
  }
  return {
    type: 'conversation:message',
    payload: { conversation: conversationTruncated(conversation), message: structuredClone(message) },
    extras: user ? { fullUser: userView(user) } : {},
  };
}

/** The author as stored: a business (optional name and avatar) or a participating user. */
export function authorOf(ctx: Context, conversation: ConversationRecord, author: Wire) {
  const type = text(author, 'type', { required: true, oneOf: ['business', 'user'] });
  const displayName = text(author, 'displayName');
  const avatarUrl = text(author, 'avatarUrl');
  const names = { ...(displayName ? { displayName } : {}), ...(avatarUrl ? { avatarUrl } : {}) };
  if (type === 'business') {
    const subtypes = author.subtypes;
    return { wire: { type, ...(Array.isArray(subtypes) ? { subtypes } : {}), ...names }, user: undefined };
  }
  const id = text(author, 'userId') ?? text(author, 'userExternalId');
  if (!id) throw badRequest('A user author needs author.userId or author.userExternalId');
  const user = userOf(ctx, id);
  if (!conversation.participants.some((participant) => participant.userId === user.wire.id)) {
    throw badRequest('The author is not a participant of this conversation');
  }
  const profile = user.wire.profile as Wire;
  const name = [profile.givenName, profile.surname].filter(Boolean).join(' ');
  return { wire: { type, userId: user.wire.id, ...(name ? { displayName: name } : {}), ...names }, user };
}
