/**
 * The bodies of got's hooks for one call, as plain functions over its `CallState`: count and time each
 * attempt, ask the retry policy for the next wait, and tell the observer (events, logger, NODE_DEBUG).
 * got itself runs the attempts and the waits; lib/connection.ts wires these functions into it.
 */
import {
  type CallState,
  failedAttempt,
  metaOf,
  type ResponseMeta,
  translate,
  type TransportError,
} from './call.js';
import type { RequestOptions } from './connection-options.js';
import { SmoochError } from './errors.js';
import { type Observer, redactHeaders } from './observability.js';
import { type RetryPolicy, retryDelay } from './retry.js';

/** A fresh state for one call. `postByDefault` is the connection's `retry.post`. */
export function newCallState(options: RequestOptions, postByDefault: boolean): CallState {
  const now = Date.now();
  const { method, path } = options;
  return {
    ...{ method, path, started: now, attemptStarted: now, attempts: 0, waited: 0 },
    postOptIn: options.retry ?? postByDefault,
    retries: options.retry !== false,
  };
}

/** got's beforeRequest: one more attempt starts now. */
export function startAttempt(
  state: CallState | undefined,
  headers: Record<string, unknown>,
  observer: Observer,
): void {
  if (!state) return;
  state.attempts += 1;
  state.attemptStarted = Date.now();
  if (!observer.active) return;
  const event = { method: state.method, path: state.path, attempt: state.attempts };
  observer.emit('request', { ...event, headers: redactHeaders(headers) });
}

/** got's afterResponse: records the response's status and headers, and tells the observer. */
export function finishAttempt(
  state: CallState | undefined,
  response: NonNullable<TransportError['response']>,
  observer: Observer,
): ResponseMeta | undefined {
  if (!state) return undefined;
  state.response = metaOf(response, state);
  if (!observer.active) return state.response;
  observer.emit('response', {
    ...{ method: state.method, path: state.path, attempt: state.attempts },
    ...{ status: response.statusCode, elapsedMs: Date.now() - state.attemptStarted },
  });
  return state.response;
}

/** got's calculateDelay: ms to wait before the next attempt (0: give up), from lib/retry.ts. */
export function nextDelay(
  error: TransportError,
  state: CallState | undefined,
  attemptCount: number,
  policy: RetryPolicy,
  observer: Observer,
): number {
  if (!state?.retries) return 0;
  const attempt = failedAttempt(error, state, attemptCount);
  const delayMs = retryDelay(attempt, policy);
  if (delayMs > 0) {
    state.waited += delayMs;
    observer.emit('retry', {
      ...{ method: state.method, path: state.path, attempt: attemptCount, status: attempt.status },
      ...{ code: attempt.errorCode, phase: attempt.phase, delayMs, elapsedMs: Date.now() - state.started },
    });
  }
  return delayMs;
}

/**
 * The error a failed call rejects with (ours, typed), after telling the observer. `fromGot` says whether got
 * raised it; an error thrown inside a got hook (ours, for example a key that cannot sign) comes back wrapped.
 */
export function failCall(
  caught: unknown,
  fromGot: boolean,
  state: CallState,
  observer: Observer,
  signal?: AbortSignal,
): Error {
  const response = (caught as TransportError).response;
  if (response) state.response = metaOf(response, state);
  const cause = (caught as { cause?: unknown }).cause;
  const error =
    cause instanceof SmoochError ? cause : fromGot ? translate(caught, state, signal) : (caught as Error);
  if (error instanceof SmoochError) {
    observer.emit('error', {
      ...{ method: state.method, path: state.path, attempts: state.attempts, status: response?.statusCode },
      ...{ elapsedMs: Date.now() - state.started, error },
    });
  }
  return error;
}
