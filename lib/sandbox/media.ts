/**
 * Serves uploaded attachments back at their `mediaUrl` (public, no auth, as the API's media host).
 */
import type { ServerResponse } from 'node:http';
import type { SandboxStore } from './store.js';

/** Where attachments live: `/media/apps/{appId}/{attachmentId}/{filename}`. */
export const MEDIA_PREFIX = '/media/apps/';

/**
 * Answers a GET / HEAD of a media URL and returns true, or returns false when the URL is not one.
 * @example if (serveMedia(method, url, store, res)) return;
 */
export function serveMedia(method: string, url: URL, store: SandboxStore, res: ServerResponse): boolean {
  if (!url.pathname.startsWith(MEDIA_PREFIX) || (method !== 'GET' && method !== 'HEAD')) return false;
  const [appId = '', id = ''] = url.pathname.slice(MEDIA_PREFIX.length).split('/');
  const attachment = store.apps.get(appId)?.attachments.get(id);
  if (!attachment) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
    return true;
  }
  res.writeHead(200, { 'content-type': attachment.mediaType, 'content-length': attachment.data.length });
  res.end(method === 'HEAD' ? undefined : attachment.data);
  return true;
}
