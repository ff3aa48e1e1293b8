/**
 * For models that live under a user (`/users/{userIdOrExternalId}/clients`, `/devices`): resolving the user a
 * call names, and remembering it on each instance for the instance's own paths.
 */
import type { CallOptions } from '../connection.js';
import { type Binding, bindingOf, type Model } from '../model.js';

/** A user as client and device calls take it: an `AppUser` (or anything with an `id`), or an id / externalId. */
export type UserOrId = { id: string } | string;

/**
 * The user's id (or externalId) for a path, and the binding of the call: an `AppUser` brings the connection
 * and app it came from, unless `options` name others.
 * @example const { userId, binding } = userBinding(user, options);
 */
export function userBinding(user: UserOrId, options: CallOptions = {}): { userId: string; binding: Binding } {
  if (typeof user === 'string') {
    if (user.length === 0) throw new TypeError('A user id or externalId must be a non-empty string');
    return { userId: user, binding: bindingOf(options) };
  }
  const id = (user as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError('A user must be an AppUser or a non-empty user id / externalId');
  }
  const model = user as Partial<Pick<Model, 'connection'>> & { appId?: string };
  if (!('connection' in model) || options.connection) return { userId: id, binding: bindingOf(options) };
  return {
    userId: id,
    binding: bindingOf({ connection: model.connection, appId: options.appId ?? ownAppId(model) }),
  };
}

/**
 * Marks `model` as belonging to `userId`. Not enumerable: it is not a wire field and must not be sent or shown.
 * @example return withUser(client, userId);
 */
export function withUser<M extends Model>(model: M, userId: string): M {
  Object.defineProperty(model, 'userId', { value: userId, enumerable: false, configurable: true });
  return model;
}

/** The app of a model instance, or undefined when it has none (the call then falls back to its connection's). */
function ownAppId(model: { appId?: string }): string | undefined {
  try {
    return model.appId;
  } catch {
    return undefined;
  }
}
