/**
 * For models that live under a user (`/users/{userIdOrExternalId}/clients`, `/devices`): resolving the user a
 * call names, and remembering it on each instance for the instance's own paths.
 */
import type { CallOptions } from '../connection/index.js';
import { attach, type Binding, bindingOf, type Model } from '../model.js';

/** A user as client and device calls take it: an `AppUser` (or anything with an `id`), or an id / externalId. */
export type UserOrId = { id: string; brandId?: string } | string;

/** Options of calls that name a user by externalId or identity: a brand-separated user also needs its brand. */
export type UserLookupOptions = CallOptions & { brandId?: string };

/** The user part of a call: the id (or externalId) for the path, its brand, and the binding. */
export interface UserCall {
  userId: string;
  /** The `brandId` query (brandIdQuery in the spec): the option, else the AppUser's own, else undefined. */
  brandId: string | undefined;
  binding: Binding;
}

/**
 * The user's id (or externalId) for a path, its brand and the binding of the call: an `AppUser` brings the
 * connection, app and brand it came from, unless `options` name others.
 * @example const { userId, brandId, binding } = userBinding(user, options);
 */
export function userBinding(user: UserOrId, options: UserLookupOptions = {}): UserCall {
  if (typeof user === 'string') {
    if (user.length === 0) throw new TypeError('A user id or externalId must be a non-empty string');
    return { userId: user, brandId: options.brandId, binding: bindingOf(options) };
  }
  const id = (user as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError('A user must be an AppUser or a non-empty user id / externalId');
  }
  const own = typeof user.brandId === 'string' && user.brandId ? user.brandId : undefined;
  const brandId = options.brandId ?? own;
  const model = user as Partial<Pick<Model, 'connection'>> & { appId?: string };
  if (!('connection' in model) || options.connection) {
    return { userId: id, brandId, binding: bindingOf(options) };
  }
  const appId = options.appId ?? ownAppId(model);
  return { userId: id, brandId, binding: bindingOf({ connection: model.connection, appId }) };
}

/**
 * Marks `model` as belonging to the user of `call` (hidden `userId` and `userBrandId`), for its own paths.
 * @example return withUser(client, { userId, brandId });
 */
export function withUser<M extends Model>(model: M, call: Pick<UserCall, 'userId' | 'brandId'>): M {
  return attach(attach(model, 'userId', call.userId), 'userBrandId', call.brandId);
}

/** The app of a model instance, or undefined when it has none (the call then falls back to its connection's). */
function ownAppId(model: { appId?: string }): string | undefined {
  try {
    return model.appId;
  } catch {
    return undefined;
  }
}
