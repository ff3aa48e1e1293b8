/**
 * The wire shape of models and the deep diff that `save()` sends. Pure functions, no I/O.
 */

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Converts a model (or any value) to JSON-ready data: `Date` to ISO string, nested objects copied, functions and
 * `undefined` fields dropped.
 * @example toWire({ at: new Date(0) }) // { at: '1970-01-01T00:00:00.000Z' }
 */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (isPlainObject(value)) {
    const out: Plain = {};
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined || typeof item === 'function') continue;
      out[key] = toWire(item);
    }
    return out;
  }
  return value;
}

/** Deep equality of a wire value (`before`, as the server sent it) and a model value (`after`). */
function same(before: unknown, after: unknown): boolean {
  if (after instanceof Date) {
    return typeof before === 'string' ? Date.parse(before) === after.getTime() : false;
  }
  if (Array.isArray(after)) {
    return (
      Array.isArray(before) && before.length === after.length && after.every((v, i) => same(before[i], v))
    );
  }
  if (isPlainObject(after)) {
    if (!isPlainObject(before)) return false;
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) if (!same(before[key], after[key])) return false;
    return true;
  }
  // `undefined` and a missing key are the same thing on the wire.
  return before === after || (before === undefined && after === undefined);
}

/**
 * The PATCH body that brings `before` (server state) to `after` (the model), over `fields` only; undefined when
 * nothing changed. Nested objects are diffed key by key, removed keys become `null` (the API's way to unset a
 * metadata key), arrays are sent whole.
 * @example changesOf({ profile: { a: 1 } }, { profile: { a: 2 } }, ['profile']) // { profile: { a: 2 } }
 */
export function changesOf(before: Plain, after: Plain, fields: readonly string[]): Plain | undefined {
  const out = diffObject(before, after, fields);
  return out && Object.keys(out).length > 0 ? out : undefined;
}

function diffObject(before: Plain, after: Plain, keys: Iterable<string>): Plain | undefined {
  const out: Plain = {};
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (same(b, a)) continue;
    if (a === undefined) {
      out[key] = null;
    } else if (isPlainObject(a) && isPlainObject(b)) {
      const nested = diffObject(b, a, new Set([...Object.keys(b), ...Object.keys(a)]));
      if (nested) out[key] = nested;
    } else {
      out[key] = toWire(a);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
