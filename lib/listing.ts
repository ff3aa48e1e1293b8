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
  options: ListOptions & { timeout?: number } = {},
): Collection<M> {
  validatePageSize(options.pageSize);
  const direction = spec.direction ?? 'after';
  return new Collection<M>(async (cursor, signal) => {
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
    const next = direction === 'after' ? meta.afterCursor : meta.beforeCursor;
    return {
      items,
      next: meta.hasMore && next ? next : undefined,
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
