/**
 * The default event store: a bounded map in this process's memory. Right for one process; with several (a
 * cluster, replicas behind a load balancer) each would run a retry the other already ran: use
 * `RedisEventStore` of `smooch-record/redis` there.
 */
import { type ClaimState, DEFAULT_RETENTION, type EventStore } from './event-store.js';

/** Bounds of the in-memory store (the handler's `dedupe` option). */
export interface RecentIdsOptions {
  /** Keys remembered at most (default 10,000; the oldest are dropped first). */
  size?: number;
  /** How long a done key is remembered, in ms (default 15 minutes, the API's retry window). */
  ttl?: number;
}

const DONE = '\0done';

/**
 * An `EventStore` in memory, bounded in size and time.
 * @example Notification.handler({ secret, store: new MemoryEventStore({ size: 50_000 }), on });
 */
export class MemoryEventStore implements EventStore {
  /** key -> owner token or DONE, with its expiry; in insertion order, so the oldest come first. */
  readonly #entries = new Map<string, { value: string; expiry: number }>();
  readonly #size: number;
  readonly #ttl: number;

  constructor(
    options: RecentIdsOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#size = options.size ?? 10_000;
    this.#ttl = options.ttl ?? DEFAULT_RETENTION;
    if (!Number.isInteger(this.#size) || this.#size < 1)
      throw new RangeError(`size must be a positive integer, got ${this.#size}`);
    if (!(this.#ttl > 0)) throw new RangeError(`ttl must be a positive number of ms, got ${this.#ttl}`);
  }

  /** Claims each free key for `owner` for `lease` ms (synchronously, so atomically in this process). */
  async claim(keys: readonly string[], owner: string, lease: number): Promise<ClaimState[]> {
    return keys.map((key) => {
      const value = this.#live(key);
      if (value === DONE) return 'done';
      if (value !== undefined) return 'busy';
      this.#set(key, owner, lease);
      return 'claimed';
    });
  }

  /** Marks `key` done for the retention. */
  async markDone(key: string): Promise<void> {
    this.#set(key, DONE, this.#ttl);
  }

  /** Frees those of `keys` still claimed by `owner`. */
  async release(keys: readonly string[], owner: string): Promise<void> {
    for (const key of keys) if (this.#live(key) === owner) this.#entries.delete(key);
  }

  /** How many keys are remembered (claimed or done). */
  get size(): number {
    return this.#entries.size;
  }

  #live(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiry > this.now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  #set(key: string, value: string, ttl: number): void {
    const now = this.now();
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiry: now + ttl });
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.#size && entry.expiry > now) break;
      this.#entries.delete(oldest);
    }
  }
}
