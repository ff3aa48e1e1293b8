/**
 * Where a webhook handler remembers which handler of which event ran. Why a store: the API retries a delivery
 * not answered 2xx within 20 s, up to 5 times over 15 minutes (spec, Webhooks tag, "Retry policy"), and with
 * more than one process any of them may get the retry; the store is what they share.
 *
 * Each key (an event id and a handler name) is in one of three states: free, claimed by one run for a lease,
 * or done for the store's retention (default 15 minutes, the API's retry window). A claim is atomic: of many
 * runs claiming a free key at once, exactly one gets it.
 */
import { SmoochError } from '../errors.js';

/**
 * Default time a done key is remembered: the API's retry window.
 * @example new MemoryEventStore({ retention: DEFAULT_RETENTION })
 */
export const DEFAULT_RETENTION = 15 * 60_000;

/** What a claim found: now `claimed` by the caller, already `done`, or `busy` (claimed by another run). */
export type ClaimState = 'claimed' | 'done' | 'busy';

/**
 * The store contract. `owner` is a token unique to one run, so a run releases only its own claims.
 * @example
 * const [state] = await store.claim(['e1:on'], owner, 60_000);
 * if (state === 'claimed') { await run(); await store.markDone('e1:on', owner); }
 */
export interface EventStore {
  /** Claims each free key for `owner` for `lease` ms; answers the state each key was found in, in order. */
  claim(keys: readonly string[], owner: string, lease: number): Promise<ClaimState[]>;
  /** Marks `key` done for the retention (its handler succeeded: no run repeats it). */
  markDone(key: string, owner: string): Promise<void>;
  /** Frees those of `keys` that `owner` still holds (their handler failed or never started: a retry runs it). */
  release(keys: readonly string[], owner: string): Promise<void>;
}

/**
 * The event store could not be read or written (Redis unreachable, for example): the delivery is answered 503
 * so the API retries, never 200 with the event lost.
 * @example if (rejection.error instanceof EventStoreError) alert('Redis is down');
 */
export class EventStoreError extends SmoochError {
  override name = 'EventStoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * `store` as an EventStore, or a TypeError naming what it lacks (a setup mistake, found before any delivery).
 * @example checkStore(options.store, 'store');
 */
export function checkStore(store: unknown, name: string): EventStore {
  const missing = ['claim', 'markDone', 'release'].filter(
    (method) => typeof (store as Record<string, unknown> | null)?.[method] !== 'function',
  );
  if (typeof store !== 'object' || store === null || missing.length > 0) {
    throw new TypeError(`${name} must be an EventStore with claim, markDone and release methods`);
  }
  return store as EventStore;
}
