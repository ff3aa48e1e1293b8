/**
 * For models that live under a user (`/users/{userIdOrExternalId}/clients`, `/devices`): resolving the user a
 * call names (lib/resource.ts remembers it, and its brand, on each instance for the instance's own paths).
 */
import type { CallOptions } from '../connection/index.js';
import { bindingOf, type Model } from '../model.js';
import type { Owner } from '../resource.js';

/** A user as client and device calls take it: an `AppUser` (or anything with an `id`), or an id / externalId. */
export type UserOrId = { id: string; brandId?: string } | string;

/** Options of calls that name a user by externalId or identity: a brand-separated user also needs its brand. */
export type UserLookupOptions = CallOptions & { brandId?: string };

/**
 * The owner of a call under a user: the user's id (or externalId) for the path, its brand, and the binding. An
 * `AppUser` brings the connection, app and brand it came from, unless `options` name others.
 * @example const { id, brandId, binding } = userOwner(user, options);
 */
export function userOwner(user: UserOrId, options: UserLookupOptions = {}): Owner {
  if (typeof user === 'string') {
    if (user.length === 0) throw new TypeError('A user id or externalId must be a non-empty string');
    return { id: user, brandId: options.brandId, binding: bindingOf(options) };
  }
  const id = (user as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError('A user must be an AppUser or a non-empty user id / externalId');
  }
  const own = typeof user.brandId === 'string' && user.brandId ? user.brandId : undefined;
  const model = user as Partial<Pick<Model, 'connection'>> & { appId?: string };
  // An AppUser's own connection and app, unless the options name a connection.
  const via =
    'connection' in model && !options.connection
      ? { connection: model.connection, appId: options.appId ?? ownAppId(model) }
      : options;
  return { id, brandId: options.brandId ?? own, binding: bindingOf(via) };
}

/** The app of a model instance, or undefined when it has none (the call then falls back to its connection's). */
function ownAppId(model: { appId?: string }): string | undefined {
  try {
    return model.appId;
  } catch {
    return undefined;
  }
}
