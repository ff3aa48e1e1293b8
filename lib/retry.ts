/**
 * The retry policy, as a pure function got's `retry.calculateDelay` calls. Why it is this strict: the API has
 * no idempotency keys, so a blind POST retry after the request was written could post a message twice.
 */
import { parseRetryAfter } from './errors.js';

/** Retry settings of a connection (all optional). */
export interface RetryPolicy {
  /** Retries after the first attempt (default 2, so 3 attempts). */
  limit?: number;
  /** Also retry POST on 5xx, timeouts and resets (default false: a POST may already have been processed). */
  post?: boolean;
  /** Longest single wait in ms (default 30,000). */
  maxDelay?: number;
  /** Longest total time spent waiting between attempts of one call, in ms (default 60,000). */
  maxTotalDelay?: number;
  /** First backoff step in ms (default 500); doubles each attempt, with full jitter. */
  baseDelay?: number;
}

/** Errors that prove the request never reached the server, so any method may be retried. */
export const PRE_WRITE_ERROR_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];
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
  /** 1 for the first retry. */
  attemptCount: number;
  method: string;
  status?: number;
  errorCode?: string;
  retryAfter?: string | string[];
  /** The caller opted in to retrying this POST. */
  postOptIn: boolean;
  /** Sum of the waits already made for this call, in ms. */
  waited: number;
}

/**
 * Milliseconds to wait before the next attempt, or 0 to give up.
 * @example
 * retryDelay({ attemptCount: 1, method: 'GET', status: 503, postOptIn: false, waited: 0 }, {}) // ~0..500
 */
export function retryDelay(attempt: FailedAttempt, policy: RetryPolicy, random = Math.random): number {
  const limit = policy.limit ?? 2;
  if (attempt.attemptCount > limit) return 0;
  if (!isRetryable(attempt)) return 0;
  const maxDelay = policy.maxDelay ?? 30_000;
  const base = policy.baseDelay ?? 500;
  const asked = parseRetryAfter(attempt.retryAfter);
  // Full jitter (AWS architecture blog): spreads a burst of clients that all failed at once.
  const backoff = Math.max(1, Math.round(random() * base * 2 ** (attempt.attemptCount - 1)));
  const wait = asked !== undefined ? Math.ceil(asked * 1000) : backoff;
  if (wait > maxDelay) return 0;
  if (attempt.waited + wait > (policy.maxTotalDelay ?? 60_000)) return 0;
  return wait;
}

function isRetryable({ method, status, errorCode, postOptIn }: FailedAttempt): boolean {
  if (status === 429) return true;
  if (errorCode && PRE_WRITE_ERROR_CODES.includes(errorCode)) return true;
  const mayBeProcessed =
    (status !== undefined && RETRY_STATUS_CODES.includes(status)) ||
    (errorCode !== undefined && POST_WRITE_ERROR_CODES.includes(errorCode));
  if (!mayBeProcessed) return false;
  return method !== 'POST' || postOptIn;
}
