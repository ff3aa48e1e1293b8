/**
 * What a route handler gets (the parsed request, the caller, the app) and what it returns.
 */
import type { Principal } from './auth.js';
import type { AppState, SandboxStore, Wire } from './store.js';

/** One parsed request, as route handlers see it. */
export interface Context {
  method: string;
  url: URL;
  /** Path parameters, percent-decoded (`appId`, `userId`, ...). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (undefined without one). */
  body: unknown;
  /** The parsed multipart body (uploads). */
  form?: FormData;
  principal: Principal;
  store: SandboxStore;
  /** The app of `/v2/apps/{appId}/...` routes (the router has checked it exists and the key may reach it). */
  app: AppState;
  /** The sandbox's own URL, for links and media URLs. */
  baseUrl: string;
  /** Queues a webhook event of the app; delivered after the response is sent. */
  emit(type: string, payload: Wire, extras?: EventExtras): void;
}

/** What deliveries may add per webhook: the full user, for webhooks with `includeFullUser`. */
export interface EventExtras {
  fullUser?: Wire;
}

/** An event a handler queued. */
export interface QueuedEvent {
  type: string;
  payload: Wire;
  extras?: EventExtras;
}

/** A handler's answer: the JSON body and its status (200 unless given), or a redirect (302 to `redirect`). */
export interface Reply {
  status?: number;
  body: object;
  redirect?: string;
}

/** A route: its operationId in the OpenAPI document, method, path pattern with `:params`, scopes, handler. */
export interface Route {
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  pattern: string;
  /** The scopes allowed; empty for the OAuth endpoints the document marks `security: []`. */
  scopes: ReadonlyArray<'account' | 'app' | 'integration'>;
  handler: (ctx: Context) => Reply | Promise<Reply>;
}

/** Scope sets of the spec's `security` blocks. */
export const ACCOUNT = ['account'] as const;
export const APP = ['app', 'account'] as const;
export const ANY = ['integration', 'app', 'account'] as const;
/** No credentials (Authorize, GetToken: the browser and the token exchange authenticate otherwise). */
export const PUBLIC = [] as const;
/** Webhook operations list integration and app only (the spec does not list account). */
export const WEBHOOK = ['integration', 'app'] as const;
