/**
 * What callers pass to `Conversation.create()` and `Conversation.all()`, and the request parts built from it.
 * Pure functions, no I/O: bad input is a TypeError before any request.
 */
import { toWire } from '../wire.js';
import { type UserRef, userIdentity } from './user-ref.js';

/** A participant of a new conversation; `subscribeSDKClient` is required by the API for `sdkGroup`. */
export type ParticipantInput = UserRef & { subscribeSDKClient?: boolean };

/** Fields of a new conversation. `personal` needs exactly one participant; `sdkGroup` up to 10. */
export interface ConversationCreate {
  type: 'personal' | 'sdkGroup';
  participants?: ParticipantInput[];
  displayName?: string;
  description?: string;
  iconUrl?: string;
  metadata?: Record<string, unknown>;
}

/** The fields UpdateConversation accepts (`Conversation.update`): those `save()` may send. */
export type ConversationUpdate = Partial<
  Pick<ConversationCreate, 'displayName' | 'description' | 'iconUrl' | 'metadata'>
>;

/**
 * The query of ListConversations: exactly one of `filter[userId]` / `filter[userExternalId]` (the API requires
 * one), else a TypeError before any request.
 * @example filterQuery({ userId: 'u1' }) // { 'filter[userId]': 'u1' }
 */
export function filterQuery(
  filter: { userId?: string; userExternalId?: string } | undefined,
): Record<string, string> {
  const { userId, userExternalId } = filter ?? {};
  const given = [userId, userExternalId].filter((v) => v !== undefined);
  if (given.length !== 1 || !given.every((v) => typeof v === 'string' && v.length > 0)) {
    throw new TypeError(
      'Conversation.all() needs exactly one of { userId } or { userExternalId } (the API requires it)',
    );
  }
  return userId !== undefined ? { 'filter[userId]': userId } : { 'filter[userExternalId]': userExternalId! };
}

/**
 * The CreateConversation body; AppUsers among the participants become `{ userId }`.
 * @example createBody({ type: 'personal', participants: [user] }) // { type: 'personal', participants: [{ userId }] }
 */
export function createBody(fields: ConversationCreate): Record<string, unknown> {
  if (!fields || typeof fields.type !== 'string' || fields.type.length === 0) {
    throw new TypeError("Conversation.create() needs a type: 'personal' or 'sdkGroup'");
  }
  if (fields.participants !== undefined && !Array.isArray(fields.participants)) {
    throw new TypeError('participants must be an array of AppUser, { userId } or { userExternalId }');
  }
  const participants = fields.participants?.map((p) => ({
    ...userIdentity(p, 'Each participant must be an AppUser, { userId } or { userExternalId }'),
    ...(p.subscribeSDKClient !== undefined ? { subscribeSDKClient: p.subscribeSDKClient } : {}),
  }));
  return toWire({ ...fields, participants }) as Record<string, unknown>;
}
