/**
 * The request pipeline: match a route, authenticate, check scopes and the app, parse the body, run the
 * handler, answer JSON, then hand the events it queued to the deliveries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, authorize } from './auth.js';
import { readBody } from './body.js';
import type { Context, EventExtras, Route } from './context.js';
import type { Deliveries } from './deliveries.js';
import { notFound, SandboxHttpError } from './errors.js';
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
}

/**
 * A node:http request listener serving `routes`.
 * @example http.createServer(createRouter({ store, deliveries, routes, baseUrl }))
 */
export function createRouter(options: RouterOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const compiled = options.routes.map(compile);
  return (req, res) => {
    handle(req, res, options, compiled).catch((error: unknown) => {
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
): Promise<void> {
  const url = new URL(req.url ?? '/', options.baseUrl());
  const method = (req.method ?? 'GET').toUpperCase();
  if (serveMedia(method, url, options.store, res)) return;
  const match = find(compiled, method, url.pathname);
  if (!match) throw notFound('not_found', `${method} ${url.pathname}`);
  const { route, params } = match;
  const principal = authenticate(req.headers.authorization, options.store);
  authorize(principal, route.scopes, params.appId);
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
    principal,
    store: options.store,
    // Routes without {appId} (ListApps, CreateApp) never read ctx.app.
    app: app as AppState,
    baseUrl: options.baseUrl(),
    emit: (type, payload, extras) => events.push({ type, payload, extras }),
  };
  const reply = await route.handler(ctx);
  send(res, reply.status ?? 200, reply.body);
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
