/**
 * Keeps events loggable: `JSON.stringify(event)`, `String(event)` and `util.inspect(event)` never throw, so a
 * handler that logs its event does not answer 500 to every redelivery of a strange payload.
 *
 * Two things could make them throw. A payload key named like an `Object.prototype` method (`toString: 1`)
 * copied onto the event shadows the method `String()` calls: such keys stay in `event.payload` only. And a
 * date field the API sent as something that is not a time (`message.received: "garbage"`) hydrates into an
 * Invalid Date, whose `toISOString()` throws when a model is turned into JSON: such a field reads as
 * `undefined` on the model (as `event.createdAt` does on the event), and its raw value stays in `event.payload`.
 */

/** Keys never copied from a payload onto the event: they would shadow what `String()` or JSON use. */
const SHADOWING = new Set([...Object.getOwnPropertyNames(Object.prototype), 'toJSON']);

/**
 * Whether a payload key may become an event field.
 * @example isSafeEventKey('toString') // false: it stays in event.payload
 */
export function isSafeEventKey(key: string): boolean {
  return !SHADOWING.has(key);
}

/**
 * `value` (a model, an array of them, a pair) with every Invalid Date field removed, deeply; changed in place.
 * @example withoutInvalidDates(message).received // undefined when the API sent "garbage"
 */
export function withoutInvalidDates<T>(value: T, seen = new Set<object>()): T {
  if (typeof value !== 'object' || value === null || value instanceof Date || seen.has(value)) return value;
  seen.add(value);
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const item = fields[key];
    if (item instanceof Date) {
      if (Number.isNaN(item.getTime())) delete fields[key];
    } else withoutInvalidDates(item, seen);
  }
  return value;
}
