/**
 * A tagged template that percent-encodes every interpolated path segment.
 *
 * Why: ids come from users and webhook bodies. Encoding each one keeps an id such as `../keys` or `a/b?c`
 * inside its own segment, so it can never reach another route. `.` and `..` are refused outright, because
 * URL parsers resolve them (also in their `%2E` forms) as "this folder" and "parent folder".
 * @example
 * path`/v2/apps/${appId}/users/${userId}` // '/v2/apps/5d8c/users/a%2Fb'
 */
export function path(strings: TemplateStringsArray, ...ids: unknown[]): string {
  let out = strings[0] ?? '';
  ids.forEach((id, i) => {
    out += segment(id) + (strings[i + 1] ?? '');
  });
  return out;
}

/** Encodes one id as a path segment; throws a `TypeError` for anything that is not a usable id. */
export function segment(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(`Expected a non-empty string id, got ${id === '' ? 'an empty string' : typeof id}`);
  }
  if (id === '.' || id === '..') throw new TypeError(`"${id}" is not a valid id`);
  return encodeURIComponent(id);
}
