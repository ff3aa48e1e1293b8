/**
 * PostActivity: read receipts and typing indicators. A user author may only send `conversation:read`.
 */
import { ANY, type Context, type Route } from './context.js';
import { badRequest } from './errors.js';
import { now } from './ids.js';
import { conversationOf, conversationTruncated } from './lookup.js';
import { authorOf } from './messages.js';
import { bodyObject, onlyFields, record, text } from './validate.js';

/** The route of activities. */
export const activityRoutes: Route[] = [
  {
    operation: 'PostActivity',
    method: 'POST',
    pattern: '/v2/apps/:appId/conversations/:conversationId/activity',
    scopes: ANY,
    handler: post,
  },
];

function post(ctx: Context) {
  const conversation = conversationOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, ['author', 'type']);
  const author = record(body, 'author');
  if (!author) throw badRequest('author is required');
  const type = text(body, 'type', {
    required: true,
    oneOf: ['conversation:read', 'typing:start', 'typing:stop'],
  });
  const { wire, user } = authorOf(ctx, conversation, author);
  if (user && type !== 'conversation:read') throw badRequest('A user author may only send conversation:read');
  const timestamp = now();
  if (type === 'conversation:read' && !user) conversation.wire.businessLastRead = timestamp;
  if (user) {
    const participant = conversation.participants.find((p) => p.userId === user.wire.id)!;
    participant.unreadCount = 0;
    participant.lastRead = timestamp;
    const activity = {
      type,
      author: { type: 'user', userId: wire.userId },
      source: { type: 'api:conversations' },
    };
    ctx.emit('conversation:read', { conversation: conversationTruncated(conversation), activity });
  }
  return { body: {} };
}
