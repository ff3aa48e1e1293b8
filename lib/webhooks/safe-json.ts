/**
 * JSON for bodies that come from the network: bounded in size and depth, and copied into fresh plain objects
 * without the keys that reach prototypes (`__proto__`, `constructor`, `prototype`).
 *
 * Why copy: `JSON.parse` itself only creates an own `__proto__` property, but the next step that assigns keys
 * one by one (class-transformer's hydration, a deep merge, `Object.assign`) would follow it to
 * `Object.prototype`. Dropping those keys at the boundary keeps every later step safe.
 */
import { ParseError } from '../errors.js';

/**
 * Default largest body accepted, in bytes (1 MB; the API's own JSON requests are limited to 100 kB).
 * @example Notification.handler({ secret, limit: 2 * DEFAULT_BODY_LIMIT, on })
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/**
 * Default deepest nesting accepted; real deliveries nest about 8 levels.
 * @example if (depth > DEFAULT_MAX_DEPTH) throw new RangeError('too deep');
 */
export const DEFAULT_MAX_DEPTH = 64;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Limits of one parse. */
export interface JsonLimits {
  /** Largest body in bytes. */
  limit?: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth?: number;
}

/**
 * Parses a JSON text (string or bytes) within limits, into plain data without prototype keys.
 * @example safeJsonParse('{"__proto__":{"polluted":1},"a":1}') // { a: 1 }
 */
export function safeJsonParse(body: string | Uint8Array, limits: JsonLimits = {}): unknown {
  const limit = limits.limit ?? DEFAULT_BODY_LIMIT;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (size > limit) {
    throw new ParseError(
      `Webhook body of ${size} bytes is larger than the ${limit}-byte limit`,
      excerpt(body),
    );
  }
  const text = (typeof body === 'string' ? body : Buffer.from(body).toString('utf8')).replace(/^\uFEFF/, '');
  checkDepth(text, maxDepth);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ParseError('Webhook body is not valid JSON', excerpt(text));
  }
  return sanitize(parsed, maxDepth);
}

/**
 * A deep copy of already-parsed data (a body parser's `req.body`) without prototype keys, refused beyond
 * `maxDepth` (which also stops cycles).
 * @example sanitize(JSON.parse('{"constructor":{"prototype":{"x":1}},"b":2}')) // { b: 2 }
 */
export function sanitize(value: unknown, maxDepth = DEFAULT_MAX_DEPTH, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= maxDepth) throw tooDeep(maxDepth, '(parsed body)');
  if (Array.isArray(value)) return value.map((item) => sanitize(item, maxDepth, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) continue;
    out[key] = sanitize((value as Record<string, unknown>)[key], maxDepth, depth + 1);
  }
  return out;
}

/** Refuses text nested deeper than `maxDepth` in one linear pass, before `JSON.parse` builds anything. */
function checkDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw tooDeep(maxDepth, excerpt(text));
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
}

function tooDeep(maxDepth: number, start: string): ParseError {
  return new ParseError(`Webhook body is nested deeper than ${maxDepth} levels`, start);
}

/** The first characters of a body, for the error (a delivery body holds no secret: that is in a header). */
function excerpt(body: string | Uint8Array): string {
  return typeof body === 'string' ? body.slice(0, 40) : Buffer.from(body.subarray(0, 40)).toString('utf8');
}
