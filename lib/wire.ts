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

/**
 * Keys class-transformer treats as machinery instead of data: it assigns `__proto__` (swapping the prototype),
 * throws on an object holding a `constructor` key, and silently skips any key whose inherited value is a
 * function (`valueOf`, `toString`, `hasOwnProperty`, ...). Free-form wire data (metadata) may hold all of them;
 * a skipped key would look deleted to dirty tracking, and `save()` would then send `null` for it.
 */
function isUnsafeKey(key: string): boolean {
  return key in Object.prototype;
}

/** Top-level keys that are never data: a model's own constructor and prototype. */
const MACHINERY = new Set(['__proto__', 'constructor']);
const ESCAPED = '\u0000smooch-record:';

/**
 * A deep copy of wire data that class-transformer can hydrate safely: keys named like Object.prototype members
 * are renamed below the top level (`restoreKeys` puts them back), `__proto__` / `constructor` are dropped at the
 * top level, and top-level keys in `shadowed` (accessors a wire field may shadow, like `appId`) are renamed too.
 * @example escapeKeys({ metadata: { valueOf: 1 } }, new Set()).escaped // true
 */
export function escapeKeys(
  plain: Plain,
  shadowed: ReadonlySet<string>,
  dropped: ReadonlySet<string> = new Set(),
): { plain: Plain; escaped: boolean } {
  let escaped = false;
  const copy = (value: unknown, top: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => copy(item, false));
    if (!isPlainObject(value)) return value;
    const out: Plain = {};
    for (const key of Object.keys(value)) {
      if (top && (MACHINERY.has(key) || dropped.has(key))) continue;
      const rename = top ? shadowed.has(key) : isUnsafeKey(key);
      escaped ||= rename;
      out[rename ? ESCAPED + key : key] = copy(value[key], false);
    }
    return out;
  };
  return { plain: copy(plain, true) as Plain, escaped };
}

/** Renames the keys `escapeKeys` renamed back, in place, as own enumerable data properties. */
export function restoreKeys(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(restoreKeys);
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    const item = value[key];
    restoreKeys(item);
    if (!key.startsWith(ESCAPED)) continue;
    delete value[key];
    Object.defineProperty(value, key.slice(ESCAPED.length), {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
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
      put(out, key, toWire(item));
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
