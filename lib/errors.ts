/**
 * The one error tree of smooch-record, and the one factory that builds an API error from a response.
 *
 * Errors never hold request headers, so the Authorization value (Basic secret or JWT) cannot leak through
 * `error.message`, `error.stack`, `util.inspect(error)` or `JSON.stringify(error)`.
 */

/** One entry of the API's `errors` array (v2), or the legacy `error` object (v1) mapped onto it. */
export interface ApiErrorDetail {
  code: string;
  title: string;
}

/** What the transport knows about a failed response; every field is safe to log. */
export interface ResponseInfo {
  status: number;
  method: string;
  /** Path and query of the request (never the host's credentials: there are none in URLs). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the raw text when the body was not JSON. */
  body: unknown;
  /** How many attempts were made, retries included. */
  attempts?: number;
  /** A sentence appended to the message (for example: this POST may or may not have been processed). */
  note?: string;
}

/**
 * Base class of every error this library throws.
 * @example
 * try { await AppUser.find('bob'); } catch (e) { if (e instanceof SmoochError) console.error(e.message); }
 */
export class SmoochError extends Error {
  override name = 'SmoochError';
}

/**
 * The API answered with an error status. Holds the status, the first error's code and title, every error,
 * the method and path, the response headers and the raw body.
 * @example
 * catch (e) { if (e instanceof ApiError && e.code === 'conflict') { ... } }
 */
export class ApiError extends SmoochError {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors: ApiErrorDetail[];
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly attempts: number;

  constructor(info: ResponseInfo, details: ApiErrorDetail[], hint?: string) {
    const first = details[0] ?? { code: `http_${info.status}`, title: 'Request failed' };
    const tries = info.attempts && info.attempts > 1 ? ` after ${info.attempts} attempts` : '';
    super(
      `${info.status} ${first.code}: ${first.title} (${info.method} ${info.url})${tries}${hint ? `. ${hint}` : ''}`,
    );
    this.status = info.status;
    this.code = first.code;
    this.title = first.title;
    this.errors = details;
    this.method = info.method;
    this.url = info.url;
    this.headers = info.headers;
    this.body = info.body;
    this.attempts = info.attempts ?? 1;
  }
}

/** 400: the request was malformed or not allowed in this state. @example catch (e) { if (e instanceof BadRequestError) console.log(e.title); } */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
/** 401: the key id or secret was not accepted. @example catch (e) { if (e instanceof AuthenticationError) rotateKey(); } */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
/** 403: the credentials are valid but their scope does not allow this call. @example catch (e) { if (e instanceof ForbiddenError) console.log(e.title); } */
export class ForbiddenError extends ApiError {
  override name = 'ForbiddenError';
}
/** 404: no such resource (`user_not_found`, `conversation_not_found`, ...). @example catch (e) { if (e instanceof NotFoundError) return null; } */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
/** 409: the resource already exists (for example a user with this externalId). @example catch (e) { if (e instanceof ConflictError) return AppUser.find(id); } */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
/** 423: the conversation holds 30,000 messages; `conversation.deleteMessages()` makes room. @example catch (e) { if (e instanceof LockedError) await convo.deleteMessages(); } */
export class LockedError extends ApiError {
  override name = 'LockedError';
}
/** 429: too many requests. `retryAfter` is the wait the API asked for, in seconds, when it said. @example catch (e) { if (e instanceof RateLimitError) console.log(e.retryAfter); } */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
  /**
   * Seconds to wait, from the `Retry-After` header (seconds or HTTP date), when present.
   * @example if (e instanceof RateLimitError) await sleep((e.retryAfter ?? 1) * 1000);
   */
  get retryAfter(): number | undefined {
    return parseRetryAfter(this.headers['retry-after']);
  }
}
/** 5xx: the API (or a proxy in front of it) failed. @example catch (e) { if (e instanceof ServerError) console.log(e.status); } */
export class ServerError extends ApiError {
  override name = 'ServerError';
}
/**
 * 503: the API (or a proxy in front of it) is unavailable for now; a `ServerError`, so existing checks still
 * match. python-intercom's `ServiceUnavailableError`. `retryAfter` reads the header when the answer sets one.
 * @example catch (e) { if (e instanceof ServiceUnavailableError) await sleep((e.retryAfter ?? 5) * 1000); }
 */
export class ServiceUnavailableError extends ServerError {
  override name = 'ServiceUnavailableError';
  /** Seconds to wait, from the `Retry-After` header (seconds or HTTP date), when present. */
  get retryAfter(): number | undefined {
    return parseRetryAfter(this.headers['retry-after']);
  }
}

/** The network failed: refused, reset, DNS failure. `code` is the system code (`ECONNREFUSED`, ...). @example catch (e) { if (e instanceof ConnectionError) console.log(e.code); } */
export class ConnectionError extends SmoochError {
  override name = 'ConnectionError';
  /** How many attempts were made, retries included. */
  readonly attempts: number;
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly method: string,
    readonly url: string,
    /** `cause`: the transport's error, copied without the request options (they hold the Authorization header). */
    extra: { attempts?: number; cause?: Error } = {},
  ) {
    super(message, extra.cause ? { cause: extra.cause } : undefined);
    this.attempts = extra.attempts ?? 1;
  }
}

/** A request took longer than allowed. `phase` says which (`request`, `connect`, `response`, ...). @example catch (e) { if (e instanceof TimeoutError) console.log(e.phase); } */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
  constructor(
    readonly phase: string,
    method: string,
    url: string,
    /** Appended to the message as is: ` after 3 attempts`, or that a POST may have been processed. */
    detail = '',
    extra: { attempts?: number; cause?: Error } = {},
  ) {
    super(`Timeout in the ${phase} phase (${method} ${url})${detail}`, 'ETIMEDOUT', method, url, extra);
  }
}

/** The call was cancelled through its AbortSignal. @example catch (e) { if (e instanceof AbortError) return; } */
export class AbortError extends SmoochError {
  override name = 'AbortError';
}

/** Options or arguments are missing or wrong; thrown before any request. @example catch (e) { if (e instanceof ConfigurationError) console.log(e.message); } */
export class ConfigurationError extends SmoochError {
  override name = 'ConfigurationError';
}

/**
 * A change to a field the API does not accept on write (`companies` on a user, `read` on a conversation):
 * `save()` and the static `update` throw it before any request, so nothing is dropped without a word.
 * python-intercom's `AttributeNotSetError`. Fields received from the API stay readable; only changing them
 * is refused.
 * @example catch (e) { if (e instanceof ReadOnlyFieldError) console.log(e.fields, e.writable); }
 */
export class ReadOnlyFieldError extends SmoochError {
  override name = 'ReadOnlyFieldError';
  constructor(
    /** The model (`AppUser`). */
    readonly model: string,
    /** The fields changed that the API does not accept. */
    readonly fields: readonly string[],
    /** The fields it accepts on write. */
    readonly writable: readonly string[],
  ) {
    super(
      `${model} cannot write ${fields.join(', ')}: the API accepts ${writable.join(', ') || 'no field'} ` +
        'on update (nothing was sent)',
    );
  }
}

/** A webhook delivery's `X-API-Key` was missing or did not match the webhook secret. @example catch (e) { if (e instanceof WebhookVerificationError) res.statusCode = 401; } */
export class WebhookVerificationError extends SmoochError {
  override name = 'WebhookVerificationError';
}

/** A body could not be parsed. `excerpt` holds its first characters, to see what came back. @example catch (e) { if (e instanceof ParseError) console.log(e.excerpt); } */
export class ParseError extends SmoochError {
  override name = 'ParseError';
  constructor(
    message: string,
    readonly excerpt: string,
    /** Status and headers of the response whose body did not parse, when it came from the API. */
    readonly response?: { status: number; headers: Record<string, string | string[] | undefined> },
  ) {
    super(`${message}: ${JSON.stringify(excerpt)}`);
  }
}

/**
 * A response body went past the connection's `maxResponseSize` (default 10 MB); reading stopped there, so a
 * runaway or hostile answer cannot fill memory. Not retried: the same request would get the same body.
 * @example catch (e) { if (e instanceof ResponseTooLargeError) console.log(e.limit, e.status); }
 */
export class ResponseTooLargeError extends SmoochError {
  override name = 'ResponseTooLargeError';
  constructor(
    /** The limit in bytes that the body went past. */
    readonly limit: number,
    readonly status: number,
    readonly method: string,
    readonly url: string,
  ) {
    super(
      `The API answered ${status} with a body over the limit of ${limit} bytes (maxResponseSize); ` +
        `reading stopped there (${method} ${url})`,
    );
  }
}

/**
 * Seconds from a `Retry-After` value given in seconds or as an HTTP date; undefined for anything else.
 * RFC 9110 section 10.2.3: delay-seconds are digits only, so `0x3`, `1e3`, `-1` or `1.5` are no delay; and an
 * HTTP-date starts with a day name (all three of its formats do), since `Date.parse` alone reads `1.5` as a date.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[A-Za-z]{3}/.test(raw)) return undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

const byStatus: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  423: LockedError,
  429: RateLimitError,
  503: ServiceUnavailableError,
};

/** Reads v2 `{errors:[{code,title}]}`, legacy v1 `{error:{code,description}}`, or nothing useful (HTML, empty). */
export function errorDetails(body: unknown): ApiErrorDetail[] {
  if (body && typeof body === 'object') {
    const { errors, error } = body as { errors?: unknown; error?: unknown };
    if (Array.isArray(errors)) {
      return errors.map((e: { code?: unknown; title?: unknown }) => ({
        code: String(e?.code ?? 'unknown'),
        title: String(e?.title ?? ''),
      }));
    }
    if (error && typeof error === 'object') {
      const e = error as { code?: unknown; description?: unknown };
      return [{ code: String(e.code ?? 'unknown'), title: String(e.description ?? '') }];
    }
  }
  return [];
}

/** Why a non-JSON error body is still useful: show its first characters, cleaned of markup noise. */
function excerptOf(body: unknown): string {
  const text = typeof body === 'string' ? body : '';
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

/**
 * Builds the right `ApiError` subclass from a response: 4xx and 503 by table, other 5xx as `ServerError`.
 * @example
 * throw errorFromResponse({ status: 404, method: 'GET', url: '/v2/apps/a/users/b', headers: {}, body });
 */
export function errorFromResponse(info: ResponseInfo): ApiError {
  let details = errorDetails(info.body);
  if (details.length === 0) {
    const excerpt = excerptOf(info.body);
    details = [{ code: `http_${info.status}`, title: excerpt || 'Request failed' }];
  }
  const ErrorClass = byStatus[info.status] ?? (info.status >= 500 ? ServerError : ApiError);
  const hint =
    info.status === 423
      ? 'The conversation reached its 30,000-message limit: call conversation.deleteMessages() to make room'
      : undefined;
  return new ErrorClass(info, details, [hint, info.note].filter(Boolean).join('. ') || undefined);
}
