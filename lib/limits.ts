/**
 * The API's request size limits, checked locally so an oversized request fails with a clear error before any
 * byte is sent instead of as an opaque 413 after the upload (spec, "Request Size Limits": JSON 100kb, file
 * upload 50mb). Pure functions, no I/O.
 */

/**
 * The largest JSON body the API accepts: "100kb", in bytes of UTF-8 (as body parsers count a kb).
 * @example if (Buffer.byteLength(text) > MAX_JSON_BYTES) splitIntoMessages(text);
 */
export const MAX_JSON_BYTES = 100 * 1024;

/**
 * The largest file the API accepts for an upload: "50mb", in bytes.
 * @example if (stat.size > MAX_UPLOAD_BYTES) return 'too large to send';
 */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Throws a RangeError when `json`, serialised, is larger than the API accepts; returns its size in bytes.
 * @example checkJsonSize({ content: { type: 'text', text: 'hi' } }) // 39
 */
export function checkJsonSize(json: unknown, limit = MAX_JSON_BYTES): number {
  return json === undefined ? 0 : checkJsonText(JSON.stringify(json) ?? '', limit);
}

/**
 * The same check on JSON already serialised (the connection serialises each body once).
 * @example checkJsonText('{"a":1}') // 7
 */
export function checkJsonText(text: string, limit = MAX_JSON_BYTES): number {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limit) {
    throw new RangeError(
      `The JSON body is ${formatBytes(bytes)}; the API accepts at most ${formatBytes(limit)}. ` +
        'Send long content as an attachment (Attachment.upload) or split it',
    );
  }
  return bytes;
}

/**
 * Throws a RangeError when an upload of `bytes` is larger than the API accepts.
 * @example checkUploadSize(stat.size, 'photo.jpg')
 */
export function checkUploadSize(bytes: number, what = 'The file', limit = MAX_UPLOAD_BYTES): void {
  if (bytes > limit) throw uploadTooLarge(what, bytes, limit);
}

/**
 * The error for an upload over the limit; `bytes` is omitted when reading stopped as soon as it passed the limit.
 * @example throw uploadTooLarge('The stream');
 */
export function uploadTooLarge(what: string, bytes?: number, limit = MAX_UPLOAD_BYTES): RangeError {
  const size = bytes === undefined ? `over ${formatBytes(limit)}` : formatBytes(bytes);
  return new RangeError(`${what} is ${size}; the API accepts uploads of at most ${formatBytes(limit)}`);
}

/** `102400` -> `'102,400 bytes (100 kB)'`: the exact count, and a rounded one people can read. */
export function formatBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes >= 1024 * 1024) return `${exact} (${+(bytes / 1024 / 1024).toFixed(1)} MB)`;
  if (bytes >= 1024) return `${exact} (${+(bytes / 1024).toFixed(1)} kB)`;
  return exact;
}
