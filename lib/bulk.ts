/**
 * `bulk()`: a function over many items (users, conversations, a `Collection`) with a bound on items in
 * flight, progress, and one result per item, so a broadcast to 50,000 users is one call that finishes and
 * says which items failed and why. The pace is the connection's (its throttle slows every call of the app
 * at a 429); the bound here keeps memory flat and the queue short. Why not p-limit: it would bound the
 * calls, but the per-item results, progress and reading items lazily from an async iterable are most of this.
 */
import { AbortError, ConfigurationError } from './errors.js';

/** Items in flight when `concurrency` is not given. */
export const DEFAULT_BULK_CONCURRENCY = 32;

/** Where a bulk run is. */
export interface BulkProgress {
  /** Items finished, succeeded or failed. */
  done: number;
  succeeded: number;
  failed: number;
  /** Items in all, when known (an array; an async iterable once read to the end). */
  total: number | undefined;
  /** Items finished per second since the start. */
  rate: number;
  elapsedMs: number;
}

/** Options of `bulk()`. */
export interface BulkOptions {
  /** Items in flight at once (a positive integer; default 32). */
  concurrency?: number;
  /** Called after each item. If it throws, the run goes on; the report counts it (`progressErrors`). */
  onProgress?: (progress: BulkProgress) => void;
  /** Stops starting items: the ones not started end with an `AbortError`; `fn` gets the signal too. */
  signal?: AbortSignal;
}

/** The outcome of one item: its value, or the error `fn` threw (as thrown; a non-Error is wrapped). */
export type BulkResult<T, R> =
  { item: T; index: number; ok: true; value: R } | { item: T; index: number; ok: false; error: Error };

/** What `bulk()` resolves with (it never rejects once started). */
export interface BulkReport<T, R> {
  /** One per item, in the items' order. */
  results: BulkResult<T, R>[];
  succeeded: number;
  failed: number;
  elapsedMs: number;
  /** What reading the items threw (a `Collection` whose page failed): the items before it have results. */
  sourceError?: unknown;
  /** How many times `onProgress` threw, and the first thing it threw. */
  progressErrors: number;
  progressError?: unknown;
}

/**
 * Runs `fn` over `items`, at most `concurrency` at a time; resolves with a result per item.
 * @example
 * const report = await bulk(conversations, (c) => c.reply('Our shop opens at 9'), {
 *   concurrency: 50,
 *   onProgress: ({ done, total }) => console.log(`${done}/${total}`),
 * });
 * for (const r of report.results) if (!r.ok) console.error(r.item, r.error.message);
 */
export async function bulk<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  fn: (item: T, index: number, signal: AbortSignal | undefined) => Promise<R> | R,
  options: BulkOptions = {},
): Promise<BulkReport<T, R>> {
  checkBulk(items, fn, options);
  const { concurrency = DEFAULT_BULK_CONCURRENCY, onProgress, signal } = options;
  const started = performance.now();
  const report: BulkReport<T, R> = { results: [], succeeded: 0, failed: 0, elapsedMs: 0, progressErrors: 0 };
  const total = Array.isArray(items) ? items.length : undefined;
  const source = toAsyncIterator(items);
  let exhausted = false;
  let read = 0;
  const progress = (): void => {
    if (!onProgress) return;
    const elapsedMs = performance.now() - started;
    const done = report.succeeded + report.failed;
    const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
    try {
      onProgress({
        done,
        succeeded: report.succeeded,
        failed: report.failed,
        total: total ?? (exhausted ? read : undefined),
        rate,
        elapsedMs,
      });
    } catch (error) {
      if (report.progressErrors++ === 0) report.progressError = error;
    }
  };
  const settle = (result: BulkResult<T, R>): void => {
    report.results[result.index] = result;
    if (result.ok) report.succeeded += 1;
    else report.failed += 1;
    progress();
  };
  // The workers share one iterator; reads are chained so a hand-written iterator never sees two next() at once.
  let reading: Promise<IteratorResult<T> | undefined> = Promise.resolve(undefined);
  const nextItem = (): Promise<IteratorResult<T> | undefined> =>
    (reading = reading.then(async () => {
      if (exhausted) return undefined;
      try {
        return await source.next();
      } catch (error) {
        exhausted = true;
        report.sourceError = error;
        return undefined;
      }
    }));
  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await nextItem();
      if (!next || next.done) {
        exhausted = true;
        return;
      }
      const index = read++;
      const item = next.value;
      if (signal?.aborted) {
        settle({
          item,
          index,
          ok: false,
          error: new AbortError('Bulk run aborted before this item started', { cause: signal.reason }),
        });
        continue;
      }
      try {
        settle({ item, index, ok: true, value: await fn(item, index, signal) });
      } catch (error) {
        settle({ item, index, ok: false, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency === Infinity ? (total ?? 1024) : concurrency }, worker));
  report.elapsedMs = performance.now() - started;
  return report;
}

/** Setup mistakes, refused before any item starts. */
function checkBulk(items: unknown, fn: unknown, options: BulkOptions): void {
  const iterable = items as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null;
  if (
    !iterable ||
    (typeof iterable[Symbol.iterator] !== 'function' && typeof iterable[Symbol.asyncIterator] !== 'function')
  ) {
    throw new TypeError('bulk() needs an iterable or async iterable of items');
  }
  if (typeof fn !== 'function') throw new TypeError('bulk() needs a function to run for each item');
  if (!options || typeof options !== 'object')
    throw new ConfigurationError('bulk() options must be an object');
  const { concurrency, onProgress } = options;
  if (
    concurrency !== undefined &&
    !(concurrency === Infinity || (Number.isInteger(concurrency) && concurrency >= 1))
  ) {
    throw new ConfigurationError(`bulk() concurrency must be an integer of at least 1, got ${concurrency}`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new ConfigurationError('bulk() onProgress must be a function');
  }
}

function toAsyncIterator<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in items) return items[Symbol.asyncIterator]();
  const sync = items[Symbol.iterator]();
  return { next: async () => sync.next() };
}
