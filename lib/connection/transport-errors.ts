/**
 * got's errors seen from our side: the phase a transport failure happened in, what the retry policy is told
 * about it, and the translation into the library's error tree. Errors are read by shape (name, code,
 * response, timings), so only lib/connection/connection.ts imports got.
 */
import { isIP } from 'node:net';
import {
  AbortError,
  ConnectionError,
  ParseError,
  ResponseTooLargeError,
  SmoochError,
  TimeoutError,
  errorFromResponse,
} from '../errors.js';
import type { CallState } from './call-state.js';
import type { Redactor } from './redact.js';
import { type FailedAttempt, mayHaveBeenProcessed } from './retry-policy.js';

/** The parts of a got error we read. */
export interface TransportError {
  name: string;
  code?: string;
  message: string;
  event?: string;
  timings?: Partial<
    Record<'socket' | 'lookup' | 'connect' | 'secureConnect' | 'upload' | 'response', number>
  >;
  options?: { url?: URL | string; context?: Record<string, unknown> };
  /** got's request object: `retryCount` says how many retries preceded the failed attempt. */
  request?: { retryCount?: number };
  response?: {
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    body?: unknown;
    rawBody?: Buffer;
  };
}

const NOT_RETRIED_POST =
  'This POST may or may not have been processed (a message or resource may or may not have been created). ' +
  'It was not retried, since the API has no idempotency keys: check before sending it again, or pass ' +
  '{ retry: true } to allow retries';
const RETRIED_POST =
  'This POST may or may not have been processed (a message or resource may or may not have been created): ' +
  'check before sending it again';

/**
 * The phase a request was in when it failed, from got's timings: `pool` (waiting for a free socket),
 * `lookup`, `connect`, `secureConnect`, `send`, `response` (waiting for the first byte) or `read`.
 * @example phaseOf(error) // 'response'
 */
export function phaseOf(error: TransportError): string {
  if (error.event && error.event !== 'request') return error.event;
  const t = error.timings ?? {};
  const url = error.options?.url ? new URL(String(error.options.url)) : undefined;
  const https = url?.protocol === 'https:';
  if (t.socket === undefined) return 'pool';
  // An IP address needs no DNS lookup, and none is timed: a failure before connect is a connect failure.
  const ip = url !== undefined && isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0;
  if (t.lookup === undefined && !ip) return 'lookup';
  if (t.connect === undefined) return 'connect';
  if (https && t.secureConnect === undefined) return 'secureConnect';
  if (t.upload === undefined) return 'send';
  if (t.response === undefined) return 'response';
  return 'read';
}

/** What the retry policy is told about a failed attempt. */
export function failedAttempt(error: TransportError, state: CallState, attemptCount: number): FailedAttempt {
  const answered = error.name === 'HTTPError';
  return {
    attemptCount,
    method: state.method,
    status: error.response?.statusCode,
    // An HTTPError's code only says "non-2xx"; any other code is the transport's (a reset mid-body too).
    errorCode: answered ? undefined : error.code,
    phase: answered || error.response ? undefined : phaseOf(error),
    retryAfter: error.response?.headers['retry-after'],
    postOptIn: state.postOptIn,
    waited: state.waited,
    rateLimited: state.rateLimited,
  };
}

/**
 * Turns got's errors into ours, keeping nothing that holds request headers (got's `options` does), and with
 * the connection's credentials taken out of every body, header and message they keep (`redact`).
 */
export function translate(error: unknown, state: CallState, redact: Redactor, signal?: AbortSignal): Error {
  if (error instanceof SmoochError || !isTransportError(error)) return error as Error;
  const { method, path, attempts } = state;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const failed = failedAttempt(error, state, attempts);
  const note =
    method === 'POST' && mayHaveBeenProcessed(failed)
      ? state.postOptIn && state.retries
        ? RETRIED_POST
        : NOT_RETRIED_POST
      : undefined;
  if (state.oversized !== undefined) {
    return new ResponseTooLargeError(state.oversized, error.response?.statusCode ?? 0, method, path);
  }
  if (error.name === 'HTTPError' && error.response) {
    const { response } = error;
    return errorFromResponse({
      status: response.statusCode,
      method,
      url: path,
      headers: redact.headers(response.headers),
      body: redact.body(response.body),
      attempts,
      note,
    });
  }
  if (error.name === 'ParseError' && error.response) {
    // Redacted before the excerpt is cut, so no part of a credential is left at its end.
    const raw = redact.text(error.response.rawBody?.toString('utf8') ?? '');
    const meta = state.response && { ...state.response, headers: redact.headers(state.response.headers) };
    return new ParseError(
      `The API answered ${error.response.statusCode} with a body that is not JSON (${method} ${path})`,
      raw.slice(0, 120),
      meta,
    );
  }
  if (error.name === 'AbortError' || error.code === 'ERR_ABORTED') {
    return new AbortError(`Request aborted (${method} ${path})${tries}`, { cause: signal?.reason });
  }
  if (error.name === 'TimeoutError') {
    // Got reports an AbortSignal.timeout() as a TimeoutError without a phase: the caller's deadline.
    const phase = error.event ? phaseOf(error) : 'deadline';
    return new TimeoutError(phase, method, path, `${tries}${note ? `. ${note}` : ''}`, {
      attempts,
      cause: redactedCopy(error, redact),
    });
  }
  const phase = error.response ? 'read' : phaseOf(error);
  return new ConnectionError(
    `${error.code ?? 'Network error'} in the ${phase} phase: ${redact.text(error.message)} (${method} ${path})${tries}` +
      (note ? `. ${note}` : ''),
    error.code,
    method,
    path,
    { attempts, cause: redactedCopy(error, redact) },
  );
}

/** The transport's error as a cause: its name, code and message only, never got's options and their headers. */
function redactedCopy(error: TransportError, redact: Redactor): Error {
  const copy = new Error(redact.text(error.message));
  copy.name = error.name;
  if (error.code !== undefined) Object.assign(copy, { code: error.code });
  return copy;
}

function isTransportError(error: unknown): error is TransportError {
  return error instanceof Error && typeof (error as { name?: unknown }).name === 'string';
}
