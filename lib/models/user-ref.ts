/**
 * How calls name a user or participant: an `AppUser` (or anything with an `id`), `{ userId }`,
 * `{ userExternalId }`, or, where the API allows it, a `Participant` / `{ participantId }`.
 * Checked by shape, not `instanceof AppUser`, so conversation code never imports the AppUser module at run time.
 */
import { Participant } from './participant.js';

/** A user as `join()`, `reply({ as })`, `markRead({ as })` and `Conversation.create()` accept one. */
export type UserRef = { id: string } | { userId: string } | { userExternalId: string; brandId?: string };

/** The user fields of a request body: `{ userId }` or `{ userExternalId }`. */
export type UserIdentity = { userId: string } | { userExternalId: string };

/** `leave()` also takes a participant. */
export type ParticipantRef = UserRef | Participant | { participantId: string };

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * The `{ userId }` / `{ userExternalId }` of a user reference; a TypeError before any request otherwise.
 * @example userIdentity(user) // { userId: '5963c0d6...' }
 */
export function userIdentity(
  ref: UserRef,
  problem = 'A user must be an AppUser, { userId } or { userExternalId }',
): UserIdentity {
  const r = (ref ?? {}) as Record<string, unknown>;
  if (nonEmpty(r.userId)) return { userId: r.userId };
  if (nonEmpty(r.userExternalId)) return { userExternalId: r.userExternalId };
  if (nonEmpty(r.id)) return { userId: r.id };
  throw new TypeError(problem);
}

/**
 * The body of LeaveConversation: `{ participantId }` for a participant, else the user's identity.
 * @example leaveIdentity(participant) // { participantId: 'c93bb9c1...' }
 */
export function leaveIdentity(ref: ParticipantRef): UserIdentity | { participantId: string } {
  if (ref instanceof Participant) {
    if (!nonEmpty(ref.id)) throw new TypeError('The participant has no id');
    return { participantId: ref.id };
  }
  const r = (ref ?? {}) as Record<string, unknown>;
  if (nonEmpty(r.participantId)) return { participantId: r.participantId };
  return userIdentity(
    ref as UserRef,
    'leave() needs an AppUser, a Participant, { userId }, { userExternalId } or { participantId }',
  );
}
