/**
 * Serves uploaded attachments back at their `mediaUrl`. The URL carries a random 128-bit token, so it is the
 * credential (as the API's media host): nobody reaches a file without having been given its URL. A request
 * that does send credentials must hold the owning app's. Files a browser would run (HTML, SVG, XML, scripts,
 * anything not known to be inert) are served as downloads, never rendered on the sandbox's origin.
 */
import type { ServerResponse } from 'node:http';
import { authenticate, authorize } from './auth.js';
import { SandboxHttpError } from './errors.js';
import type { SandboxStore } from './store.js';

/** Where attachments live: `/media/apps/{appId}/{token}/{filename}`. */
export const MEDIA_PREFIX = '/media/apps/';

/** Media types a browser shows without running anything: served inline; everything else is a download. */
const INLINE = /^(image\/(png|jpeg|gif|webp|bmp|avif)|audio\/[\w.+-]+|video\/[\w.+-]+|text\/plain)$/;

/**
 * Answers a GET / HEAD of a media URL and returns true, or returns false when the URL is not one.
 * @example if (serveMedia(method, url, req.headers.authorization, store, res)) return;
 */
export function serveMedia(
  method: string,
  url: URL,
  authorization: string | undefined,
  store: SandboxStore,
  res: ServerResponse,
): boolean {
  if (!url.pathname.startsWith(MEDIA_PREFIX) || (method !== 'GET' && method !== 'HEAD')) return false;
  const [appId = '', token = ''] = url.pathname.slice(MEDIA_PREFIX.length).split('/');
  const attachment = store.apps.get(appId)?.attachments.get(token);
  try {
    if (authorization)
      authorize(authenticate(authorization, store), ['integration', 'app', 'account'], appId);
  } catch (error) {
    const { status, title } = error as SandboxHttpError;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(title);
    return true;
  }
  if (!attachment) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return true;
  }
  const type = attachment.mediaType.split(';')[0]!.trim().toLowerCase();
  res.writeHead(200, {
    'content-type': attachment.mediaType,
    'content-length': attachment.data.length,
    'x-content-type-options': 'nosniff',
    'content-disposition': INLINE.test(type) ? 'inline' : 'attachment',
    // Why a sandboxing CSP as well: a browser that renders the file anyway runs no script on this origin.
    'content-security-policy': "sandbox; default-src 'none'",
  });
  res.end(method === 'HEAD' ? undefined : attachment.data);
  return true;
}

/** The id of the attachment a media URL of the sandbox names, or undefined. @example attachmentIdOf(url) */
export function attachmentIdOf(mediaUrl: string): string | undefined {
  const { pathname } = new URL(mediaUrl);
  if (!pathname.startsWith(MEDIA_PREFIX)) return undefined;
  return pathname.slice(MEDIA_PREFIX.length).split('/')[1];
}
