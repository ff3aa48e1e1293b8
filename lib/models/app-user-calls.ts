/**
 * The two AppUser statics that are more than one generic call: the find-or-create recipe, and ListUsers by
 * email. Written against any class and the users resource it is given, so a subclass of AppUser gets
 * instances of itself back.
 */
import type { CallOptions } from '../connection/index.js';
import { ConflictError } from '../errors.js';
import { bindingOf, callOptions, hydrateReceived, type Model, type ModelClass } from '../model.js';
import { create, find, type Resource } from '../resource.js';
import { type AppUserCreate, checkUserCreate } from './app-user-fields.js';
import type { UserLookupOptions } from './user-owned.js';

/**
 * CreateUser, or GetUser by externalId when the API answers 409 `conflict`. Because a repeated create can only
 * conflict, the POST is retried like a GET unless `retry: false`.
 */
export async function findOrCreateUser<M extends Model>(
  Class: ModelClass<M>,
  users: Resource<'find' | 'create'>,
  fields: AppUserCreate & { externalId: string },
  options: CallOptions,
): Promise<M> {
  if (!fields || typeof fields.externalId !== 'string' || fields.externalId.length === 0) {
    throw new TypeError('findOrCreate needs { externalId }: it is how an existing user is found');
  }
  checkUserCreate(fields);
  try {
    return await create(Class, users, fields, { ...options, retry: options.retry ?? true });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return find(Class, users, fields.externalId, { ...options, brandId: fields.brandId ?? undefined });
  }
}

/** ListUsers filtered by an identity's email (the only user listing v2 has), as an array of one answer. */
export async function findUsersByEmail<M extends Model>(
  Class: ModelClass<M>,
  users: Resource<'find' | 'create'>,
  email: string,
  options: UserLookupOptions,
): Promise<M[]> {
  if (typeof email !== 'string' || !email.includes('@')) {
    throw new TypeError(`findByEmail needs an email address, got ${JSON.stringify(email)}`);
  }
  const binding = bindingOf(options);
  const body = await binding.connection.request<Record<string, unknown>>({
    ...callOptions(options),
    method: 'GET',
    path: users.collectionPath(binding),
    query: { 'filter[identities.email]': email, brandId: options.brandId },
  });
  return ((body[users.many] as unknown[]) ?? []).map((plain) => hydrateReceived(Class, plain, binding));
}
