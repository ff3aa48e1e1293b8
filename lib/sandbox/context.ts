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

/** A handler's answer: the JSON body and its status (200 unless given). */
export interface Reply {
  status?: number;
  body: object;
}

/** A route: method, path pattern with `:params`, scopes allowed, handler. */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  pattern: string;
  scopes: ReadonlyArray<'account' | 'app' | 'integration'>;
  handler: (ctx: Context) => Reply | Promise<Reply>;
}

/** Scope sets of the spec's `security` blocks. */
export const ACCOUNT = ['account'] as const;
export const APP = ['app', 'account'] as const;
export const ANY = ['integration', 'app', 'account'] as const;
/** Webhook operations list integration and app only (the spec does not list account). */
export const WEBHOOK = ['integration', 'app'] as const;
