/**
 * The request pipeline: match a route, authenticate, check scopes and the app, parse the body, run the
 * handler, answer JSON, then hand the events it queued to the deliveries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, authorize, type Principal } from './auth.js';
import { readBody } from './body.js';
import type { Context, EventExtras, Route } from './context.js';
import type { Deliveries } from './deliveries.js';
import { notFound, notImplemented, SandboxHttpError } from './errors.js';
import { serveMedia } from './media.js';
import type { AppState, SandboxStore, Wire } from './store.js';

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
}

/** What the router needs from the sandbox. */
export interface RouterOptions {
  store: SandboxStore;
  deliveries: Deliveries;
  routes: Route[];
  baseUrl: () => string;
  /** Called once per answered request (the console's request log). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Requests the API has no operation for (the sandbox's control endpoint): true when answered. */
  extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

/** One answered request, as the request log shows it. */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The operationId of the document, when the request matched one. */
  operation?: string;
  status: number;
  ms: number;
}

/**
 * A node:http request listener serving `routes`.
 * @example http.createServer(createRouter({ store, deliveries, routes, baseUrl }))
 */
export function createRouter(options: RouterOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const compiled = options.routes.map(compile);
  return (req, res) => {
    const started = performance.now();
    const seen: { operation?: string } = {};
    res.once('finish', () => {
      const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
      const ms = Math.round(performance.now() - started);
      options.onRequest?.({ method: req.method ?? 'GET', path, status: res.statusCode, ms, ...seen });
    });
    handle(req, res, options, compiled, seen).catch((error: unknown) => {
      const known = error instanceof SandboxHttpError;
      if (!known) console.error('[smooch-record sandbox] internal error:', error);
      const failure = known ? error : new SandboxHttpError(500, 'internal_error', 'Internal sandbox error');
      send(res, failure.status, failure.body());
    });
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: RouterOptions,
  compiled: Compiled[],
  seen: { operation?: string },
): Promise<void> {
  const url = new URL(req.url ?? '/', options.baseUrl());
  const method = (req.method ?? 'GET').toUpperCase();
  if (serveMedia(method, url, req.headers.authorization, options.store, res)) return;
  if (options.extra && (await options.extra(req, res, url))) return;
  const match = find(compiled, method, url.pathname);
  // Why 501 and not 404: a 404 reads as a missing record, when the sandbox has no such operation at all.
  if (!match) throw notImplemented(`${method} ${url.pathname}`, othersAt(compiled, url.pathname));
  const { route, params } = match;
  seen.operation = route.operation;
  // The OAuth endpoints the document marks `security: []` take no Authorization header; handlers of those
  // routes never read ctx.principal.
  const principal = route.scopes.length ? authenticate(req.headers.authorization, options.store) : undefined;
  if (principal) authorize(principal, route.scopes, params.appId);
  const app = params.appId === undefined ? undefined : options.store.apps.get(params.appId);
  if (params.appId !== undefined && !app) throw notFound('app_not_found', 'App');
  const { json, form } = await readBody(req);
  const events: Array<{ type: string; payload: Wire; extras?: EventExtras }> = [];
  const ctx: Context = {
    method,
    url,
    params,
    query: url.searchParams,
    body: json,
    form,
    principal: principal as Principal,
    store: options.store,
    // Routes without {appId} (ListApps, CreateApp) never read ctx.app.
    app: app as AppState,
    baseUrl: options.baseUrl(),
    emit: (type, payload, extras) => events.push({ type, payload, extras }),
  };
  const reply = await route.handler(ctx);
  if (reply.redirect) {
    res.writeHead(302, { location: reply.redirect, 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Found. Redirecting to ${reply.redirect}`);
  } else send(res, reply.status ?? 200, reply.body);
  // Why after send: deliveries must never hold up the API response (the API sends them asynchronously).
  if (app) for (const event of events) options.deliveries.emit(app, event);
}

function find(
  compiled: Compiled[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const { route, regex, names } of compiled) {
    if (route.method !== method) continue;
    const found = regex.exec(pathname);
    if (!found) continue;
    try {
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1]!)));
      return { route, params };
    } catch {
      return undefined; // a malformed %-escape cannot name any record
    }
  }
  return undefined;
}

/** The operations at a path under other methods, so a 501 can name what the path does serve. */
function othersAt(compiled: Compiled[], pathname: string): string[] {
  return compiled
    .filter(({ regex }) => regex.test(pathname))
    .map(({ route }) => `${route.operation} (${route.method})`);
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.pattern.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, names, regex: new RegExp(`^${source}/?$`) };
}

/** Writes a JSON response. */
export function send(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
