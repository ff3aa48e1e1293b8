/**
 * Turns what users hand to an upload (a file path, bytes, a readable stream, a Blob / File) into one Blob with
 * a file name and a media type, ready for a multipart body. Every source is measured before any byte is
 * sent, so a file over the API's 50 MB limit is refused locally.
 */
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AbortError } from './errors.js';
import { checkUploadSize, MAX_UPLOAD_BYTES, uploadTooLarge } from './limits.js';
import { extensionOf, mediaTypeOf, OCTET_STREAM } from './media-types.js';

/** What an upload accepts: a file path, bytes, a readable stream (or any async iterable of bytes), a Blob. */
export type MediaSource = string | Uint8Array | Blob | NodeJS.ReadableStream | AsyncIterable<Uint8Array>;

/** How to name and type the file when the source does not say (or to override what it says). */
export interface MediaOptions {
  /** The file name sent to the API (it shows in the media URL); default: the path's or File's name. */
  filename?: string;
  /** The media type; default: the Blob's type, else the file name's extension, else octet-stream. */
  mediaType?: string;
  signal?: AbortSignal;
}

/** A source read into a multipart-ready part. */
export interface MediaFile {
  blob: Blob;
  filename: string;
  mediaType: string;
  size: number;
}

/**
 * Reads `source` into a Blob with a name and type. A path is checked with `stat` and read lazily while sending;
 * a stream is read into memory, counting, and abandoned as soon as it passes the limit.
 * @example const file = await readMedia('./photo.jpg'); // { filename: 'photo.jpg', mediaType: 'image/jpeg', ... }
 */
export async function readMedia(source: MediaSource, options: MediaOptions = {}): Promise<MediaFile> {
  checkOptions(options);
  if (typeof source === 'string') return fromPath(source, options);
  if (source instanceof Blob) return fromBlob(source, options);
  if (source instanceof Uint8Array) {
    checkUploadSize(source.byteLength, 'The buffer');
    return named(new Blob([source]), options);
  }
  if (source && typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    return fromStream(source as AsyncIterable<Uint8Array | string>, options);
  }
  throw new TypeError('An upload source must be a file path, a Buffer, a readable stream or a Blob');
}

async function fromPath(file: string, options: MediaOptions): Promise<MediaFile> {
  if (file.length === 0) throw new TypeError('An upload file path must be a non-empty string');
  const info = await stat(file);
  if (!info.isFile()) throw new TypeError(`Not a file: ${file}`);
  checkUploadSize(info.size, `The file ${basename(file)}`);
  const filename = options.filename ?? basename(file);
  const mediaType = typeOf(filename, options);
  // openAsBlob reads the file while it is sent: a 50 MB video is never held in memory.
  const blob = await openAsBlob(file, { type: mediaType });
  return { blob, filename, mediaType, size: info.size };
}

function fromBlob(blob: Blob, options: MediaOptions): MediaFile {
  const name = (blob as Partial<File>).name;
  checkUploadSize(blob.size, name ? `The file ${name}` : 'The blob');
  return named(blob, { ...options, filename: options.filename ?? (name || undefined) });
}

async function fromStream(
  stream: AsyncIterable<Uint8Array | string>,
  options: MediaOptions,
): Promise<MediaFile> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const path = (stream as { path?: unknown }).path;
  const name = typeof path === 'string' ? basename(path) : undefined;
  try {
    for await (const chunk of stream) {
      if (options.signal?.aborted) throw new AbortError('Upload aborted while reading the stream');
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.byteLength;
      // Stop reading at once: the rest of an oversized stream is never buffered.
      if (size > MAX_UPLOAD_BYTES) throw uploadTooLarge(name ? `The stream of ${name}` : 'The stream');
      chunks.push(bytes);
    }
  } catch (error) {
    (stream as { destroy?: () => void }).destroy?.();
    throw error;
  }
  return named(new Blob(chunks), { ...options, filename: options.filename ?? name });
}

/** Gives a Blob its final type and name; re-wrapping a Blob does not copy its bytes. */
function named(blob: Blob, options: MediaOptions): MediaFile {
  const mediaType =
    options.mediaType ??
    (blob.type || (options.filename ? mediaTypeOf(options.filename) : undefined)) ??
    OCTET_STREAM;
  const extension = extensionOf(mediaType);
  const filename = options.filename ?? (extension ? `file.${extension}` : 'file');
  const typed = blob.type === mediaType ? blob : new Blob([blob], { type: mediaType });
  return { blob: typed, filename, mediaType, size: blob.size };
}

function typeOf(filename: string, options: MediaOptions): string {
  return options.mediaType ?? mediaTypeOf(filename) ?? OCTET_STREAM;
}

function checkOptions(options: MediaOptions): void {
  for (const name of ['filename', 'mediaType'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      throw new TypeError(`${name} must be a non-empty string when given`);
    }
  }
  if (options.mediaType !== undefined && !/^[\w.+-]+\/[\w.+-]+/.test(options.mediaType)) {
    throw new TypeError(`mediaType must look like 'type/subtype', got ${JSON.stringify(options.mediaType)}`);
  }
  if (options.signal?.aborted) throw new AbortError('Upload aborted before the file was read');
}
