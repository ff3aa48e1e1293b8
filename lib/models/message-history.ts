/**
 * The history of a conversation as a lazy list, newest message first.
 *
 * Why not `cursorList` as is: ListMessages pages backwards (no cursor = the most recent page, then
 * `page[before]` = `meta.beforeCursor`), its page size is fixed at 100 (`page[size]` is ignored), and the
 * messages inside a page come oldest first. Walking "from the newest" therefore needs each page reversed.
 */
import { Collection } from '../collection.js';
import { startOf } from '../listing.js';
import { type Binding, hydrateReceived } from '../model.js';
import { Message, withConversation } from './message.js';

/** Options of a history walk: cancellation, a per-page timeout (the page size is fixed by the API), a cursor. */
export interface HistoryOptions {
  signal?: AbortSignal;
  timeout?: number;
  /** Start before this message id and go on back in time, newest first (the default walk, resumed). */
  before?: string;
  /** Start after this message id and go forward in time, oldest first (catching up since a message). */
  after?: string;
}

/**
 * Every message of a conversation, newest first, one page (100) at a time, fetched only as iteration needs.
 * @example for await (const message of history(binding, conversationId)) console.log(message.id);
 */
export function history(
  binding: Binding,
  conversationId: string,
  options: HistoryOptions = {},
): Collection<Message> {
  const url = Message.resource.collectionPath(binding, conversationId);
  const start = startOf(options, 'before');
  const back = start.direction === 'before';
  return new Collection<Message>(async (next, signal) => {
    const cursor = next ?? start.cursor;
    const body = await binding.connection.request<Record<string, unknown>>({
      method: 'GET',
      path: url,
      query: cursor ? { [`page[${start.direction}]`]: cursor } : undefined,
      signal,
      timeout: options.timeout,
    });
    const meta = (body.meta ?? {}) as { hasMore?: boolean; beforeCursor?: string; afterCursor?: string };
    const items = ((body.messages as unknown[]) ?? []).map((plain) =>
      withConversation(hydrateReceived(Message, plain, binding), conversationId),
    );
    const onward = back ? meta.beforeCursor : meta.afterCursor;
    return { items: back ? items.reverse() : items, next: meta.hasMore && onward ? onward : undefined };
  }, options.signal);
}
