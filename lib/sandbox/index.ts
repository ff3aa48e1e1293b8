/**
 * smooch-record/sandbox: a stateful, in-memory Sunshine Conversations v2 API server for trying the library
 * without credentials and for testing bots end to end (webhook deliveries included).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleEndpoint } from './console-endpoint.js';
import { Deliveries, type DeliveryAttempt, type DeliveryOptions } from './deliveries.js';
import { type Forward, forwardTo } from './forward.js';
import { registerOAuthClient } from './oauth.js';
import { loadSnapshot, saveSnapshot } from './persist.js';
import { createRouter, type RequestLogEntry } from './router.js';
import { routes } from './routes.js';
import { type SdkLoginOptions, simulateSdkLogin } from './simulate.js';
import { SandboxStore, type Wire, type ZendeskUser } from './store.js';
import { trigger, type TriggerInput, type TriggerResult } from './triggers.js';
import { simulateZendeskUser } from './zendesk-users.js';

export type { DeliveryAttempt, DeliveryOptions } from './deliveries.js';
export type { Forward } from './forward.js';
export type { RequestLogEntry } from './router.js';
export type { SdkLoginOptions } from './simulate.js';
export type { ZendeskUser } from './store.js';
export type { TriggerInput, TriggerResult } from './triggers.js';

/** Where the sandbox listens, and how it retries webhook deliveries. */
export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default (the sandbox is not meant to be exposed). */
  host?: string;
  /** Display name of the app the sandbox starts with. */
  appName?: string;
  deliveries?: DeliveryOptions;
  /**
   * Messages a conversation may hold before PostMessage answers 423 `locked` (default 30,000, as the API):
   * lower it to test how your code handles a `LockedError`.
   */
  messageLimit?: number;
  /** Bytes of uploads the sandbox holds at most (default 200 MB); UploadAttachment answers 413 beyond. */
  uploadLimitBytes?: number;
  /** Called once per answered request: method, path, operation, status, ms (the console's request log). */
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * A JSON snapshot file: read at start when it exists, written at `close()`, so state survives a restart.
   */
  persist?: string;
  /** Called once per webhook delivery attempt (the console's delivery log). */
  onDelivery?: (attempt: DeliveryAttempt) => void;
}

/** A running sandbox: its URL, the credentials it issued, and `close()`. */
export interface Sandbox {
  /** Base URL to give a Connection as `baseUrl`, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** The app the sandbox starts with, and an app key of it. */
  appId: string;
  keyId: string;
  secret: string;
  /** The account key: provisions apps and app keys. */
  accountKeyId: string;
  accountSecret: string;
  /** An OAuth client the sandbox registered, for the Authorize / GetToken flow (`OAuth.getToken`). */
  oauthClientId: string;
  oauthClientSecret: string;
  /** The webhook delivery attempts made so far (newest last). */
  readonly deliveries: readonly DeliveryAttempt[];
  /** Resolves once every queued webhook delivery has finished (delivered or given up). */
  flush(): Promise<void>;
  /**
   * Logs a user in as a Web / mobile SDK would: an active `sdk` client and a device, and a `client:add` event.
   * @example sandbox.simulateSdkLogin('b6518', { platform: 'ios' });
   */
  simulateSdkLogin(user: string, options?: SdkLoginOptions): { client: object; device: object };
  /**
   * Links a user to a simulated core Zendesk user (created or updated), as a Help Center login does, so that
   * SyncUser can copy its name, external id and email.
   * @example sandbox.simulateZendeskUser('b6518', { zendeskId: '35436', email: 'bob@example.com' });
   */
  simulateZendeskUser(user: string, fields: ZendeskUser, options?: { appId?: string }): Wire;
  /**
   * Makes an end user do something the API cannot be asked to: write, tap a postback, start a conversation,
   * send an Apple interactive message. Webhooks fire as they would.
   * @example sandbox.trigger({ type: 'message', text: 'hi', user: 'b6518' });
   */
  trigger(input: TriggerInput, options?: { appId?: string }): TriggerResult;
  /**
   * Delivers every trigger of the app to `target` (a custom integration with one webhook); answers its secret.
   * @example const { secret } = sandbox.forwardTo('http://127.0.0.1:3000/hooks');
   */
  forwardTo(target: string, options?: { appId?: string }): Forward;
  /** Stops serving, cancels deliveries and forgets every record. */
  close(): Promise<void>;
}

/**
 * Starts a sandbox API server with one app and an app key. State lives in memory until `close()`.
 * @example
 * const sandbox = await startSandbox();
 * configure({ keyId: sandbox.keyId, secret: sandbox.secret, appId: sandbox.appId, baseUrl: sandbox.url });
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const store = new SandboxStore(options.messageLimit, options.uploadLimitBytes);
  const deliveries = new Deliveries(options.deliveries, options.onDelivery);
  const restored = options.persist !== undefined && loadSnapshot(store, options.persist);
  const app =
    (restored ? store.apps.values().next().value : undefined) ??
    store.createApp({ displayName: options.appName ?? 'Sandbox app' });
  const key =
    (restored ? app.keys.values().next().value : undefined) ??
    store.issueKey({ scope: 'app', displayName: 'Sandbox app key', appId: app.wire.id });
  const oauth =
    (restored ? store.oauthClients.values().next().value : undefined) ?? registerOAuthClient(store);
  let url = '';
  const server = createServer(
    createRouter({
      store,
      deliveries,
      routes,
      baseUrl: () => url,
      onRequest: options.onRequest,
      extra: consoleEndpoint(store, deliveries),
    }),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    appId: app.wire.id,
    keyId: key.id,
    secret: key.secret,
    accountKeyId: store.accountKey.id,
    accountSecret: store.accountKey.secret,
    oauthClientId: oauth.clientId,
    oauthClientSecret: oauth.clientSecret,
    get deliveries() {
      return deliveries.log;
    },
    flush: () => deliveries.flush(),
    simulateSdkLogin: (user, loginOptions) =>
      simulateSdkLogin(store, deliveries, app.wire.id, user, loginOptions),
    simulateZendeskUser: (user, fields, at = {}) =>
      simulateZendeskUser(store, appOf(store, at.appId ?? app.wire.id), user, fields),
    trigger: (input, at = {}) => trigger(store, appOf(store, at.appId ?? app.wire.id), deliveries, input),
    forwardTo: (target, at = {}) => forwardTo(appOf(store, at.appId ?? app.wire.id), target),
    close: async () => {
      deliveries.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (options.persist !== undefined) saveSnapshot(store, options.persist);
      store.apps.clear();
      store.keys.clear();
    },
  };
}

function appOf(store: SandboxStore, appId: string) {
  const found = store.apps.get(appId);
  if (!found) throw new TypeError(`The sandbox has no app ${appId}`);
  return found;
}
