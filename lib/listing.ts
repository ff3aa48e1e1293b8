/**
 * Builds `Collection`s of models from the API's list endpoints: cursor pages (`page[after]` / `page[before]`,
 * `page[size]`, `meta.hasMore`, `meta.afterCursor` / `meta.beforeCursor`) and unpaginated lists.
 */
import { Collection, type ListOptions, singlePage, validatePageSize } from './collection.js';
import type { RequestOptions } from './connection/index.js';
import { ParseError } from './errors.js';
import { type Binding, hydrateReceived, type Model, type ModelClass } from './model.js';
import { excerptOf, isPlainObject } from './wire.js';

/** What a list endpoint looks like to the model that calls it. */
export interface ListSpec {
  path: string;
  /** The wrapper key of the items in the answer (`apps`, `clients`, ...). */
  key: string;
  query?: RequestOptions['query'];
  /** `after` walks forward (most lists); `before` walks back in time (messages). */
  direction?: 'after' | 'before';
  /** Whether the endpoint takes `page[size]` (ListMessages ignores it). */
  sized?: boolean;
}

/**
 * Options of a paged list: page size, cancellation, and a cursor to resume from (seed 001's `page[after]`).
 * A cursor is a record id: a page's `meta.afterCursor` / `meta.beforeCursor`, or the id of an item seen last.
 * @example Integration.all({}, { after: lastSeenId, pageSize: 50 })
 */
export interface PagedListOptions extends ListOptions {
  /** Only records after this id; the walk goes on forward. */
  after?: string;
  /** Only records before this id; the walk goes on backward. Not with `after` (the API takes one). */
  before?: string;
}

/**
 * The cursor a list starts from and the way it walks, from `after` / `before`; a TypeError before any
 * request for a cursor that is not a non-empty string, or for both at once.
 * @example startOf({ after: '5e16' }, 'after') // { direction: 'after', cursor: '5e16' }
 */
export function startOf(
  options: Pick<PagedListOptions, 'after' | 'before'>,
  direction: 'after' | 'before',
): { direction: 'after' | 'before'; cursor: string | undefined } {
  const { after, before } = options;
  for (const [name, value] of [
    ['after', after],
    ['before', before],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
      throw new TypeError(
        `${name} must be a non-empty cursor string (a record id), got ${JSON.stringify(value)}`,
      );
    }
  }
  if (after !== undefined && before !== undefined) {
    throw new TypeError('Pass after or before, not both: the API takes one cursor a request');
  }
  if (after !== undefined) return { direction: 'after', cursor: after };
  if (before !== undefined) return { direction: 'before', cursor: before };
  return { direction, cursor: undefined };
}

interface Meta {
  hasMore?: boolean;
  afterCursor?: string;
  beforeCursor?: string;
}

/**
 * A lazy list over cursor pages, hydrating each item into `Class`. Validates the page size before any request.
 * @example return cursorList(App, binding, { path: '/v2/apps', key: 'apps' }, options);
 */
export function cursorList<M extends Model>(
  Class: ModelClass<M>,
  binding: Binding,
  spec: ListSpec,
  options: PagedListOptions & { timeout?: number } = {},
): Collection<M> {
  validatePageSize(options.pageSize);
  const start = startOf(options, spec.direction ?? 'after');
  const direction = start.direction;
  return new Collection<M>(async (next, signal) => {
    // No cursor means a walk starts (each iteration starts over): from the caller's cursor, if any.
    const cursor = next ?? start.cursor;
    const body = await binding.connection.request<Record<string, unknown>>({
      method: 'GET',
      path: spec.path,
      query: {
        ...spec.query,
        ...(spec.sized !== false && options.pageSize ? { 'page[size]': options.pageSize } : {}),
        ...(cursor ? { [`page[${direction}]`]: cursor } : {}),
      },
      signal,
      timeout: options.timeout,
    });
    const items = itemsOf(Class, binding, body, spec.key);
    const meta = (isPlainObject(body.meta) ? body.meta : {}) as Meta;
    const onward = direction === 'after' ? meta.afterCursor : meta.beforeCursor;
    return {
      items,
      next: meta.hasMore && onward ? onward : undefined,
    };
  }, options.signal);
}

/**
 * A lazy list of an endpoint that answers everything in one response (keys, webhooks, devices).
 * @example return plainList(Key, binding, { path, key: 'keys' }, options);
 */
export function plainList<M extends Model>(
  Class: ModelClass<M>,
  binding: Binding,
  spec: Pick<ListSpec, 'path' | 'key' | 'query'>,
  options: { signal?: AbortSignal; timeout?: number } = {},
): Collection<M> {
  return singlePage(async (signal) => {
    const body = await binding.connection.request<Record<string, unknown>>({
      method: 'GET',
      path: spec.path,
      query: spec.query,
      signal,
      timeout: options.timeout,
    });
    return itemsOf(Class, binding, body, spec.key);
  }, options.signal);
}

/**
 * The items under `key` of a list answer, hydrated; none when the key is missing. A `ParseError` with an excerpt
 * when the answer is no object or the items no array (issue 17: never a raw TypeError from what a server sent).
 */
function itemsOf<M extends Model>(Class: ModelClass<M>, binding: Binding, body: unknown, key: string): M[] {
  if (!isPlainObject(body))
    throw new ParseError('The API answered a list with no JSON object', excerptOf(body));
  const items = body[key] ?? [];
  if (!Array.isArray(items)) {
    throw new ParseError(`The API answered a list whose "${key}" is not an array`, excerptOf(items));
  }
  return items.map((plain) => hydrateReceived(Class, plain, binding));
}
