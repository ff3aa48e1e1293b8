/**
 * The event ids a handler has seen lately, so a retried delivery runs each event once. Bounded both ways: at
 * most `size` ids (oldest dropped first) for at most `ttl` ms (the API retries for 15 minutes).
 */
export interface RecentIdsOptions {
  /** Ids remembered at most (default 10,000). */
  size?: number;
  /** How long an id is remembered, in ms (default 15 minutes). */
  ttl?: number;
}

/**
 * An insertion-ordered set of ids with a size cap and an expiry.
 * @example const seen = new RecentIds(); if (!seen.has(id)) seen.add(id);
 */
export class RecentIds {
  readonly #expiry = new Map<string, number>();
  readonly #size: number;
  readonly #ttl: number;

  constructor(
    options: RecentIdsOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#size = options.size ?? 10_000;
    this.#ttl = options.ttl ?? 15 * 60_000;
    if (!Number.isInteger(this.#size) || this.#size < 1)
      throw new RangeError(`size must be a positive integer, got ${this.#size}`);
    if (!(this.#ttl > 0)) throw new RangeError(`ttl must be a positive number of ms, got ${this.#ttl}`);
  }

  /** Whether `id` was added less than `ttl` ago. */
  has(id: string): boolean {
    const expiry = this.#expiry.get(id);
    if (expiry === undefined) return false;
    if (expiry > this.now()) return true;
    this.#expiry.delete(id);
    return false;
  }

  /** Remembers `id` from now on, dropping expired ids and the oldest beyond the cap. */
  add(id: string): void {
    const now = this.now();
    this.#expiry.delete(id);
    this.#expiry.set(id, now + this.#ttl);
    for (const [oldest, expiry] of this.#expiry) {
      if (this.#expiry.size <= this.#size && expiry > now) break;
      this.#expiry.delete(oldest);
    }
  }

  /** Forgets `id` (its handler failed: the retry must run it again). */
  delete(id: string): void {
    this.#expiry.delete(id);
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.#expiry.size;
  }
}
