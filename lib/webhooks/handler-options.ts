/**
 * `Notification.handler`'s options checked and completed once, when the handler is made: a bad option is a
 * setup mistake, so it throws a TypeError or RangeError then, never an answer to some delivery later.
 */
import { ConfigurationError } from '../errors.js';
import { WEBHOOK_SECRET_VARIABLE, webhookSecretFromEnvironment } from '../connection/index.js';
import { checkStore, type EventStore } from './event-store.js';
import type { WebhookEvent } from './events.js';
import { MemoryEventStore } from './memory-store.js';
import { checkReadTimeout } from './read-body.js';
import { logRejection, type Rejection } from './rejection.js';
import { DEFAULT_BODY_LIMIT } from './safe-json.js';
import type { DeliveryQueue, HandlerOptions } from './types.js';
import { secretsOf, type WebhookSecret } from './verify.js';

/**
 * Default time the handlers of a delivery may run before it is answered 503 (the API waits 20 s).
 * @example Notification.handler({ secret, on, timeout: DEFAULT_HANDLER_TIMEOUT / 3 })
 */
export const DEFAULT_HANDLER_TIMEOUT = 15_000;
/**
 * Default time a run holds its claim on a handler.
 * @example Notification.handler({ secret, on, lease: 2 * DEFAULT_LEASE })
 */
export const DEFAULT_LEASE = 60_000;
const MAX_TIMER = 2 ** 31 - 1;

/** The options as the handler uses them. */
export interface ResolvedOptions {
  secrets: readonly string[];
  limit: number;
  readTimeout: number | undefined;
  timeout: number;
  lease: number;
  store: EventStore | undefined;
  queue: DeliveryQueue | undefined;
  onError: (error: unknown, event?: WebhookEvent) => void;
  onReject: (rejection: Rejection) => void;
}

/** Checks `options` and fills in the defaults. */
export function resolveOptions(options: HandlerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('Pass the handler options');
  const secrets = secretsOf(secretOf(options)); // a missing secret fails now, not per request
  const limit = options.limit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive byte count, got ${limit}`);
  checkReadTimeout(options.readTimeout);
  const timeout = duration(options.timeout, DEFAULT_HANDLER_TIMEOUT, 'timeout');
  const lease = duration(options.lease, Math.max(DEFAULT_LEASE, timeout), 'lease');
  if (lease < timeout) throw new RangeError(`lease (${lease} ms) must be at least timeout (${timeout} ms)`);
  for (const name of ['onEvent', 'onError', 'onReject'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function')
      throw new TypeError(`${name} must be a function`);
  }
  checkHandlers(options.on);
  if (options.dedupe !== undefined && options.dedupe !== false && typeof options.dedupe !== 'object')
    throw new TypeError('dedupe must be { size, ttl } or false');
  return {
    secrets,
    limit,
    readTimeout: options.readTimeout,
    timeout,
    lease,
    store: storeOf(options),
    queue: queueOf(options),
    onError: options.onError ?? ((error) => console.error('Webhook event handler failed:', error)),
    onReject: options.onReject ?? logRejection,
  };
}

/**
 * The explicit `secret` (even an empty one: a mistake to report, not to paper over with the environment), else
 * `SMOOCH_WEBHOOK_SECRET`, else a ConfigurationError naming the variable: the rule of the connection's
 * variables (lib/connection/environment.ts), so a handler never starts unable to verify.
 */
function secretOf(options: HandlerOptions): WebhookSecret {
  if (options.secret !== undefined) return options.secret;
  const secret = webhookSecretFromEnvironment();
  if (secret !== undefined) return secret;
  throw new ConfigurationError(
    `A webhook secret is required: pass the Webhook's \`secret\` to Notification.handler, or set ${WEBHOOK_SECRET_VARIABLE}`,
  );
}

/**
 * `on` as handlers per type, or a TypeError.
 * @example checkHandlers({ 'conversation:message': reply });
 */
export function checkHandlers(on: unknown): void {
  if (on === undefined) return;
  if (typeof on !== 'object' || on === null) throw new TypeError('on must be an object of handlers per type');
  for (const [type, handler] of Object.entries(on)) {
    if (typeof handler !== 'function') throw new TypeError(`on['${type}'] must be a function`);
  }
}

function storeOf(options: HandlerOptions): EventStore | undefined {
  if (options.store !== undefined) return checkStore(options.store, 'store');
  return options.dedupe === false ? undefined : new MemoryEventStore(options.dedupe);
}

function queueOf(options: HandlerOptions): DeliveryQueue | undefined {
  const { queue } = options;
  if (queue === undefined) return undefined;
  if (typeof (queue as Partial<DeliveryQueue> | null)?.enqueue !== 'function')
    throw new TypeError('queue must be a WebhookQueue (an object with an enqueue method)');
  if (options.on !== undefined || options.onEvent !== undefined || options.store !== undefined)
    throw new TypeError(
      'In queue mode the workers run the handlers: pass on, onEvent and store to queue.work()',
    );
  return queue;
}

function duration(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TIMER)
    throw new RangeError(`${name} must be a positive whole number of ms, got ${String(value)}`);
  return value;
}
