/**
 * The state of one call, shared by got's hooks across its attempts (got copies `context` shallowly, so the
 * object in `context.call` is the same for every attempt), and the response summary read from it.
 */
import type { RequestOptions } from './options.js';

/** Status and headers of a response, with the call they answered. Safe to log: no request headers. */
export interface ResponseMeta {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  method: string;
  path: string;
  /** Attempts made by the call so far, this one included. */
  attempts: number;
  /** Time since the call started, in ms. */
  elapsedMs: number;
}

/** What `metaOf` reads of a response. */
export interface AnsweredResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
}

/** Per-call state, put in got's `context.call`. */
export interface CallState {
  method: string;
  path: string;
  started: number;
  /** When the current attempt started (kept by the hooks of observed connections only). */
  attemptStarted: number;
  /** Attempts made so far: 1 until got reports a retry or the call ends. */
  attempts: number;
  /** Set when the call ends: its duration in ms. */
  elapsedMs: number;
  /** Sum of the waits between attempts, in ms. */
  waited: number;
  /** Retries made after a 429 (their own budget: see `RetryPolicy.limit`). */
  rateLimited: number;
  postOptIn: boolean;
  /** False when the caller turned retries off for this call (`{ retry: false }`). */
  retries: boolean;
  /** Status and headers of the response that answered the call, when it succeeded (see `lastResponse`). */
  status?: number;
  headers?: ResponseMeta['headers'];
  response?: ResponseMeta;
  /** Set when the body went past `maxResponseSize` (its value, in bytes) and the call was cancelled for it. */
  oversized?: number;
}

/** The call state of a request, from got's options. */
export function stateOf(options: { context?: Record<string, unknown> } | undefined): CallState | undefined {
  return options?.context?.call as CallState | undefined;
}

/** Status and headers of a response, for `lastResponse`, errors and `requestWithResponse`. */
export function metaOf(response: AnsweredResponse, state: CallState): ResponseMeta {
  return {
    status: response.statusCode,
    headers: { ...response.headers },
    method: state.method,
    path: state.path,
    attempts: state.attempts,
    elapsedMs: state.elapsedMs,
  };
}

/** A fresh state for one call. `postByDefault` is the connection's `retry.post`. */
export function newCallState(options: RequestOptions, postByDefault: boolean): CallState {
  const now = Date.now();
  return {
    method: options.method,
    path: options.path,
    started: now,
    attemptStarted: now,
    attempts: 1,
    elapsedMs: 0,
    waited: 0,
    rateLimited: 0,
    postOptIn: options.retry ?? postByDefault,
    retries: options.retry !== false,
  };
}

/**
 * Records that the call ended after `attempts` attempts (got's `retryCount` + 1). Why nothing per attempt:
 * counters are all a call needs unless someone observes it, and then the hooks below run.
 */
export function endCall(state: CallState, attempts: number): void {
  state.attempts = attempts;
  state.elapsedMs = Date.now() - state.started;
}
