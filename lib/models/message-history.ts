/**
 * The history of a conversation as a lazy list, newest message first.
 *
 * Why not `cursorList` as is: ListMessages pages backwards (no cursor = the most recent page, then
 * `page[before]` = `meta.beforeCursor`), its page size is fixed at 100 (`page[size]` is ignored), and the
 * messages inside a page come oldest first. Walking "from the newest" therefore needs each page reversed.
 */
import { Collection } from '../collection.js';
import { type Binding, hydrateReceived } from '../model.js';
import { Message, withConversation } from './message.js';

/** Options of a history walk: cancellation and a per-page timeout (the page size is fixed by the API). */
export interface HistoryOptions {
  signal?: AbortSignal;
  timeout?: number;
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
  return new Collection<Message>(async (cursor, signal) => {
    const body = await binding.connection.request<Record<string, unknown>>({
      method: 'GET',
      path: url,
      query: cursor ? { 'page[before]': cursor } : undefined,
      signal,
      timeout: options.timeout,
    });
    const meta = (body.meta ?? {}) as { hasMore?: boolean; beforeCursor?: string };
    const items = ((body.messages as unknown[]) ?? [])
      .map((plain) => withConversation(hydrateReceived(Message, plain, binding), conversationId))
      .reverse();
    return { items, next: meta.hasMore && meta.beforeCursor ? meta.beforeCursor : undefined };
  }, options.signal);
}
