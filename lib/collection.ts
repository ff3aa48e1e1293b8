/**
 * Lazy lists over the API's cursor pages. Nothing is requested until iteration starts; leaving a loop early
 * stops fetching; only the page being walked is held in memory.
 */
import { AbortError, ParseError } from './errors.js';

/** One page of a list, as a model's page loader returns it. */
export interface Page<T> {
  items: T[];
  /** The cursor of the next page in the walking direction, or undefined on the last page. */
  next: string | undefined;
}

/** Loads one page; `cursor` is undefined for the first page. */
export type PageLoader<T> = (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>;

/** Options of a list call: page size (1-100) and cancellation. */
export interface ListOptions {
  /** Items per page, 1-100 (the API's default is 25). */
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Checks a page size before any request.
 * @example validatePageSize(100) // ok; validatePageSize(0) throws RangeError
 */
export function validatePageSize(size: number | undefined): void {
  if (size === undefined) return;
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    throw new RangeError(`pageSize must be an integer from 1 to 100, got ${size}`);
  }
}

/** How many of a listing's latest cursors are remembered exactly; longer cycles are Brent's (below). */
/** @example if (cycleLength > RECENT_CURSORS) console.log("caught by the checkpoint") */
export const RECENT_CURSORS = 1_000;

/**
 * Tells whether a listing already saw a cursor, in bounded memory: the latest `RECENT_CURSORS` exactly, and
 * one checkpoint moved at powers of two (Brent's cycle detection): a cycle of up to `RECENT_CURSORS` ends on
 * its first repeat, a longer one within three times its length plus the pages before it. Why bounded: a legitimate listing may run to millions of pages.
 */
class CursorCycleGuard {
  readonly #recent = new Set<string>();
  #checkpoint: string | undefined;
  #window = 1;
  #steps = 0;

  repeated(cursor: string): boolean {
    if (cursor === this.#checkpoint || this.#recent.has(cursor)) return true;
    this.#recent.add(cursor);
    if (this.#recent.size > RECENT_CURSORS) this.#recent.delete(this.#recent.values().next().value!);
    this.#steps += 1;
    if (this.#steps === this.#window) {
      this.#checkpoint = cursor;
      this.#window *= 2;
      this.#steps = 0;
    }
    return false;
  }
}

/**
 * A lazy, async-iterable list of models.
 * A call returning one throws bad input (a missing filter) at once, not at iteration; promise calls reject.
 * @example
 * for await (const app of App.all()) console.log(app.displayName);
 * const firstTen = await App.all().first(10);
 */
export class Collection<T> implements AsyncIterable<T> {
  constructor(
    private readonly load: PageLoader<T>,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * Walks the pages one by one.
   * @example for await (const page of App.all({ pageSize: 100 }).pages()) console.log(page.length);
   */
  async *pages(): AsyncGenerator<T[], void, undefined> {
    const cursors = new CursorCycleGuard();
    let cursor: string | undefined;
    do {
      this.throwIfAborted();
      const page = await this.load(cursor, this.signal);
      yield page.items;
      // A server handing back a cursor of this listing again (A -> B -> A) would make this loop forever.
      if (page.next !== undefined && cursors.repeated(page.next)) {
        throw new ParseError(
          'the API returned the same cursor twice in this listing (a cycle): stopping instead of fetching ' +
            'the same pages forever',
          page.next.slice(0, 120),
        );
      }
      cursor = page.next;
    } while (cursor !== undefined);
  }

  /**
   * Every item of every page, fetching the next page only when the loop gets there.
   * @example for await (const app of App.all()) console.log(app.id);
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const items of this.pages()) {
      for (const item of items) {
        this.throwIfAborted();
        yield item;
      }
    }
  }

  /**
   * The first `n` items (fetching only the pages needed).
   * @example const [newest] = await convo.messages().first(1);
   */
  async first(n: number): Promise<T[]> {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`first(n) needs a non-negative integer, got ${n}`);
    const out: T[] = [];
    if (n === 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= n) break;
    }
    return out;
  }

  /**
   * Every item, up to a required bound: a list of unknown length must not fill memory by accident.
   * @example const apps = await App.all().toArray({ limit: 1000 });
   */
  async toArray(options: { limit: number }): Promise<T[]> {
    const limit = options?.limit;
    if (!Number.isInteger(limit) || limit < 0) {
      throw new RangeError(`toArray({ limit }) needs a non-negative integer limit, got ${limit}`);
    }
    return this.first(limit);
  }

  /**
   * A collection that yields `fn(item)` for each item, still lazily.
   * @example const ids = App.all().map((app) => app.id);
   */
  map<U>(fn: (item: T) => U): Collection<U> {
    return new Collection<U>(async (cursor, signal) => {
      const page = await this.load(cursor, signal);
      return { items: page.items.map(fn), next: page.next };
    }, this.signal);
  }

  private throwIfAborted(): void {
    if (this.signal?.aborted) throw new AbortError('Iteration aborted');
  }
}

/**
 * A collection of one page, for the lists the API does not paginate (keys, webhooks, devices).
 * @example return singlePage(async () => (await request()).keys.map(toKey));
 */
export function singlePage<T>(
  load: (signal?: AbortSignal) => Promise<T[]>,
  signal?: AbortSignal,
): Collection<T> {
  return new Collection<T>(async (_cursor, s) => ({ items: await load(s), next: undefined }), signal);
}
