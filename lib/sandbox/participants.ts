/**
 * Participants: JoinConversation (sdkGroup conversations only), LeaveConversation, ListParticipants.
 */
import { ANY, type Context, type Route } from './context.js';
import { badRequest, conflict, notFound } from './errors.js';
import { newId } from './ids.js';
import { conversationOf, conversationTruncated, userOf, userTruncated } from './lookup.js';
import { page } from './paging.js';
import type { ConversationRecord, UserRecord, Wire } from './store.js';
import { bodyObject, flag, onlyFields, text } from './validate.js';

const base = '/v2/apps/:appId/conversations/:conversationId';

/** The routes of participants. */
export const participantRoutes: Route[] = [
  { operation: 'JoinConversation', method: 'POST', pattern: `${base}/join`, scopes: ANY, handler: join },
  { operation: 'LeaveConversation', method: 'POST', pattern: `${base}/leave`, scopes: ANY, handler: leave },
  {
    operation: 'ListParticipants',
    method: 'GET',
    pattern: `${base}/participants`,
    scopes: ANY,
    handler: listParticipants,
  },
];

/** A new participant record for `user`. */
export function participantFor(user: UserRecord): ConversationRecord['participants'][number] {
  const participant: ConversationRecord['participants'][number] = {
    id: newId(),
    userId: user.wire.id,
    unreadCount: 0,
    lastRead: null,
    clientAssociations: [...user.clients.values()]
      .filter((client) => client.status === 'active')
      .map((client) => ({ type: client.type, clientId: client.id })),
  };
  if (user.wire.externalId !== undefined) participant.userExternalId = user.wire.externalId;
  return participant;
}

function join(ctx: Context) {
  const conversation = conversationOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, ['userId', 'userExternalId', 'subscribeSDKClient']);
  flag(body, 'subscribeSDKClient');
  const user = userOf(ctx, requiredUser(body));
  if (conversation.wire.type !== 'sdkGroup') throw badRequest('Only sdkGroup conversations can be joined');
  if (conversation.participants.some((p) => p.userId === user.wire.id)) {
    throw conflict('The user is already a participant');
  }
  if (conversation.participants.length >= 10000) throw badRequest('Too many participants');
  const participant = participantFor(user);
  conversation.participants.push(participant);
  ctx.emit('conversation:join', {
    conversation: conversationTruncated(conversation),
    user: userTruncated(user),
  });
  return { status: 201, body: { participant: structuredClone(participant) } };
}

function leave(ctx: Context) {
  const conversation = conversationOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, ['userId', 'userExternalId', 'participantId']);
  const participantId = text(body, 'participantId');
  const userId = participantId ? undefined : userOf(ctx, requiredUser(body)).wire.id;
  const index = conversation.participants.findIndex((p) =>
    participantId ? p.id === participantId : p.userId === userId,
  );
  if (index < 0) throw notFound('not_found', 'Participant');
  const [participant] = conversation.participants.splice(index, 1);
  const user = ctx.app.users.get(participant!.userId);
  if (user) {
    ctx.emit('conversation:leave', {
      conversation: conversationTruncated(conversation),
      user: userTruncated(user),
    });
  }
  return { body: {} };
}

function listParticipants(ctx: Context) {
  const conversation = conversationOf(ctx);
  const { items, meta, links } = page(ctx, conversation.participants);
  return { body: { participants: items.map((item) => structuredClone(item)), meta, links } };
}

function requiredUser(body: Wire): string {
  const id = text(body, 'userId') ?? text(body, 'userExternalId');
  if (!id) throw badRequest('userId or userExternalId is required');
  return id;
}
