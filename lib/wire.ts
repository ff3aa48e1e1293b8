/**
 * The wire shape of models and the deep diff that `save()` sends. Pure functions, no I/O.
 */

type Plain = Record<string, unknown>;

/**
 * Whether `value` is an object whose keys are data: not null, not an array, not a Date. Model and nested
 * class instances count (their fields are walked like a plain object's).
 * @example isPlainObject({ a: 1 }) // true; isPlainObject([1]) // false; isPlainObject(new Date()) // false
 */
export function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A field of `target`, never one inherited from Object.prototype (`constructor`, `__proto__`, `toString`). */
function own(target: Plain, key: string): unknown {
  return Object.hasOwn(target, key) || !(key in Object.prototype) ? target[key] : undefined;
}

/** Sets `key` as plain data, also when it is `__proto__` (an assignment would swap the prototype instead). */
function put(target: Plain, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** What the server sent for a date field that holds no time, by the Invalid Date standing for it. */
const sent = new WeakMap<Date, unknown>();

/**
 * An Invalid Date for a date field whose wire value is no time (`"garbage"`): `toWire()` / `toJSON()` give
 * `raw` back, so the model stays serialisable and what the server sent stays visible.
 * @example toWire({ at: invalidDate('garbage') }) // { at: 'garbage' }
 */
export function invalidDate(raw: unknown): Date {
  const date = new Date(NaN);
  sent.set(date, raw);
  return date;
}

/**
 * The wire value an Invalid Date of `invalidDate()` stands for; null for any other Invalid Date (one a user
 * made: JSON has no invalid time, and null is how the API unsets a field).
 * @example sentAs(invalidDate('garbage')) // 'garbage'
 */
export function sentAs(date: Date): unknown {
  return sent.has(date) ? sent.get(date) : null;
}

/**
 * The start of a wire value as JSON, at most `room` characters, for an error's excerpt. Why not
 * `JSON.stringify`: it recurses through the whole value, and a value too deep for the stack is what some
 * excerpts are for; this walks only as deep as the room lasts.
 * @example excerptOf({ a: { b: [1, 2] } }) // '{"a":{"b":[1,2]}}'
 */
export function excerptOf(value: unknown, room = 60): string {
  let out = '';
  const write = (item: unknown): void => {
    if (out.length >= room) return;
    if (typeof item !== 'object' || item === null || item instanceof Date) {
      const wire = toWire(item);
      out += JSON.stringify(typeof wire === 'string' ? wire.slice(0, room) : wire) ?? String(wire);
      return;
    }
    const array = Array.isArray(item);
    out += array ? '[' : '{';
    for (const [i, key] of Object.keys(item).entries()) {
      if (out.length >= room) break;
      out += (i > 0 ? ',' : '') + (array ? '' : `${JSON.stringify(key)}:`);
      write((item as Plain)[key]);
    }
    out += array ? ']' : '}';
  };
  write(value);
  return out.length > room ? `${out.slice(0, room)}...` : out;
}

/**
 * Converts a model (or any value) to JSON-ready data: `Date` to ISO string, nested objects copied, functions and
 * `undefined` fields dropped.
 * @example toWire({ at: new Date(0) }) // { at: '1970-01-01T00:00:00.000Z' }
 */
export function toWire(value: unknown): unknown {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? toWire(sentAs(value)) : value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (isPlainObject(value)) {
    const out: Plain = {};
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined || typeof item === 'function') continue;
      put(out, key, toWire(item));
    }
    return out;
  }
  return value;
}

/** Deep equality of a wire value (`before`, as the server sent it) and a model value (`after`). */
function same(before: unknown, after: unknown): boolean {
  if (after instanceof Date) {
    if (Number.isNaN(after.getTime())) return same(before, sentAs(after));
    if (typeof before === 'number') return before === after.getTime();
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
    for (const key of keys) if (!same(own(before, key), own(after, key))) return false;
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
    const b = own(before, key);
    const a = own(after, key);
    if (same(b, a)) continue;
    if (a === undefined) {
      put(out, key, null);
    } else if (isPlainObject(a) && isPlainObject(b)) {
      const nested = diffObject(b, a, new Set([...Object.keys(b), ...Object.keys(a)]));
      if (nested) put(out, key, nested);
    } else {
      put(out, key, toWire(a));
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
