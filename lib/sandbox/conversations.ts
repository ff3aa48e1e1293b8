/**
 * Conversations: CreateConversation (a user's first personal conversation is their default one),
 * ListConversations (`filter[userId]` or `filter[userExternalId]` required), GetConversation,
 * UpdateConversation, DeleteConversation.
 */
import { ANY, type Context, type Route } from './context.js';
import { badRequest } from './errors.js';
import { newId, now } from './ids.js';
import {
  conversationOf,
  conversationsOf,
  conversationTruncated,
  conversationView,
  defaultConversationOf,
  userOf,
  userView,
} from './lookup.js';
import { page } from './paging.js';
import { participantFor } from './participants.js';
import type { AppState, ConversationRecord, UserRecord, Wire } from './store.js';
import { ensureActive } from './switchboard-state.js';
import { bodyObject, isPlainObject, mergePatch, metadata, onlyFields, text, url } from './validate.js';

const one = '/v2/apps/:appId/conversations/:conversationId';
const FIELDS = ['displayName', 'description', 'iconUrl', 'metadata'];

/** The routes of conversations. */
export const conversationRoutes: Route[] = [
  {
    operation: 'CreateConversation',
    method: 'POST',
    pattern: '/v2/apps/:appId/conversations',
    scopes: ANY,
    handler: createConversation,
  },
  {
    operation: 'ListConversations',
    method: 'GET',
    pattern: '/v2/apps/:appId/conversations',
    scopes: ANY,
    handler: listConversations,
  },
  {
    operation: 'GetConversation',
    method: 'GET',
    pattern: one,
    scopes: ANY,
    handler: (ctx) => ({ body: { conversation: view(ctx) } }),
  },
  {
    operation: 'UpdateConversation',
    method: 'PATCH',
    pattern: one,
    scopes: ANY,
    handler: updateConversation,
  },
  {
    operation: 'DeleteConversation',
    method: 'DELETE',
    pattern: one,
    scopes: ANY,
    handler: deleteConversation,
  },
];

function createConversation(ctx: Context) {
  const body = bodyObject(ctx.body);
  onlyFields(body, ['type', 'participants', ...FIELDS]);
  const type = text(body, 'type', { required: true, oneOf: ['personal', 'sdkGroup'] }) as
    'personal' | 'sdkGroup';
  const users = participantsOf(ctx, body.participants);
  if (type === 'personal' && users.length !== 1) {
    throw badRequest('A personal conversation has exactly one participant');
  }
  const conversation = newConversation(ctx.app, type, users);
  applyFields(conversation, body);
  ensureActive(ctx.app, conversation);
  ctx.app.conversations.set(conversation.wire.id, conversation);
  const user = type === 'personal' ? userView(users[0]!) : null;
  ctx.emit('conversation:create', {
    conversation: conversationTruncated(conversation),
    creationReason: 'none',
    source: { type: 'api:conversations' },
    user,
  });
  return { status: 201, body: { conversation: conversationView(conversation) } };
}

/**
 * A new conversation record of `users` (not stored yet): a user's first personal conversation is their default.
 * @example const conversation = newConversation(app, 'personal', [user]);
 */
export function newConversation(
  app: AppState,
  type: 'personal' | 'sdkGroup',
  users: UserRecord[],
): ConversationRecord {
  const timestamp = now();
  return {
    wire: {
      id: newId(),
      type,
      isDefault: type === 'personal' && !defaultConversationOf(app, users[0]!),
      metadata: null,
      activeSwitchboardIntegration: null,
      pendingSwitchboardIntegration: null,
      businessLastRead: null,
      lastUpdatedAt: timestamp,
      createdAt: timestamp,
    },
    participants: users.map((user) => participantFor(user)),
    messages: [],
  };
}

function listConversations(ctx: Context) {
  const userId = ctx.query.get('filter[userId]');
  const externalId = ctx.query.get('filter[userExternalId]');
  if (!userId && !externalId) {
    throw badRequest('filter[userId] or filter[userExternalId] is required');
  }
  const user = userId ? userOf(ctx, userId) : userOf(ctx, externalId!);
  if (userId && externalId && user.wire.externalId !== externalId) {
    throw badRequest('filter[userId] and filter[userExternalId] name different users');
  }
  const conversations = conversationsOf(ctx.app, user).map((conversation) => conversation.wire);
  const { items, meta, links } = page(ctx, conversations);
  return { body: { conversations: items.map((wire) => structuredClone(wire)), meta, links } };
}

function updateConversation(ctx: Context) {
  const conversation = conversationOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, FIELDS);
  applyFields(conversation, body);
  conversation.wire.lastUpdatedAt = now();
  return { body: { conversation: conversationView(conversation) } };
}

function deleteConversation(ctx: Context) {
  const conversation = conversationOf(ctx);
  if (conversation.wire.isDefault) throw badRequest('The default conversation of a user cannot be deleted');
  ctx.app.conversations.delete(conversation.wire.id);
  ctx.emit('conversation:remove', { conversation: conversationTruncated(conversation) });
  return { body: {} };
}

function view(ctx: Context): Wire {
  return conversationView(conversationOf(ctx));
}

function participantsOf(ctx: Context, value: unknown): UserRecord[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 10)
    throw badRequest('participants must be an array of at most 10');
  return value.map((entry: unknown) => {
    if (!isPlainObject(entry)) throw badRequest('Each participant must be an object');
    const id = text(entry, 'userId') ?? text(entry, 'userExternalId');
    if (!id) throw badRequest('Each participant needs a userId or a userExternalId');
    return userOf(ctx, id);
  });
}

function applyFields(conversation: ConversationRecord, body: Wire): void {
  const wire = conversation.wire;
  const displayName = text(body, 'displayName', { max: 100, nullable: true });
  const description = text(body, 'description', { max: 100, nullable: true });
  if (body.iconUrl !== null) url(body, 'iconUrl');
  const meta = metadata(body);
  if (displayName !== undefined) wire.displayName = displayName;
  if (description !== undefined) wire.description = description;
  if (body.iconUrl !== undefined) wire.iconUrl = body.iconUrl;
  if (meta !== undefined)
    wire.metadata = meta === null ? null : mergePatch(wire.metadata as Wire | null, meta);
}
