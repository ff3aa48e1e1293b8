/**
 * The retry policy, as pure functions that got's `retry.calculateDelay` calls (got runs the loop and the
 * waits; this file only decides). Why it is this strict: the API has no idempotency keys, so a blind POST
 * retry after the request was written could post a message twice.
 */
import { ConfigurationError, parseRetryAfter } from '../errors.js';

/** Retry settings of a connection (all optional). */
export interface RetryPolicy {
  /**
   * Retries after a failure other than a 429 (default 2, so 3 attempts). A 429 has its own budget: it is
   * retried while the waits stay within `maxTotalDelay`. 0 turns every retry off, 429s included.
   */
  limit?: number;
  /** Also retry POST on 5xx, timeouts and resets (default false: a POST may already have been processed). */
  post?: boolean;
  /** Longest single wait in ms (default 30,000). A `Retry-After` asking for more ends the retries. */
  maxDelay?: number;
  /** Longest total time spent waiting between the attempts of one call, in ms (default 60,000). */
  maxTotalDelay?: number;
  /** First backoff step in ms (default 500); doubles each attempt, with full jitter. */
  baseDelay?: number;
}

/**
 * The policy with every default filled in.
 * @example new Connection({ keyId, secret, retry: { ...DEFAULT_RETRY_POLICY, limit: 5 } })
 */
export const DEFAULT_RETRY_POLICY: Readonly<Required<RetryPolicy>> = Object.freeze({
  limit: 2,
  post: false,
  maxDelay: 30_000,
  maxTotalDelay: 60_000,
  baseDelay: 500,
});

/** Errors that prove the request never reached the server, so any method may be retried. */
export const PRE_WRITE_ERROR_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
];
/** Phases (see `TimeoutError.phase`) that end before a byte of the request is written. */
export const PRE_WRITE_PHASES = ['pool', 'lookup', 'connect', 'secureConnect'];
/** Errors after which the request may have been written and processed. */
export const POST_WRITE_ERROR_CODES = [
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
];
/** Status codes worth a retry: 429 refused the request; 5xx may be a deploy or an overloaded node. */
export const RETRY_STATUS_CODES = [429, 500, 502, 503, 504, 521, 522, 524];

/** What the policy needs to know about one failed attempt. */
export interface FailedAttempt {
  /** 1 for the first retry (the attempt that just failed was the first). */
  attemptCount: number;
  method: string;
  /** The HTTP status, when a response head arrived. */
  status?: number;
  /** The system or got code (`ECONNRESET`, `ETIMEDOUT`, ...) when the transport failed. */
  errorCode?: string;
  /** The phase the transport failure happened in (`connect`, `response`, ...), when known. */
  phase?: string;
  retryAfter?: string | string[];
  /** The caller opted in to retrying this POST. */
  postOptIn: boolean;
  /** Sum of the waits already made for this call, in ms. */
  waited: number;
  /** Retries already made for this call after a 429 (they do not count against `limit`). */
  rateLimited?: number;
}

/**
 * Why an attempt may be retried: `refused` (429 or never sent: safe for any method), `unsure` (it may have
 * been processed: only for idempotent methods or an opted-in POST), or undefined (do not retry).
 * @example retryReason({ attemptCount: 1, method: 'POST', status: 503, postOptIn: false, waited: 0 }) // 'unsure'
 */
export function retryReason(attempt: FailedAttempt): 'refused' | 'unsure' | undefined {
  const { status, errorCode, phase } = attempt;
  if (status === 429) return 'refused';
  if (status === undefined && errorCode !== undefined) {
    if (PRE_WRITE_ERROR_CODES.includes(errorCode)) return 'refused';
    // Only transient network failures: an invalid header value or a bad TLS certificate would fail the same
    // way on every attempt, so it is reported at once.
    const transient = errorCode === 'ETIMEDOUT' || POST_WRITE_ERROR_CODES.includes(errorCode);
    if (transient && phase !== undefined && PRE_WRITE_PHASES.includes(phase)) return 'refused';
  }
  if (status !== undefined && RETRY_STATUS_CODES.includes(status)) return 'unsure';
  // A reset while the body was being read (status 200 already received) is still a transport failure.
  if (errorCode !== undefined && POST_WRITE_ERROR_CODES.includes(errorCode)) return 'unsure';
  return undefined;
}

/**
 * Milliseconds to wait before the next attempt, or 0 to give up.
 * Full jitter (AWS architecture blog): `random() * min(maxDelay, base * 2^(n-1))`, at least 1 ms; a
 * `Retry-After` (seconds or HTTP date) is a floor, and one beyond `maxDelay` or the remaining total gives up
 * at once so the caller gets the `RateLimitError` (with `retryAfter`) instead of a long silent wait.
 * @example
 * retryDelay({ attemptCount: 1, method: 'GET', status: 503, postOptIn: false, waited: 0 }, {}) // 1..500
 */
export function retryDelay(attempt: FailedAttempt, policy: RetryPolicy, random = Math.random): number {
  const { limit, maxDelay, maxTotalDelay, baseDelay } = { ...DEFAULT_RETRY_POLICY, ...defined(policy) };
  // A 429 refused the request and asks for patience: its retries are bounded by the total wait, not by
  // `limit`, so a storm of them does not fail calls that two retries would (issue 17). Other failures
  // count only their own retries against `limit`.
  const rateLimited = attempt.rateLimited ?? 0;
  const limited = attempt.status === 429;
  const nth = limited ? rateLimited + 1 : attempt.attemptCount - rateLimited;
  if (limit === 0 || (!limited && nth > limit)) return 0;
  const reason = retryReason(attempt);
  if (reason === undefined) return 0;
  if (reason === 'unsure' && attempt.method.toUpperCase() === 'POST' && !attempt.postOptIn) return 0;
  const remaining = maxTotalDelay - attempt.waited;
  if (remaining <= 0) return 0;
  const step = Math.min(maxDelay, baseDelay * 2 ** (nth - 1));
  const backoff = Math.min(remaining, Math.max(1, Math.round(random() * step)));
  const asked = parseRetryAfter(attempt.retryAfter);
  if (asked === undefined) return backoff;
  const askedMs = Math.ceil(asked * 1000);
  if (askedMs > maxDelay || askedMs > remaining) return 0;
  return Math.max(askedMs, backoff);
}

/**
 * Whether a failed call may have been processed by the API although it failed (5xx, timeout or reset after
 * the request was written): the error then says so, since the API has no idempotency keys.
 * @example mayHaveBeenProcessed({ attemptCount: 1, method: 'POST', status: 502, postOptIn: false, waited: 0 }) // true
 */
export function mayHaveBeenProcessed(attempt: FailedAttempt): boolean {
  if (retryReason(attempt) === 'refused') return false;
  // An answered request: only a server error leaves the outcome open (4xx were refused).
  if (attempt.status !== undefined && attempt.errorCode === undefined) return attempt.status >= 500;
  return true;
}

/**
 * Checks a retry policy before any request.
 * @example validateRetryPolicy({ limit: -1 }) // throws ConfigurationError
 */
export function validateRetryPolicy(policy: RetryPolicy | undefined): void {
  if (policy === undefined) return;
  if (!policy || typeof policy !== 'object') throw new ConfigurationError('retry must be an object');
  if (policy.limit !== undefined && !(Number.isInteger(policy.limit) && policy.limit >= 0)) {
    throw new ConfigurationError(`retry.limit must be a non-negative integer, got ${policy.limit}`);
  }
  for (const name of ['maxDelay', 'maxTotalDelay', 'baseDelay'] as const) {
    const value = policy[name];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new ConfigurationError(`retry.${name} must be a non-negative number of milliseconds`);
    }
  }
  if (policy.post !== undefined && typeof policy.post !== 'boolean') {
    throw new ConfigurationError('retry.post must be a boolean');
  }
}

function defined(policy: RetryPolicy): RetryPolicy {
  return Object.fromEntries(Object.entries(policy ?? {}).filter(([, v]) => v !== undefined));
}
