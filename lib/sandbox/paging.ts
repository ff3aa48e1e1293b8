/**
 * Cursor pages as the API serves them: `page[after]` / `page[before]` (record ids, only one of them),
 * `page[size]` (1-100, default 25), `meta.hasMore` / `afterCursor` / `beforeCursor`, `links.next` / `prev`.
 */
import type { Context } from './context.js';
import { badRequest } from './errors.js';
import { isId } from './ids.js';

/** One page of a list. */
export interface PageOf<T> {
  items: T[];
  meta: { hasMore: boolean; afterCursor?: string; beforeCursor?: string };
  links: { next?: string; prev?: string };
}

/** How a list pages: forward from the oldest (most lists) or backward from the newest (messages, size 100). */
export interface PagingOptions {
  newestFirst?: boolean;
}

/**
 * The page of `items` (in creation order, so in id order) the query asks for.
 * @example const { items, meta, links } = page(ctx, [...app.integrations.values()]);
 */
export function page<T extends { id: string }>(
  ctx: Context,
  items: T[],
  options: PagingOptions = {},
): PageOf<T> {
  const { after, before, size } = pageQuery(ctx, options);
  let start: number;
  let end: number;
  if (after !== undefined) {
    start = items.findIndex((item) => item.id > after);
    if (start < 0) start = items.length;
    end = Math.min(items.length, start + size);
  } else if (before !== undefined || options.newestFirst) {
    end = before === undefined ? items.length : items.findIndex((item) => item.id >= before);
    if (end < 0) end = items.length;
    start = Math.max(0, end - size);
  } else {
    start = 0;
    end = Math.min(items.length, size);
  }
  const slice = items.slice(start, end);
  const backward = before !== undefined || (after === undefined && options.newestFirst === true);
  const moreAfter = end < items.length && slice.length > 0;
  const moreBefore = start > 0 && slice.length > 0;
  const meta: PageOf<T>['meta'] = { hasMore: backward ? moreBefore : moreAfter };
  const links: PageOf<T>['links'] = {};
  if (moreAfter) {
    meta.afterCursor = slice[slice.length - 1]!.id;
    links.next = link(ctx, 'after', meta.afterCursor);
  }
  if (moreBefore) {
    meta.beforeCursor = slice[0]!.id;
    links.prev = link(ctx, 'before', meta.beforeCursor);
  }
  return { items: slice, meta, links };
}

function pageQuery(ctx: Context, options: PagingOptions): { after?: string; before?: string; size: number } {
  const query = ctx.query;
  for (const key of query.keys()) {
    if (key.startsWith('page[') && !['page[after]', 'page[before]', 'page[size]'].includes(key)) {
      throw badRequest(`Invalid page query parameters: unknown parameter ${key}`);
    }
  }
  const after = query.get('page[after]') ?? undefined;
  const before = query.get('page[before]') ?? undefined;
  if (after !== undefined && before !== undefined) {
    throw badRequest('Invalid page query parameters: only one of page[after] and page[before] may be given');
  }
  for (const cursor of [after, before]) {
    if (cursor !== undefined && !isId(cursor)) {
      throw badRequest('Invalid page query parameters: a cursor must be a record id');
    }
  }
  // Why ignore page[size] for messages: ListMessages has a fixed page size of 100 (see the spec).
  if (options.newestFirst) return { after, before, size: 100 };
  const raw = query.get('page[size]');
  const size = raw === null ? 25 : Number(raw);
  if (raw !== null && (!/^\d+$/.test(raw) || size < 1 || size > 100)) {
    throw badRequest('Invalid page query parameters: page[size] must be an integer from 1 to 100');
  }
  return { after, before, size };
}

function link(ctx: Context, direction: 'after' | 'before', cursor: string): string {
  const url = new URL(ctx.url.pathname, ctx.baseUrl);
  for (const [key, value] of ctx.query) {
    if (key !== 'page[after]' && key !== 'page[before]') url.searchParams.append(key, value);
  }
  url.searchParams.set(`page[${direction}]`, cursor);
  return url.toString();
}
