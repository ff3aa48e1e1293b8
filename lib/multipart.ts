/**
 * A multipart/form-data body of one file field, that can be sent more than once.
 *
 * Why not hand got a `FormData`: got encodes it into a one-shot generator and keeps the first attempt's
 * `content-length`, so when a 429 is retried the second attempt sends no bytes against that length and hangs
 * until the timeout. This body is an async iterable that starts over on every iteration (each attempt reads the
 * Blob again; a file path's Blob reads the file again), with its exact length known up front.
 */
import { randomBytes } from 'node:crypto';

/** The body and its headers, ready for `connection.request({ body, headers })`. */
export interface MultipartBody {
  body: AsyncIterable<Uint8Array>;
  headers: { 'content-type': string; 'content-length': string };
}

/**
 * Encodes one file as the only field of a multipart/form-data body.
 * @example const { body, headers } = multipart('source', blob, 'photo.jpg');
 */
export function multipart(field: string, blob: Blob, filename: string): MultipartBody {
  const boundary = `smooch-record-${randomBytes(16).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${escape(field)}"; filename="${escape(filename)}"\r\n` +
      `Content-Type: ${blob.type || 'application/octet-stream'}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: {
      async *[Symbol.asyncIterator]() {
        yield head;
        // Node's web ReadableStream is async-iterable; a file-backed Blob streams from disk.
        for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) yield chunk;
        yield tail;
      },
    },
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.byteLength + blob.size + tail.byteLength),
    },
  };
}

/** Quotes in names as browsers do (WHATWG HTML, "multipart/form-data encoding"): `"`, CR and LF percent-encoded. */
function escape(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
