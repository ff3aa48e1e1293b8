/**
 * The bodies of got's hooks for one call, as plain functions over its `CallState`: ask the retry policy for
 * the next wait, record how the call ended, and tell the observer (events, logger, NODE_DEBUG) about each
 * attempt when somebody listens. got itself runs the attempts and the waits; connection.ts wires these
 * functions into it.
 */
import { type CallState, endCall, metaOf } from './call-state.js';
import { failedAttempt, translate, type TransportError } from './transport-errors.js';
import { SmoochError } from '../errors.js';
import { type Observer, redactHeaders } from './events.js';
import type { Redactor } from './redact.js';
import { type RetryPolicy, retryDelay } from './retry-policy.js';

/** got's beforeRequest, on observed connections only: attempt number `attempt` starts now. */
export function startAttempt(
  state: CallState | undefined,
  attempt: number,
  headers: Record<string, unknown>,
  observer: Observer,
): void {
  if (!state) return;
  state.attempts = attempt;
  state.attemptStarted = Date.now();
  const event = { method: state.method, path: state.path, attempt };
  observer.emit('request', { ...event, headers: redactHeaders(headers) });
}

/** got's afterResponse, on observed connections only: tells the observer the status of this attempt. */
export function finishAttempt(
  state: CallState | undefined,
  response: NonNullable<TransportError['response']>,
  observer: Observer,
): void {
  if (!state) return;
  observer.emit('response', {
    ...{ method: state.method, path: state.path, attempt: state.attempts },
    ...{ status: response.statusCode, elapsedMs: Date.now() - state.attemptStarted },
  });
}

/** got's calculateDelay: ms to wait before the next attempt (0: give up), from retry-policy.ts. */
export function nextDelay(
  error: TransportError,
  state: CallState | undefined,
  attemptCount: number,
  policy: RetryPolicy,
  observer: Observer,
): number {
  if (!state?.retries) return 0;
  state.attempts = attemptCount;
  const attempt = failedAttempt(error, state, attemptCount);
  const delayMs = retryDelay(attempt, policy);
  if (delayMs > 0) {
    state.waited += delayMs;
    if (attempt.status === 429) state.rateLimited += 1;
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
  redact: Redactor,
  signal?: AbortSignal,
): Error {
  const { response, request } = caught as TransportError;
  if (typeof request?.retryCount === 'number') endCall(state, request.retryCount + 1);
  else endCall(state, state.attempts);
  if (response) state.response = metaOf(response, state);
  const cause = (caught as { cause?: unknown }).cause;
  const error =
    cause instanceof SmoochError
      ? cause
      : fromGot
        ? translate(caught, state, redact, signal)
        : (caught as Error);
  if (error instanceof SmoochError) {
    observer.emit('error', {
      ...{ method: state.method, path: state.path, attempts: state.attempts, status: response?.statusCode },
      ...{ elapsedMs: state.elapsedMs, error },
    });
  }
  return error;
}
