/**
 * The types the webhook modules share: what a handler is given, the options of `Notification.parse` and of
 * `Notification.handler`. They live below both `notification.ts` and `handler.ts` so neither imports the other
 * for a type (no import cycle).
 */
import type { ServerResponse } from 'node:http';
import type { Connection } from '../connection/index.js';
import type { EventStore } from './event-store.js';
import type { EventOf, WebhookEvent, WebhookEventType } from './events.js';
import type { RecentIdsOptions } from './memory-store.js';
import type { WebhookRequest } from './read-body.js';
import type { Rejection } from './rejection.js';
import type { JsonLimits } from './safe-json.js';
import type { HeaderBag, WebhookSecret } from './verify.js';

/**
 * A parsed delivery as handlers see it: a `Notification` (declared here so handlers need not import its class).
 * @example const appId = delivery.app.id;
 */
export interface Delivery {
  /** `v2`, or `v1` for legacy v1 / v1.1 bodies. */
  readonly version: 'v1' | 'v2';
  /** The app the events happened in (`{ id }`). */
  readonly app: { id?: string; [field: string]: unknown };
  /** The webhook that delivered them (`{ id, version }`). */
  readonly webhook: { id?: string; version?: string; [field: string]: unknown };
  /** The events, in delivery order. */
  readonly events: WebhookEvent[];
}

/**
 * A function run for one event; it may be async.
 * @example const reply: EventHandler<EventOf<'conversation:message'>> = (event) => event.conversation.reply('Hi');
 */
export type EventHandler<E extends WebhookEvent = WebhookEvent> = (
  event: E,
  notification: Delivery,
) => unknown;

/**
 * Handlers per event type, typed by type.
 * @example const on: EventHandlers = { 'conversation:message': (event) => event.conversation.reply('Hi') };
 */
export type EventHandlers = { [T in WebhookEventType]?: EventHandler<EventOf<T>> };

/**
 * Options of `Notification.parse`: `headers` and `secret` to verify (the default), or `verify: false`.
 * @example Notification.parse(req.body, { headers: req.headers, secret: process.env.WEBHOOK_SECRET });
 */
export interface ParseOptions extends JsonLimits {
  /** The request headers: `X-API-Key` is checked against `secret` before anything is parsed. */
  headers?: HeaderBag;
  /**
   * The webhook secret (or several while rotating). Required unless `verify: false`: an unset environment
   * variable is a `TypeError`, never a delivery accepted unverified.
   */
  secret?: WebhookSecret;
  /**
   * `false` parses without verifying: only for a body already verified (for example by the handler), or in
   * tests. Contradicts a `secret`. Default `true`.
   */
  verify?: boolean;
  /** The connection the events' models call through (default: the current one, looked up lazily). */
  connection?: Connection;
}

/**
 * Where queue mode puts verified deliveries: `WebhookQueue` of `smooch-record/queue` is one.
 * @example Notification.handler({ secret, queue: new WebhookQueue({ redis: process.env.REDIS_URL! }) });
 */
export interface DeliveryQueue {
  /** Stores the delivery's events durably (one job per event id: a redelivery is not stored twice). */
  enqueue(body: string, events: readonly WebhookEvent[]): Promise<void>;
}

/**
 * The handlers of an event, and how their runs are remembered: shared by `Notification.handler` and the
 * queue's workers.
 * @example const run: RunOptions = { on: { 'conversation:message': reply }, store: new MemoryEventStore() };
 */
export interface RunOptions {
  on?: EventHandlers;
  /** Run for every event, after its `on` handler. */
  onEvent?: EventHandler;
  /**
   * Remembers which handler of which event succeeded, so a retry runs only the rest (default: a
   * `MemoryEventStore`, this process only; `RedisEventStore` of `smooch-record/redis` for many processes).
   */
  store?: EventStore;
}

/** Options of `Notification.handler`. */
export interface HandlerOptions extends RunOptions {
  /**
   * The webhook secret (or several while rotating). Default: `SMOOCH_WEBHOOK_SECRET`; with neither, making the
   * handler throws a `ConfigurationError` naming the variable.
   */
  secret?: WebhookSecret;
  /**
   * Told about a failure answered 500: an event handler's (with its event), or an unexpected one while reading
   * the delivery (no event). Default: `console.error`.
   */
  onError?: (error: unknown, event?: WebhookEvent) => void;
  /**
   * Told about every answer other than 200 (401, 400, 405, 408, 413, 500, 503), with the status and the reason;
   * never the secret. Default: one `console.warn` line.
   */
  onReject?: (rejection: Rejection) => void;
  /** Largest body in bytes (default 1 MB); larger is answered 413. */
  limit?: number;
  /** Longest time in ms to read a body (default 10,000); slower is answered 408. */
  readTimeout?: number;
  /** Deepest nesting accepted (default 64). */
  maxDepth?: number;
  /** Connection the events' models use (default: the current one when a model makes a call). */
  connection?: Connection;
  /**
   * How long the handlers of a delivery may run before it is answered 503 so the API retries (ms, default
   * 15,000: the API gives up on an answer after 20 s).
   */
  timeout?: number;
  /**
   * How long a run holds its claim on a handler (ms, default 60,000, at least `timeout`): a retry within it is
   * answered 503; after it, a retry may run the handler again (its first run never finished).
   */
  lease?: number;
  /**
   * The in-memory store's window (default 10,000 ids / 15 minutes); false: no store, so a retry runs its
   * events again even while the first delivery's handlers still run. Ignored when `store` is given.
   */
  dedupe?: RecentIdsOptions | false;
  /**
   * Queue mode: verify, check the body, enqueue and answer 200; workers run the handlers (`on` and `onEvent`
   * then belong to the worker, not here).
   */
  queue?: DeliveryQueue;
}

/**
 * A `(req, res)` function for `http.createServer` or `app.post(path, ...)`.
 * @example http.createServer(Notification.handler({ secret, on }));
 */
export type WebhookHandler = (req: WebhookRequest, res: ServerResponse) => Promise<void>;
