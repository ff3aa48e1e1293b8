/**
 * Users: CreateUser (409 on a duplicate externalId), ListUsers (lookup by `filter[identities.email]`),
 * GetUser, UpdateUser, DeleteUser, DeleteUserPersonalInformation, SyncUser.
 */
import { ANY, type Context, type Route } from './context.js';
import { badRequest, conflict } from './errors.js';
import { newId, now } from './ids.js';
import { conversationsOf, userOf, userTruncated, userView } from './lookup.js';
import { findUser, type UserRecord, type Wire } from './store.js';
import { bodyObject, flag, mergePatch, metadata, onlyFields, record, text } from './validate.js';
import { syncUser } from './zendesk-users.js';

const user = '/v2/apps/:appId/users/:userId';
const PROFILE = ['givenName', 'surname', 'email', 'avatarUrl', 'locale'];

/** The routes of users. */
export const userRoutes: Route[] = [
  {
    operation: 'CreateUser',
    method: 'POST',
    pattern: '/v2/apps/:appId/users',
    scopes: ANY,
    handler: createUser,
  },
  {
    operation: 'ListUsers',
    method: 'GET',
    pattern: '/v2/apps/:appId/users',
    scopes: ANY,
    handler: listUsers,
  },
  {
    operation: 'GetUser',
    method: 'GET',
    pattern: user,
    scopes: ANY,
    handler: (ctx) => ({ body: { user: userView(userOf(ctx)) } }),
  },
  { operation: 'UpdateUser', method: 'PATCH', pattern: user, scopes: ANY, handler: updateUser },
  { operation: 'DeleteUser', method: 'DELETE', pattern: user, scopes: ANY, handler: deleteUser },
  {
    operation: 'DeleteUserPersonalInformation',
    method: 'DELETE',
    pattern: `${user}/personalinformation`,
    scopes: ANY,
    handler: deletePersonalInformation,
  },
  { operation: 'SyncUser', method: 'POST', pattern: `${user}/sync`, scopes: ANY, handler: syncUser },
];

function createUser(ctx: Context) {
  const body = bodyObject(ctx.body);
  onlyFields(body, ['externalId', 'brandId', 'signedUpAt', 'toBeRetained', 'profile', 'metadata']);
  const externalId = text(body, 'externalId', { max: 1024 }) ?? undefined;
  if (externalId !== undefined && findUser(ctx.app, externalId)) throw conflict('User already exists');
  const wire: UserRecord['wire'] = {
    id: newId(),
    ...(externalId === undefined ? {} : { externalId }),
    authenticated: false,
    signedUpAt: signedUpAt(body) ?? now(),
    toBeRetained: flag(body, 'toBeRetained') ?? false,
    profile: mergePatch({}, profile(body)),
    metadata: mergePatch({}, metadata(body) ?? {}),
    identities: [],
  };
  const brandId = text(body, 'brandId', { max: 24, nullable: true });
  if (brandId) wire.brandId = brandId;
  const created: UserRecord = { wire, clients: new Map(), devices: new Map() };
  ctx.app.users.set(wire.id, created);
  return { status: 201, body: { user: userView(created) } };
}

function listUsers(ctx: Context) {
  const email = ctx.query.get('filter[identities.email]');
  if (!email) throw badRequest('filter[identities.email] is required');
  // As the API: identities match, profile.email does not (the sandbox verifies no identities itself).
  const users = [...ctx.app.users.values()].filter((candidate) =>
    (candidate.wire.identities as Wire[]).some(
      (identity) => identity.type === 'email' && identity.value === email,
    ),
  );
  return { body: { users: users.map(userView) } };
}

function updateUser(ctx: Context) {
  const found = userOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, ['signedUpAt', 'toBeRetained', 'profile', 'metadata']);
  const wire = found.wire;
  wire.signedUpAt = signedUpAt(body) ?? wire.signedUpAt;
  wire.toBeRetained = flag(body, 'toBeRetained') ?? wire.toBeRetained;
  wire.profile = mergePatch(wire.profile as Wire, profile(body));
  const meta = metadata(body);
  if (meta !== undefined) wire.metadata = meta === null ? {} : mergePatch(wire.metadata as Wire, meta);
  return { body: { user: userView(found) } };
}

function deleteUser(ctx: Context) {
  const found = userOf(ctx);
  for (const conversation of conversationsOf(ctx.app, found)) {
    if (conversation.wire.type === 'personal') ctx.app.conversations.delete(conversation.wire.id);
    else conversation.participants = conversation.participants.filter((p) => p.userId !== found.wire.id);
  }
  ctx.app.users.delete(found.wire.id);
  ctx.emit('user:remove', { user: userTruncated(found) });
  return { body: {} };
}

function deletePersonalInformation(ctx: Context) {
  const found = userOf(ctx);
  found.wire.profile = {};
  found.wire.metadata = {};
  found.wire.identities = [];
  return { body: { user: userView(found) } };
}

function signedUpAt(body: Wire): string | undefined {
  const value = text(body, 'signedUpAt');
  if (value && Number.isNaN(Date.parse(value))) throw badRequest('signedUpAt must be an ISO 8601 date');
  return value ? new Date(value).toISOString() : undefined;
}

function profile(body: Wire): Wire {
  const value = record(body, 'profile') ?? {};
  onlyFields(value, PROFILE);
  for (const field of PROFILE)
    text(value, field, { max: field === 'avatarUrl' ? 2048 : 128, nullable: true });
  if (typeof value.email === 'string' && !/^[^@\s]+@[^@\s]+$/.test(value.email)) {
    throw badRequest('profile.email must be an email address');
  }
  return value;
}
