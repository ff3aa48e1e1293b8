/**
 * The throttle's public shapes: its options, its event and the store that shares it across processes
 * (implemented by `smooch-record/redis`, so the transport never loads ioredis).
 */

/** Throttling of a connection's calls once the API answers 429 (README "Rate limits and bulk work"). */
export interface ThrottleOptions {
  /** Calls of one app in flight at once (default: `maxSockets`, 50). More wait in the queue. */
  concurrency?: number;
  /** Calls of one app allowed to wait (default: no bound); one more rejects with `QueueFullError`, unsent. */
  maxQueue?: number;
  /** Longest wait in the queue in ms (default: none); past it the call rejects with a `TimeoutError` (phase `queue`), unsent. */
  maxWait?: number;
  /** Throttling ends after this many ms without a 429 (default 10,000). */
  recoverAfter?: number;
  /** Shares the learnt rate with the other processes of the app: `new RedisThrottleStore({ redis })`. */
  store?: SharedRateStore;
}

/** Throttling of an app started, slowed further, or ended. */
export interface ThrottleEvent {
  /** The app, when the calls name one. */
  appId: string | undefined;
  /** `start`: the first 429; `slower`: another 429 lowered the rate; `end`: `recoverAfter` without a 429. */
  state: 'start' | 'slower' | 'end';
  /** The rate calls are released at, in requests per second (at `end`: the last one). */
  rate: number | undefined;
  /** Calls waiting in the queue. */
  waiting: number;
}

/** A reserved send slot of the shared store. */
export interface SharedSlot {
  /** Wait this long (ms) before sending. */
  waitMs: number;
  rate: number;
  epoch: number;
}

/**
 * Where processes of one app share their rate and pace. Its promises may reject (store down): the throttle
 * then paces on its own and warns once.
 */
export interface SharedRateStore {
  /**
   * A call released in `epoch` was refused: the shared rate after it (lowered only once per epoch). `start`
   * says this process was not paced yet, so `rate` is its own share of the app's traffic: the store adds it
   * to the rate other processes already started with, since together they sent the sum.
   */
  refused(
    app: string,
    epoch: number,
    rate: number,
    ttlMs: number,
    start?: boolean,
  ): Promise<{ rate: number; epoch: number }>;
  /** The next send slot of `app`, its rate raised by `raise` first; undefined when the app is not throttled there. */
  reserve(app: string, raise: number): Promise<SharedSlot | undefined>;
}
