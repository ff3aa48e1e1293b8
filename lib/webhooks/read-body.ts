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

/**
 * The delivery body, or `BodyTooLarge` past `limit` bytes (declared by Content-Length or counted).
 * @example const body = await readBody(req, 1024 * 1024);
 */
export async function readBody(req: WebhookRequest, limit: number): Promise<WebhookBody> {
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
  return readStream(req, limit);
}

function readStream(req: WebhookRequest, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
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
