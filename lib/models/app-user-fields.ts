/**
 * The shapes of a user's fields, shared by `AppUser` and the calls behind its statics (app-user-calls.ts), so
 * that neither module imports the other for them.
 */

/**
 * A user's profile; unknown fields (`localeOrigin`, ...) are kept.
 * @example user.profile.email = 'bob@example.com'; await user.save(); // PATCH { profile: { email: ... } }
 */
export class Profile {
  givenName?: string;
  surname?: string;
  email?: string;
  avatarUrl?: string;
  locale?: string;
  [field: string]: unknown;
}

/** An identity of a user (for example a verified email). */
export interface Identity {
  type: string;
  value: string;
  verification?: string;
}

/** The fields of a new user (CreateUser). Give an `externalId` to find the user again by your own id. */
export interface AppUserCreate {
  externalId?: string;
  /** For a brand-separated user. */
  brandId?: string;
  signedUpAt?: Date | string;
  toBeRetained?: boolean;
  profile?: Partial<Profile>;
  metadata?: Record<string, unknown>;
}

/** The fields UpdateUser accepts (`AppUser.update`): those `save()` may send. */
export type AppUserUpdate = Pick<AppUserCreate, 'signedUpAt' | 'toBeRetained' | 'profile' | 'metadata'>;

/**
 * Checks the fields of CreateUser before any request.
 * @example checkUserCreate({ externalId: '' }) // TypeError: externalId must be a non-empty string when given
 */
export function checkUserCreate(fields: AppUserCreate): void {
  if (!fields || typeof fields !== 'object') throw new TypeError('AppUser.create needs an object of fields');
  if (
    fields.externalId !== undefined &&
    (typeof fields.externalId !== 'string' || fields.externalId.length === 0)
  ) {
    throw new TypeError('externalId must be a non-empty string when given');
  }
}
