/**
 * A request handler for webhook deliveries, for `node:http` and Express (with or without a body parser).
 *
 * Status codes follow the API's retry policy (spec, Webhooks tag): 400 and 401 are not retried, so they are
 * kept for deliveries that can never succeed (malformed body, wrong secret); a failing event handler answers
 * 500 so the API retries, and events already handled are remembered so the retry runs only the rest. An event
 * counts as handled only once its handlers succeeded: a retry arriving while it still runs is answered 503
 * (the API retries later), so it neither runs twice at once nor is lost if that first run then fails.
 */
import type { ServerResponse } from 'node:http';
import type { Connection } from '../connection/index.js';
import { ParseError, WebhookVerificationError } from '../errors.js';
import type { EventOf, WebhookEvent, WebhookEventType } from './events.js';
import type { Notification, ParseOptions } from './notification.js';
import { BodyTimeout, BodyTooLarge, checkReadTimeout, readBody, type WebhookRequest } from './read-body.js';
import { RecentIds, type RecentIdsOptions } from './recent-ids.js';
import { DEFAULT_BODY_LIMIT } from './safe-json.js';
import { secretsOf, verifyApiKey, type WebhookSecret } from './verify.js';

/** A function run for one event; it may be async. */
export type EventHandler<E extends WebhookEvent = WebhookEvent> = (
  event: E,
  notification: Notification,
) => unknown;

/** Handlers per event type, typed by type. */
export type EventHandlers = { [T in WebhookEventType]?: EventHandler<EventOf<T>> };

/** Options of `Notification.handler`. */
export interface HandlerOptions {
  /** The webhook secret (or several while rotating). */
  secret: WebhookSecret;
  on?: EventHandlers;
  /** Run for every event, after its `on` handler. */
  onEvent?: EventHandler;
  /**
   * Told about a failure answered 500: an event handler's (with its event), or an unexpected one while reading
   * the delivery (no event). Default: `console.error`.
   */
  onError?: (error: unknown, event?: WebhookEvent) => void;
  /** Largest body in bytes (default 1 MB); larger is answered 413. */
  limit?: number;
  /** Longest time in ms to read a body (default 10,000); slower is answered 408. */
  readTimeout?: number;
  /** Deepest nesting accepted (default 64). */
  maxDepth?: number;
  /** Connection the events' models use (default: the current one when a model makes a call). */
  connection?: Connection;
  /**
   * The window in which a repeated event id runs once (default 10,000 ids / 15 minutes); false: no dedupe, so
   * a retry runs its events again even while the first delivery's handlers still run.
   */
  dedupe?: RecentIdsOptions | false;
}

/** A `(req, res)` function for `http.createServer` or `app.post(path, ...)`. */
export type WebhookHandler = (req: WebhookRequest, res: ServerResponse) => Promise<void>;

type Parse = (body: Parameters<typeof Notification.parse>[0], options: ParseOptions) => Notification;

/**
 * Builds the handler; `parse` is `Notification.parse` (passed in so this module does not import its caller).
 * @example http.createServer(createHandler({ secret, on: { 'conversation:message': reply } }, Notification.parse));
 */
export function createHandler(options: HandlerOptions, parse: Parse): WebhookHandler {
  const secret = secretsOf(options?.secret); // a missing secret is a setup mistake: fail now, not per request
  const limit = options.limit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive byte count, got ${limit}`);
  checkReadTimeout(options.readTimeout);
  const seen = options.dedupe === false ? undefined : new RecentIds(options.dedupe);
  // Ids claimed by a delivery whose handlers are running; they join `seen` only once they succeeded.
  const inFlight = new Set<string>();
  const report =
    options.onError ?? ((error: unknown) => console.error('Webhook event handler failed:', error));

  return async function handleWebhook(req, res) {
    if (req.method !== undefined && req.method !== 'POST') return answer(res, 405, 'Method not allowed', req);
    let notification: Notification;
    try {
      verifyApiKey(req.headers, secret);
      const body = await readBody(req, limit, options.readTimeout);
      // Verified above, with the same secret: parse only.
      const parseOptions = { limit, maxDepth: options.maxDepth, connection: options.connection };
      notification = parse(body, { ...parseOptions, verify: false });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return answer(res, 401, 'Unauthorized', req);
      if (error instanceof BodyTooLarge) return answer(res, 413, 'Payload too large', req);
      if (error instanceof BodyTimeout) return answer(res, 408, 'Request timeout', req);
      if (error instanceof ParseError) return answer(res, 400, 'Malformed webhook body', req);
      // Anything else is our fault or the network's, not the delivery's: 500, so the API tries again.
      safely(() => report(error));
      return answer(res, 500, 'Could not read the webhook', req);
    }
    const events = notification.events.filter((event) => !seen?.has(event.id));
    if (seen) {
      // A retry of a delivery still running: 503 runs nothing, and the API tries again later.
      if (events.some((event) => inFlight.has(event.id))) return answer(res, 503, 'Still processing', req);
      for (const event of events) inFlight.add(event.id);
    }
    try {
      for (const event of events) {
        if (seen?.has(event.id)) continue; // the same id twice in one delivery
        try {
          await (options.on?.[event.type] as EventHandler | undefined)?.(event, notification);
          await options.onEvent?.(event, notification);
        } catch (error) {
          safely(() => report(error, event));
          return answer(res, 500, 'Event handler failed', req);
        }
        seen?.add(event.id);
        inFlight.delete(event.id);
      }
    } finally {
      // On failure the ids not handled are freed, so the API's retry runs them.
      for (const event of events) inFlight.delete(event.id);
    }
    answer(res, 200, 'OK', req);
  };
}

function answer(res: ServerResponse, status: number, text: string, req: WebhookRequest): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  if (status === 405) res.setHeader('allow', 'POST');
  // A refused body may still be arriving: close the connection instead of reading the rest of it.
  if (status >= 400 && status < 500 && !req.readableEnded) {
    res.setHeader('connection', 'close');
    req.resume?.();
  }
  res.end(text);
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A failing error reporter must not turn a 500 into an unhandled rejection.
  }
}
