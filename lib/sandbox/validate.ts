/**
 * Request validation with the API's 400 `bad_request` answers: required fields, types, sizes, enums.
 */
import { badRequest } from './errors.js';
import type { Wire } from './store.js';

/** The JSON body as an object, or a 400. @example const body = bodyObject(ctx.body); */
export function bodyObject(body: unknown): Wire {
  if (!isPlainObject(body)) throw badRequest('The request body must be a JSON object');
  return body;
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Wire {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface TextRules {
  required?: boolean;
  nullable?: boolean;
  max?: number;
  oneOf?: readonly string[];
}

/**
 * A string field, checked against `rules`; undefined when absent and not required.
 * @example const displayName = text(body, 'displayName', { required: true, max: 100 });
 */
export function text(object: Wire, field: string, rules: TextRules = {}): string | null | undefined {
  const value = object[field];
  if (value === undefined || (value === null && rules.nullable)) {
    if (rules.required) throw badRequest(`${field} is required`);
    return value as null | undefined;
  }
  if (typeof value !== 'string' || value.length === 0)
    throw badRequest(`${field} must be a non-empty string`);
  if (rules.max !== undefined && value.length > rules.max) {
    throw badRequest(`${field} must be at most ${rules.max} characters`);
  }
  if (rules.oneOf && !rules.oneOf.includes(value)) {
    throw badRequest(`${field} must be one of ${rules.oneOf.join(', ')}`);
  }
  return value;
}

/** A required string field. @example const target = requiredText(body, 'target'); */
export function requiredText(object: Wire, field: string, rules: Omit<TextRules, 'required'> = {}): string {
  return text(object, field, { ...rules, required: true }) as string;
}

/** A boolean field, or undefined when absent. @example flag(body, 'includeFullUser') */
export function flag(object: Wire, field: string): boolean | undefined {
  const value = object[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${field} must be a boolean`);
  return value;
}

/** An object field (or null when `nullable`), or undefined when absent. @example record(body, 'profile') */
export function record(object: Wire, field: string, nullable = false): Wire | null | undefined {
  const value = object[field];
  if (value === undefined || (value === null && nullable)) return value as null | undefined;
  if (!isPlainObject(value)) throw badRequest(`${field} must be an object${nullable ? ' or null' : ''}`);
  return value;
}

/** `metadata`: an object of at most 4096 bytes, or null. @example metadata(body) */
export function metadata(object: Wire, field = 'metadata'): Wire | null | undefined {
  const value = record(object, field, true);
  if (value && Buffer.byteLength(JSON.stringify(value)) > 4096) {
    throw badRequest(`${field} is limited to 4096 bytes in size.`);
  }
  return value;
}

/** A non-empty array of strings, each one of `allowed` when given. @example strings(body, 'triggers', TRIGGERS) */
export function strings(object: Wire, field: string, allowed?: readonly string[]): string[] | undefined {
  const value = object[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string')) {
    throw badRequest(`${field} must be a non-empty array of strings`);
  }
  const unknown = allowed ? value.filter((item) => !allowed.includes(item)) : [];
  if (unknown.length) throw badRequest(`${field}: unknown value ${unknown.join(', ')}`);
  return value as string[];
}

/** Refuses fields a body may not carry. @example onlyFields(body, ['displayName', 'settings', 'metadata']); */
export function onlyFields(object: Wire, allowed: readonly string[]): void {
  const extra = Object.keys(object).filter((key) => !allowed.includes(key));
  if (extra.length) throw badRequest(`Unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`);
}

/** A URL field (http or https). @example url(body, 'target', true) */
export function url(object: Wire, field: string, required = false): string | undefined {
  const value = text(object, field, { required });
  if (value === undefined || value === null) return undefined;
  try {
    if (/^https?:$/.test(new URL(value).protocol)) return value;
  } catch {
    // fall through to the error below
  }
  throw badRequest(`${field} must be an http(s) URL`);
}

/**
 * A PATCH of an object field: given keys replace, `null` unsets a key (as the API does for metadata keys).
 * @example mergePatch({ a: 1, b: 2 }, { b: null, c: 3 }) // { a: 1, c: 3 }
 */
export function mergePatch(target: Wire | null | undefined, changes: Wire): Wire {
  const merged = { ...target };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
