/**
 * A connection's throttle: one lane per app (lanes.ts paces it), so a 429 slows every call to that app and
 * only that app. connection.ts asks it for a slot before each attempt (the first in `#send`, retries in got's
 * `beforeRetry`), so a call waits BEFORE it is sent and the throttle never sends anything again: retries stay
 * the retry policy's (a 429 refused the request, so its retry cannot post twice).
 * Why our own ~300 lines and not Bottleneck or p-queue: Bottleneck has had no release since 2019, p-queue's
 * interval cap cannot change while running, and neither learns a rate from 429s or stops a waiting call on
 * an AbortSignal without sending it.
 */
import { ConfigurationError } from '../errors.js';
import { Lane, type Ticket } from './throttle-lane.js';
import type { ThrottleEvent, ThrottleOptions } from './throttle-types.js';

export type { Ticket } from './throttle-lane.js';

/** Throttling ends after this many ms without a 429, unless `recoverAfter` says otherwise. */
export const DEFAULT_RECOVER_AFTER = 10_000;
const APP_IN_PATH = /^\/?v\d+\/apps\/([^/?]+)/;

/** A call's ticket and its lane: what got's hooks find in the call's context. */
export interface ThrottledCall extends Ticket {
  lane: Lane;
  what: string;
}

/** The throttle of one connection. */
export class Throttle {
  readonly #lanes = new Map<string, Lane>();
  readonly #options: ThrottleOptions;
  readonly #concurrency: number;
  readonly #notify: (event: ThrottleEvent) => void;
  #warned = false;

  constructor(options: ThrottleOptions, defaultConcurrency: number, notify: (event: ThrottleEvent) => void) {
    this.#options = { ...options }; // our copy: a failed store is dropped from it, not from yours
    this.#concurrency = options.concurrency ?? defaultConcurrency;
    this.#notify = notify;
  }

  /** A ticket for a call of `method` to `path` (not yet holding a slot). */
  ticket(method: string, path: string): ThrottledCall {
    const app = APP_IN_PATH.exec(path)?.[1] ?? '';
    return { lane: this.#lane(app), held: false, epoch: 0, clean: true, what: `${method} ${path}` };
  }

  /** The throttled apps and their rates (requests per second). @example throttle.rates() // { a1: 412.5 } */
  rates(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [app, lane] of this.#lanes) if (lane.rate !== undefined) out[app] = lane.rate;
    return out;
  }

  #lane(app: string): Lane {
    let lane = this.#lanes.get(app);
    if (!lane) {
      lane = new Lane(app, {
        concurrency: this.#concurrency,
        maxQueue: this.#options.maxQueue ?? Infinity,
        maxWait: this.#options.maxWait,
        recoverAfter: this.#options.recoverAfter ?? DEFAULT_RECOVER_AFTER,
        store: this.#options.store,
        notify: this.#notify,
        storeFailed: (error) => this.#storeFailed(error),
      });
      this.#lanes.set(app, lane);
    }
    return lane;
  }

  /** The store failed: warn once (a process warning, which every runtime shows), then pace locally. */
  #storeFailed(error: unknown): void {
    if (this.#warned) return;
    this.#warned = true;
    const message = error instanceof Error ? error.message : String(error);
    process.emitWarning(
      `smooch-record: the shared throttle store failed (${message}); throttling per process from now on`,
      { code: 'SMOOCH_RECORD_THROTTLE_STORE' },
    );
    this.#options.store = undefined;
    for (const lane of this.#lanes.values()) lane.dropStore();
  }
}

/** Takes a slot for `call`: `true` at once, or a promise (rejects with AbortError, TimeoutError, QueueFullError). */
export function enter(
  call: ThrottledCall,
  signal: AbortSignal | undefined,
  retry = false,
): true | Promise<void> {
  // A retry goes first: it already waited its turn once, and its Retry-After since.
  return call.lane.enter(call, signal, call.what, retry);
}

/** The throttled call in got's options context, if any. */
export function throttledCallOf(
  options: { context?: Record<string, unknown> } | undefined,
): ThrottledCall | undefined {
  return options?.context?.throttle as ThrottledCall | undefined;
}

/**
 * Checks `throttle` options before any request: positive integers, and a store with both methods.
 * @example validateThrottle({ concurrency: 0 }) // throws ConfigurationError
 */
export function validateThrottle(options: ThrottleOptions | false | undefined): void {
  if (options === undefined || options === false) return;
  if (!options || typeof options !== 'object') {
    throw new ConfigurationError('throttle must be an object of options, or false to turn throttling off');
  }
  for (const name of ['concurrency', 'maxQueue'] as const) {
    const value = options[name];
    const ok = value === Infinity || (Number.isInteger(value) && value! >= 1);
    if (value !== undefined && !ok) {
      throw new ConfigurationError(
        `throttle.${name} must be an integer of at least 1 (or Infinity), got ${value}`,
      );
    }
  }
  for (const name of ['maxWait', 'recoverAfter'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new ConfigurationError(
        `throttle.${name} must be a positive number of milliseconds, got ${value}`,
      );
    }
  }
  const store = options.store;
  if (store !== undefined && (typeof store?.refused !== 'function' || typeof store?.reserve !== 'function')) {
    throw new ConfigurationError('throttle.store must have refused() and reserve() (a RedisThrottleStore)');
  }
}
