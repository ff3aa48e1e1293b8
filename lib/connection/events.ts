/**
 * What a connection tells the outside world about its requests: typed events (hooks), an optional logger and
 * `NODE_DEBUG=smooch-record` one-line logs. Events carry method, path, status, attempt and timings only;
 * headers are shown with Authorization and X-API-Key redacted, so nothing secret leaves through here.
 */
import { debuglog } from 'node:util';
import { ConfigurationError, type SmoochError } from '../errors.js';
import type { ThrottleEvent } from './throttle-types.js';

/** A request attempt is about to be sent. */
export interface RequestEvent {
  method: string;
  /** The path as the model built it (no host, no query). */
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The request headers, with credentials redacted. */
  headers: Record<string, string>;
}

/** A response arrived (any status). */
export interface ResponseEvent {
  method: string;
  path: string;
  attempt: number;
  status: number;
  /** Time of this attempt, in ms. */
  elapsedMs: number;
}

/** An attempt failed and another one will follow after `delayMs`. */
export interface RetryEvent {
  method: string;
  path: string;
  /** The attempt that failed. */
  attempt: number;
  status: number | undefined;
  /** The transport code (`ECONNRESET`, `ETIMEDOUT`, ...) when there was no answer. */
  code: string | undefined;
  /** The phase the transport failed in (`pool`, `connect`, `response`, ...), when there was no answer. */
  phase: string | undefined;
  delayMs: number;
  /** Time since the call started, in ms. */
  elapsedMs: number;
}

/** A call failed for good (after any retries). */
export interface ErrorEvent {
  method: string;
  path: string;
  attempts: number;
  status: number | undefined;
  elapsedMs: number;
  error: SmoochError;
}

/** The events of a connection, by name. */
export interface ConnectionEvents {
  request: RequestEvent;
  response: ResponseEvent;
  retry: RetryEvent;
  error: ErrorEvent;
  throttle: ThrottleEvent;
}

/** Listeners given at construction: `new Connection({ ..., hooks: { retry: (e) => metrics.inc(...) } })`. */
export type ConnectionHooks = { [K in keyof ConnectionEvents]?: (event: ConnectionEvents[K]) => void };

/** Anything with a `debug(message)` method: `console`, pino, winston, bunyan. */
export interface Logger {
  /** Receives one formatted line per connection event. @example logger.debug('POST /v2/apps/app1/messages 201'); */
  debug(message: string): void;
}

const EVENT_NAMES = ['request', 'response', 'retry', 'error', 'throttle'];
const REDACTED = '[redacted]';
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'proxy-authorization', 'cookie']);
const nodeDebug = debuglog('smooch-record');

/**
 * A copy of `headers` with Authorization, X-API-Key, Proxy-Authorization and Cookie values replaced.
 * @example redactHeaders({ Authorization: 'Basic abc' }) // { authorization: '[redacted]' }
 */
export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? REDACTED : String(value);
  }
  return out;
}

/**
 * One log line for an event (no secrets: headers are redacted, bodies are never logged).
 * @example formatEvent('retry', event) // 'retry GET /v2/apps/a/users/b attempt=1 status=503 delay=412ms'
 */
export function formatEvent<K extends keyof ConnectionEvents>(name: K, event: ConnectionEvents[K]): string {
  const e = event as Partial<RequestEvent & ResponseEvent & RetryEvent & ErrorEvent & ThrottleEvent>;
  const parts: string[] = [name, e.method ?? '', e.path ?? ''];
  if (e.state !== undefined)
    parts.push(`app=${e.appId ?? ''} state=${e.state} rate=${e.rate}/s waiting=${e.waiting}`);
  if (e.attempt !== undefined) parts.push(`attempt=${e.attempt}`);
  if (e.attempts !== undefined) parts.push(`attempts=${e.attempts}`);
  if (e.status !== undefined) parts.push(`status=${e.status}`);
  if (e.code !== undefined) parts.push(`code=${e.code}`);
  if (e.phase !== undefined) parts.push(`phase=${e.phase}`);
  if (e.delayMs !== undefined) parts.push(`delay=${e.delayMs}ms`);
  if (e.elapsedMs !== undefined) parts.push(`elapsed=${e.elapsedMs}ms`);
  if (e.error !== undefined) parts.push(`error=${e.error.name}: ${JSON.stringify(e.error.message)}`);
  if (e.headers !== undefined) parts.push(`headers=${JSON.stringify(e.headers)}`);
  return parts.join(' ');
}

/** Dispatches a connection's events to its listeners, its logger and NODE_DEBUG. */
export class Observer {
  readonly #listeners = new Map<keyof ConnectionEvents, Set<(event: never) => void>>();
  readonly #logger: Logger | undefined;
  /** Listeners in `#listeners`, kept so `active` (read on every call) costs no walk over them. */
  #listening = 0;

  constructor(hooks: ConnectionHooks = {}, logger?: Logger) {
    this.#logger = logger;
    for (const [name, listener] of Object.entries(hooks ?? {})) {
      if (!EVENT_NAMES.includes(name)) {
        throw new ConfigurationError(`Unknown hook ${name}: use ${EVENT_NAMES.join(', ')}`);
      }
      if (listener !== undefined) this.on(name as 'request', listener as (event: RequestEvent) => void);
    }
  }

  on<K extends keyof ConnectionEvents>(name: K, listener: (event: ConnectionEvents[K]) => void): void {
    if (typeof listener !== 'function') throw new TypeError(`The ${name} listener must be a function`);
    const set = this.#listeners.get(name) ?? new Set();
    const before = set.size;
    set.add(listener as (event: never) => void);
    this.#listening += set.size - before;
    this.#listeners.set(name, set);
  }

  off<K extends keyof ConnectionEvents>(name: K, listener: (event: ConnectionEvents[K]) => void): void {
    if (this.#listeners.get(name)?.delete(listener as (event: never) => void)) this.#listening -= 1;
  }

  /** Whether anyone would see an event: skips building events (and redacting headers) nobody reads. */
  get active(): boolean {
    return this.#listening > 0 || this.#logger !== undefined || nodeDebug.enabled;
  }

  emit<K extends keyof ConnectionEvents>(name: K, event: ConnectionEvents[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      // A failing listener must not fail the call it observes.
      try {
        (listener as (event: ConnectionEvents[K]) => void)(event);
      } catch (error) {
        nodeDebug('%s listener threw: %s', name, (error as Error)?.message);
      }
    }
    if (this.#logger || nodeDebug.enabled) {
      const line = formatEvent(name, event);
      nodeDebug(line);
      try {
        this.#logger?.debug(`smooch-record ${line}`);
      } catch {
        // A broken logger must not fail the call either.
      }
    }
  }
}
