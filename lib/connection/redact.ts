/**
 * Removes the connection's own credentials (its secret or access token, and the Authorization values it
 * sent: a Basic value or JWTs) from what an error keeps of a response. Why: a proxy or a misconfigured
 * gateway may echo the request's Authorization header in its body or headers, and errors get logged.
 */

/** What stands where a credential was. */
export const REDACTED = '[redacted]';
/** Shorter values are not searched for: they would match ordinary words. Real secrets are far longer. */
const MIN_LENGTH = 8;
/** Authorization values remembered: the current one and a few before it (a retry may carry an older JWT). */
const KEPT_AUTHORIZATIONS = 4;

/**
 * The credentials of one connection, and the functions that take them out of text, bodies and headers.
 * @example const redactor = new Redactor([secret]); redactor.text(`echo: ${secret}`) // 'echo: [redacted]'
 */
export class Redactor {
  readonly #fixed: string[];
  readonly #authorizations: string[] = [];
  /** Every value, longest first, so that a value holding another is replaced whole. */
  #values: string[];

  constructor(values: Array<string | undefined>) {
    this.#fixed = values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_LENGTH);
    this.#values = [...this.#fixed];
  }

  /** Remembers an Authorization header value sent (`Basic ...`, `Bearer ...`): the whole and the credential. */
  remember(authorization: string): void {
    const credential = authorization.slice(authorization.indexOf(' ') + 1);
    if (credential.length < MIN_LENGTH || this.#authorizations.includes(credential)) return;
    this.#authorizations.unshift(credential);
    this.#authorizations.length = Math.min(this.#authorizations.length, KEPT_AUTHORIZATIONS);
    this.#values = [...this.#fixed, ...this.#authorizations].sort((a, b) => b.length - a.length);
  }

  /** `text` with every credential replaced by `[redacted]`. */
  text(text: string): string {
    let out = text;
    for (const value of this.#values) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return out;
  }

  /**
   * A parsed body (or raw text) with credentials replaced in every string and key, at any depth. Works in
   * place (the body was parsed for this error alone) and without recursion, so a body nested 10,000 deep
   * cannot overflow the stack.
   */
  body(body: unknown): unknown {
    if (typeof body === 'string') return this.text(body);
    if (!body || typeof body !== 'object' || this.#values.length === 0) return body;
    const stack: object[] = [body];
    while (stack.length > 0) {
      const node = stack.pop() as Record<string, unknown>;
      for (const key of Object.keys(node)) {
        const value = node[key];
        if (typeof value === 'string') {
          const clean = this.text(value);
          // defineProperty, not assignment: a `__proto__` key of parsed JSON stays plain data.
          if (clean !== value) Object.defineProperty(node, key, { value: clean });
        } else if (value && typeof value === 'object') stack.push(value);
        const cleanKey = this.text(key);
        if (cleanKey !== key) {
          Object.defineProperty(node, cleanKey, {
            value: node[key],
            enumerable: true,
            writable: true,
            configurable: true,
          });
          delete node[key];
        }
      }
    }
    return body;
  }

  /** A copy of response headers with credentials replaced in their values. */
  headers(
    headers: Record<string, string | string[] | undefined>,
  ): Record<string, string | string[] | undefined> {
    // fromEntries defines properties: a header named `__proto__` stays a plain entry.
    return Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [
        name,
        Array.isArray(value)
          ? value.map((v) => this.text(v))
          : value === undefined
            ? value
            : this.text(value),
      ]),
    );
  }
}
