/**
 * Finding records named by a request (404 with the spec's codes) and the wire views events and lists share.
 */
import type { Context } from './context.js';
import { notFound } from './errors.js';
import { type AppState, type ConversationRecord, findUser, type UserRecord, type Wire } from './store.js';

/** The user named by `{userIdOrExternalId}`, or a 404 `user_not_found`. @example userOf(ctx) */
export function userOf(ctx: Context, idOrExternalId = ctx.params.userId!): UserRecord {
  const user = findUser(ctx.app, idOrExternalId);
  if (!user) throw notFound('user_not_found', 'User');
  return user;
}

/** The conversation named by the path, or a 404 `conversation_not_found`. @example conversationOf(ctx) */
export function conversationOf(ctx: Context, id = ctx.params.conversationId!): ConversationRecord {
  const conversation = ctx.app.conversations.get(id);
  if (!conversation) throw notFound('conversation_not_found', 'Conversation');
  return conversation;
}

/** The full wire user (a copy). */
export function userView(user: UserRecord): Wire {
  return structuredClone(user.wire);
}

/** The truncated user events carry: id, authenticated, externalId. */
export function userTruncated(user: UserRecord): Wire {
  const { id, authenticated, externalId } = user.wire;
  return externalId === undefined ? { id, authenticated } : { id, authenticated, externalId };
}

/** The full wire conversation (a copy). */
export function conversationView(conversation: ConversationRecord): Wire {
  return structuredClone(conversation.wire);
}

/** The truncated conversation events carry. */
export function conversationTruncated(conversation: ConversationRecord): Wire {
  const { id, type, metadata, activeSwitchboardIntegration, pendingSwitchboardIntegration } =
    conversation.wire;
  return structuredClone({ id, type, metadata, activeSwitchboardIntegration, pendingSwitchboardIntegration });
}

/** The conversations `user` takes part in, in creation order. */
export function conversationsOf(app: AppState, user: UserRecord): ConversationRecord[] {
  return [...app.conversations.values()].filter((conversation) =>
    conversation.participants.some((participant) => participant.userId === user.wire.id),
  );
}

/** A user's first personal conversation: the one the API calls default. */
export function defaultConversationOf(app: AppState, user: UserRecord): ConversationRecord | undefined {
  return conversationsOf(app, user).find((conversation) => conversation.wire.isDefault === true);
}
