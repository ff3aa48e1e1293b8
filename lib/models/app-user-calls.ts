/**
 * The plumbing of AppUser's statics (GetUser, CreateUser, the find-or-create recipe, ListUsers by email),
 * written against any class so that a subclass of AppUser gets instances of itself back.
 */
import type { CallOptions } from '../connection/index.js';
import { ConflictError } from '../errors.js';
import {
  bindingOf,
  callOptions,
  hydrateReceived,
  load,
  type Model,
  type ModelClass,
  requireAppId,
} from '../model.js';
import { path } from '../path.js';
import type { Profile } from './app-user.js';
import type { UserLookupOptions } from './user-owned.js';

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

/**
 * GetUser by id or externalId (with the brand of a brand-separated user). The everyday call, so it is the one
 * `async` frame between `AppUser.find` and the connection (each frame is a promise and microtask ticks more):
 * it makes bad input a rejection, sends the request and hydrates the answer.
 */
export async function findUser<M extends Model>(
  Class: ModelClass<M>,
  idOrExternalId: string,
  options: UserLookupOptions,
): Promise<M> {
  const binding = bindingOf(options);
  const url = path`/v2/apps/${requireAppId(binding)}/users/${idOrExternalId}`;
  const { brandId, signal, timeout, retry } = options;
  const query = brandId === undefined ? undefined : { brandId };
  const request = { method: 'GET' as const, path: url, query, signal, timeout, retry };
  const body = await binding.connection.request<Record<string, unknown>>(request);
  return hydrateReceived(Class, body.user, binding);
}

/** CreateUser, after checking the fields. */
export async function createUser<M extends Model>(
  Class: ModelClass<M>,
  fields: AppUserCreate,
  options: CallOptions,
): Promise<M> {
  checkCreate(fields);
  const binding = bindingOf(options);
  const url = path`/v2/apps/${requireAppId(binding)}/users`;
  const request = { ...callOptions(options), method: 'POST' as const, path: url, json: fields };
  return load(Class, binding, request, 'user');
}

/**
 * CreateUser, or GetUser by externalId when the API answers 409 `conflict`. Because a repeated create can only
 * conflict, the POST is retried like a GET unless `retry: false`.
 */
export async function findOrCreateUser<M extends Model>(
  Class: ModelClass<M>,
  fields: AppUserCreate & { externalId: string },
  options: CallOptions,
): Promise<M> {
  if (!fields || typeof fields.externalId !== 'string' || fields.externalId.length === 0) {
    throw new TypeError('findOrCreate needs { externalId }: it is how an existing user is found');
  }
  try {
    return await createUser(Class, fields, { ...options, retry: options.retry ?? true });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return findUser(Class, fields.externalId, { ...options, brandId: fields.brandId ?? undefined });
  }
}

/** ListUsers filtered by an identity's email (the only user listing v2 has), as an array. */
export async function findUsersByEmail<M extends Model>(
  Class: ModelClass<M>,
  email: string,
  options: UserLookupOptions,
): Promise<M[]> {
  if (typeof email !== 'string' || !email.includes('@')) {
    throw new TypeError(`findByEmail needs an email address, got ${JSON.stringify(email)}`);
  }
  const binding = bindingOf(options);
  const body = await binding.connection.request<{ users?: unknown[] }>({
    ...callOptions(options),
    method: 'GET',
    path: path`/v2/apps/${requireAppId(binding)}/users`,
    query: { 'filter[identities.email]': email, brandId: options.brandId },
  });
  return (body.users ?? []).map((plain) => hydrateReceived(Class, plain, binding));
}

function checkCreate(fields: AppUserCreate): void {
  if (!fields || typeof fields !== 'object') throw new TypeError('AppUser.create needs an object of fields');
  if (
    fields.externalId !== undefined &&
    (typeof fields.externalId !== 'string' || fields.externalId.length === 0)
  ) {
    throw new TypeError('externalId must be a non-empty string when given');
  }
}
