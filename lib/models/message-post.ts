/**
 * The bodies of PostMessage and PostActivity, built from what callers pass to `reply()`, `typing()` and
 * `markRead()`. Pure functions, no I/O: every bad input is a TypeError before any request.
 */
import type { InstanceCallOptions } from '../model.js';
import { type ContentInput, contentOf } from './content/index.js';
import { type UserRef, userIdentity } from './user-ref.js';

/** Options of `conversation.reply()`. */
export interface ReplyOptions extends InstanceCallOptions {
  /** Post as this user (author `user`); without it the business posts (author `business`). */
  as?: UserRef;
  metadata?: Record<string, unknown>;
  /** Channel targeting: `{ integrationId }` or `{ integrationType }` (`'none'` sends a silent message). */
  destination?: { integrationId: string } | { integrationType: string };
  /** A raw payload per channel (`{ whatsapp: { payload } }`, ...) sent instead of the content there. */
  override?: Record<string, unknown>;
  /** `'whatsapp'` when `content` follows WhatsApp's native template schema. */
  schema?: 'whatsapp' | string;
  /** The author's name shown with the message (seed 001 posts as "Steve"; a named admin reply). */
  displayName?: string;
  /** The author's avatar shown with the message: an http(s) URL. */
  avatarUrl?: string;
}

/** The author of a post: the business by default, or `{ type: 'user', userId | userExternalId }` with `as`. */
export function authorOf(as: UserRef | undefined): Record<string, unknown> {
  if (as === undefined) return { type: 'business' };
  const identity = userIdentity(as, '`as` must be an AppUser, { userId } or { userExternalId }');
  // A brand-separated user named by external id also needs its brand (author.brandId in the spec).
  const brandId = 'userExternalId' in identity ? (as as { brandId?: unknown }).brandId : undefined;
  return { type: 'user', ...identity, ...(typeof brandId === 'string' && brandId ? { brandId } : {}) };
}

/**
 * The PostMessage body: `{ author, content, destination?, metadata?, override?, schema? }`.
 * @example postBody('Hi', {}) // { author: { type: 'business' }, content: { type: 'text', text: 'Hi' } }
 */
export function postBody(content: string | ContentInput, options: ReplyOptions): Record<string, unknown> {
  const author = { ...authorOf(options.as), ...shownAs(options) };
  const body: Record<string, unknown> = { author, content: contentOf(content) };
  for (const key of ['destination', 'metadata', 'override', 'schema'] as const) {
    if (options[key] !== undefined) body[key] = options[key];
  }
  return body;
}

/** The `displayName` / `avatarUrl` of a post's author, checked: non-empty strings, the avatar an http(s) URL. */
function shownAs(options: Pick<ReplyOptions, 'displayName' | 'avatarUrl'>): Record<string, string> {
  const out: Record<string, string> = {};
  const { displayName, avatarUrl } = options;
  if (displayName !== undefined) {
    if (typeof displayName !== 'string' || displayName.length === 0) {
      throw new TypeError(`displayName must be a non-empty string, got ${JSON.stringify(displayName)}`);
    }
    out.displayName = displayName;
  }
  if (avatarUrl !== undefined) {
    if (typeof avatarUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(avatarUrl)) {
      throw new TypeError(`avatarUrl must be an http(s) URL, got ${JSON.stringify(avatarUrl)}`);
    }
    out.avatarUrl = avatarUrl;
  }
  return out;
}

/** The activities of PostActivity. A user author may only send `conversation:read`. */
export type ActivityType = 'typing:start' | 'typing:stop' | 'conversation:read';

/** The PostActivity body. @example activityBody('typing:start') // { author: { type: 'business' }, type: 'typing:start' } */
export function activityBody(type: ActivityType, as?: UserRef): Record<string, unknown> {
  return { author: authorOf(as), type };
}
