/**
 * Core Zendesk users, simulated: a messaging user linked to one (as a Help Center login links them) carries
 * its `zendeskId`, and SyncUser copies the Zendesk user's name, external id and primary email onto it, or
 * applies a merger of two Zendesk users (`survivingZendeskId`).
 */
import type { Context } from './context.js';
import { notFound } from './errors.js';
import { userView } from './lookup.js';
import { type AppState, findUser, type SandboxStore, type Wire, type ZendeskUser } from './store.js';
import { bodyObject, onlyFields, text } from './validate.js';

export type { ZendeskUser } from './store.js';

/**
 * Creates or updates the Zendesk user `zendeskId` and links the messaging user to it (authenticated, as after
 * a Help Center login).
 * @example simulateZendeskUser(store, app, 'bob', { zendeskId: '35436', email: 'bob@example.com' });
 */
export function simulateZendeskUser(
  store: SandboxStore,
  app: AppState,
  user: string,
  fields: ZendeskUser,
): Wire {
  const messaging = findUser(app, user);
  if (!messaging) throw notFound('user_not_found', 'User');
  if (typeof fields?.zendeskId !== 'string' || fields.zendeskId === '') {
    throw new TypeError('simulateZendeskUser needs a zendeskId');
  }
  store.zendeskUsers.set(fields.zendeskId, { ...store.zendeskUsers.get(fields.zendeskId), ...fields });
  messaging.wire.zendeskId = fields.zendeskId;
  messaging.wire.authenticated = true;
  return userView(messaging);
}

/** SyncUser: the messaging user of `{zendeskId}` takes its Zendesk user's data. */
export function syncUser(ctx: Context) {
  const zendeskId = ctx.params.userId!;
  const messaging = [...ctx.app.users.values()].find((candidate) => candidate.wire.zendeskId === zendeskId);
  if (!messaging) throw notFound('user_not_found', 'User');
  const body = ctx.body === undefined ? {} : bodyObject(ctx.body);
  onlyFields(body, ['survivingZendeskId']);
  const surviving = text(body, 'survivingZendeskId') ?? zendeskId;
  const source = ctx.store.zendeskUsers.get(surviving);
  if (!source) throw notFound('user_not_found', 'Zendesk user');
  const wire = messaging.wire;
  wire.zendeskId = surviving;
  const profile = { ...(wire.profile as Wire) };
  if (source.givenName !== undefined) profile.givenName = source.givenName;
  if (source.surname !== undefined) profile.surname = source.surname;
  wire.profile = profile;
  if (source.externalId !== undefined) {
    // As the API: an external id held by another messaging user moves to the one being synchronised.
    const holder = findUser(ctx.app, source.externalId);
    if (holder && holder !== messaging) delete holder.wire.externalId;
    wire.externalId = source.externalId;
  }
  if (source.email !== undefined) {
    const others = (wire.identities as Wire[]).filter((identity) => identity.type !== 'email');
    wire.identities = [...others, { type: 'email', value: source.email, verification: 'zendesk' }];
  }
  return { body: { user: userView(messaging) } };
}
