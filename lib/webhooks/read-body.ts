/**
 * The raw body of a delivery: the one a body parser already read (`req.body` as object, string or Buffer), or
 * the request stream read up to a byte limit.
 */
import type { IncomingMessage } from 'node:http';
import type { WebhookBody } from './parse.js';

/** A request as the handler reads it: Node's, or Express's with `req.body` set by a body parser. */
export type WebhookRequest = IncomingMessage & { body?: unknown };

/** The body is over the limit (the handler answers 413). */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

/** The body did not arrive within the read timeout (the handler answers 408). */
export class BodyTimeout extends Error {
  override name = 'BodyTimeout';
}

/**
 * Default read timeout of a delivery body, in ms: far above what the API needs to send one, far below Node's
 * own (about 330 s), which a body trickled byte by byte with the right key would otherwise hold a socket for.
 */
export const DEFAULT_READ_TIMEOUT = 10_000;

/**
 * Throws a RangeError for a read timeout that is not a positive number of ms (a setup mistake: at creation).
 * @example checkReadTimeout(options.readTimeout);
 */
export function checkReadTimeout(timeout: number | undefined): void {
  if (timeout === undefined) return;
  if (!(typeof timeout === 'number' && timeout > 0 && timeout <= 2 ** 31 - 1)) {
    throw new RangeError(`readTimeout must be a positive number of milliseconds, got ${timeout}`);
  }
}

/**
 * The delivery body, or `BodyTooLarge` past `limit` bytes (declared by Content-Length or counted), or
 * `BodyTimeout` when the whole body has not arrived within `timeout` ms.
 * @example const body = await readBody(req, 1024 * 1024);
 */
export async function readBody(
  req: WebhookRequest,
  limit: number,
  timeout = DEFAULT_READ_TIMEOUT,
): Promise<WebhookBody> {
  const parsed = req.body;
  if (typeof parsed === 'string' || parsed instanceof Uint8Array) {
    if (Buffer.byteLength(parsed) > limit) throw new BodyTooLarge();
    return parsed;
  }
  // express.json() leaves `{}` without reading a body of another content type: then the stream is still there.
  if (parsed && typeof parsed === 'object' && (Object.keys(parsed).length > 0 || req.readableEnded)) {
    return parsed as Record<string, unknown>;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  return readStream(req, limit, timeout);
}

function readStream(req: WebhookRequest, limit: number, timeout: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      done();
      // Drain (not buffer) what still comes, so the 408 can be written; the handler closes the connection.
      req.resume();
      reject(new BodyTimeout());
    }, timeout);
    const done = (): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size <= limit) return void chunks.push(buffer);
      done();
      // Keep draining (not buffering) so the 413 answer can be written; the handler closes the connection.
      req.resume();
      reject(new BodyTooLarge());
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
