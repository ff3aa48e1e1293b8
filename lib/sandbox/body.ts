/**
 * Reading request bodies: JSON (100 kB, as the API's limit) and multipart uploads (50 MB).
 */
import type { IncomingMessage } from 'node:http';
import { badRequest, SandboxHttpError } from './errors.js';

const JSON_LIMIT = 100 * 1024;
const UPLOAD_LIMIT = 50 * 1024 * 1024;

/** The parsed body of a request: JSON, a multipart form, or nothing. */
export interface ParsedBody {
  json?: unknown;
  form?: FormData;
}

/**
 * Reads and parses the body according to its content type.
 * @example const { json, form } = await readBody(req);
 */
export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  // The media type is case-insensitive, the multipart boundary is not: compare lowercased, pass on as sent.
  const header = String(req.headers['content-type'] ?? '');
  const type = header.toLowerCase();
  const multipart = type.startsWith('multipart/form-data');
  const raw = await readAll(req, multipart ? UPLOAD_LIMIT : JSON_LIMIT);
  if (raw.length === 0) return {};
  if (multipart) {
    try {
      const form = await new Response(raw, { headers: { 'content-type': header } }).formData();
      return { form };
    } catch {
      throw badRequest('Malformed multipart body');
    }
  }
  if (!type.includes('json')) throw badRequest('Request bodies must be application/json');
  try {
    // Why the reviver: a "__proto__" key must stay inert data, never reach an object's prototype.
    return {
      json: JSON.parse(raw.toString('utf8'), (key, value) => (key === '__proto__' ? undefined : value)),
    };
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
}

async function readAll(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new SandboxHttpError(413, 'payload_too_large', `The request body exceeds ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
