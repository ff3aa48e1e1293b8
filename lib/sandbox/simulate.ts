/**
 * What happens outside the API that tests still want to see: a user logging in through a Web / mobile SDK,
 * which gives them an `sdk` client and a device and fires `client:add` (reason `sdkLogin`).
 */
import type { Deliveries } from './deliveries.js';
import { notFound } from './errors.js';
import { newId, now } from './ids.js';
import { conversationTruncated, defaultConversationOf, userTruncated } from './lookup.js';
import { findUser, type SandboxStore, type Wire } from './store.js';

/** Options of a simulated SDK login. */
export interface SdkLoginOptions {
  /** The app (default: the sandbox's first app). */
  appId?: string;
  /** The device's platform (default `web`). */
  platform?: 'web' | 'ios' | 'android';
}

/**
 * Gives a user an active `sdk` client with one device, as an SDK login does, and fires `client:add`.
 * @example const { client, device } = sandbox.simulateSdkLogin('b6518');
 */
export function simulateSdkLogin(
  store: SandboxStore,
  deliveries: Deliveries,
  defaultAppId: string,
  userIdOrExternalId: string,
  options: SdkLoginOptions = {},
): { client: Wire; device: Wire } {
  const app = store.apps.get(options.appId ?? defaultAppId);
  if (!app) throw notFound('app_not_found', 'App');
  const user = findUser(app, userIdOrExternalId);
  if (!user) throw notFound('user_not_found', 'User');
  const platform = options.platform ?? 'web';
  const integration = [...app.integrations.values()].find((candidate) => candidate.type === platform);
  const timestamp = now();
  const client = {
    id: newId(),
    type: 'sdk',
    status: 'active',
    integrationId: integration?.id ?? null,
    externalId: null,
    lastSeen: timestamp,
    linkedAt: timestamp,
    displayName: null,
    avatarUrl: null,
    info: null,
    raw: null,
  };
  const device: Wire & { id: string } = {
    id: newId(),
    type: platform,
    guid: newId(),
    clientId: client.id,
    status: 'active',
    ...(integration ? { integrationId: integration.id } : {}),
    lastSeen: timestamp,
    pushNotificationToken: null,
    info: { sdkVersion: 'sandbox' },
    appVersion: null,
  };
  user.clients.set(client.id, client);
  user.devices.set(device.id, device);
  const conversation = defaultConversationOf(app, user);
  deliveries.emit(app, {
    type: 'client:add',
    payload: {
      conversation: conversation ? conversationTruncated(conversation) : null,
      user: userTruncated(user),
      client: structuredClone(client),
      reason: 'sdkLogin',
      source: { type: 'sdk', ...(integration ? { integrationId: integration.id } : {}) },
    },
  });
  return { client: structuredClone(client), device: structuredClone(device) };
}
