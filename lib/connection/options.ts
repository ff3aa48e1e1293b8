/**
 * Checks and reads the options of a `Connection` before any request: credentials, host, timeouts, retries,
 * agents and the User-Agent suffix. Bad input fails here with a clear `ConfigurationError`.
 */
import type { AgentOption } from './agents.js';
import type { AuthMode, Scope } from '../auth.js';
import { ConfigurationError } from '../errors.js';
import type { ConnectionHooks, Logger } from './events.js';
import { type RetryPolicy, validateRetryPolicy } from './retry-policy.js';
import { validateThrottle } from './throttle.js';
import type { ThrottleOptions } from './throttle-types.js';

/** Where the API lives: the US (default) or EU host, or a Zendesk subdomain (`https://{subdomain}.zendesk.com/sc`). */
export type Region = 'us' | 'eu' | { subdomain: string };

/** Time limits in ms, per phase of one attempt (`request` covers the whole attempt). */
export type Timeouts = Partial<
  Record<'lookup' | 'connect' | 'secureConnect' | 'socket' | 'send' | 'response' | 'read' | 'request', number>
>;

/** Options of a connection: `keyId` and `secret` (an API key), or an OAuth `accessToken`. */
export interface ConnectionOptions {
  /** Key id: `app_...` (app), `act_...` (account), `svc_...` (service account) or `int_...` (integration). */
  keyId?: string;
  secret?: string;
  /**
   * An OAuth access token (Zendesk partner integrations, integration scope), instead of `keyId` / `secret`.
   * Get one with `OAuth.getToken()`.
   */
  accessToken?: string;
  /** Default app for every call (account-scope keys act on the app given here or per call). */
  appId?: string;
  /** `jwt` (default) signs a Bearer token locally once; `basic` sends `keyId:secret`. */
  auth?: AuthMode;
  /** JWT scope; inferred from the key id prefix when omitted. */
  scope?: Scope;
  /** Lifetime of the signed JWT in seconds; it is re-signed shortly before it ends. Default: no expiry. */
  jwtExpiresIn?: number;
  /** Full base URL (wins over `region`), for example a local sandbox `http://127.0.0.1:4010`. */
  baseUrl?: string;
  region?: Region;
  /**
   * Time limit of each attempt in ms (default 30,000), or limits per phase: `{ connect: 5000, response: 20000 }`,
   * which keep the 30 s limit of the whole attempt unless they set `request` (`request: Infinity`: none).
   */
  timeout?: number | Timeouts;
  /**
   * Largest response body in bytes (default 10 MB, `DEFAULT_MAX_RESPONSE_SIZE`); past it reading stops and the
   * call rejects with a `ResponseTooLargeError`. `Infinity`: no cap.
   */
  maxResponseSize?: number;
  /** Agent(s) to use (a proxy agent, a tuned pool); by default each connection has its own keep-alive pool. */
  agent?: AgentOption;
  /** Socket pool size of the default agents (default 50); ignored for the agents you pass. */
  maxSockets?: number;
  /** Your application, joined to the User-Agent: `{ name: 'acme-bot', version: '1.2.0' }` or a string. */
  appInfo?: string | { name: string; version?: string; url?: string };
  /** Retry policy; see README "Reliability". */
  retry?: RetryPolicy;
  /**
   * Throttling once the API answers 429 (on by default): every call of the app waits its turn at a learnt
   * rate instead of failing; `false` turns it off. See README "Rate limits and bulk work".
   */
  throttle?: ThrottleOptions | false;
  /** Listeners of the request, response, retry, error and throttle events. */
  hooks?: ConnectionHooks;
  /** Receives one line per event at `debug` (credentials redacted): `console`, pino, winston. */
  logger?: Logger;
}

/** One request as models describe it. */
export interface RequestOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path built with the `path` tagged template, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** A raw body (multipart form) instead of `json`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Send no Authorization header (OAuth's token exchange authenticates with the body). */
  anonymous?: boolean;
  signal?: AbortSignal;
  /** Time limit of each attempt in ms, or per phase; merged over the connection's (`request: Infinity`: none). */
  timeout?: number | Timeouts;
  retry?: boolean;
}

const hosts = { us: 'https://api.smooch.io', eu: 'https://api.eu-1.smooch.io' } as const;
const TIMEOUT_PHASES = [
  'lookup',
  'connect',
  'secureConnect',
  'socket',
  'send',
  'response',
  'read',
  'request',
];

/** Visible ASCII: what may stand in an HTTP header value without Node refusing it on every attempt. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Throws a `ConfigurationError` for missing or malformed options. @example validate({ keyId: 'app_x', secret: 's' }) */
export function validate(options: ConnectionOptions): void {
  if (!options || typeof options !== 'object')
    throw new ConfigurationError('Connection options are required');
  if (options.accessToken !== undefined) {
    if (typeof options.accessToken !== 'string' || !HEADER_SAFE.test(options.accessToken)) {
      throw new ConfigurationError('accessToken must be a non-empty string of visible ASCII characters');
    }
    if (options.keyId !== undefined || options.secret !== undefined) {
      throw new ConfigurationError('Give either accessToken or keyId and secret, not both');
    }
  } else {
    for (const name of ['keyId', 'secret'] as const) {
      const value = options[name];
      if (typeof value !== 'string' || value.length === 0) {
        throw new ConfigurationError(
          `${name} is required (a non-empty string), or give an OAuth accessToken`,
        );
      }
    }
    // The key id travels in the JWT header and the Basic value: a stray newline or space is a copy-paste error.
    if (!HEADER_SAFE.test(options.keyId!)) {
      throw new ConfigurationError(
        'keyId must hold visible ASCII characters only (no spaces or line breaks)',
      );
    }
  }
  if (options.auth && options.auth !== 'jwt' && options.auth !== 'basic') {
    throw new ConfigurationError(`auth must be 'jwt' or 'basic', got ${JSON.stringify(options.auth)}`);
  }
  if (options.scope && !['app', 'account', 'integration'].includes(options.scope)) {
    throw new ConfigurationError(`scope must be 'app', 'account' or 'integration'`);
  }
  if (options.appId !== undefined && (typeof options.appId !== 'string' || options.appId === '')) {
    throw new ConfigurationError('appId must be a non-empty string when given');
  }
  timeoutsOf(options.timeout);
  validateAppInfo(options.appInfo);
  const size = options.maxResponseSize;
  if (
    size !== undefined &&
    !(typeof size === 'number' && size > 0 && (Number.isInteger(size) || size === Infinity))
  ) {
    throw new ConfigurationError('maxResponseSize must be a positive number of bytes, or Infinity');
  }
  validateRetryPolicy(options.retry);
  validateThrottle(options.throttle);
  if (options.logger !== undefined && typeof options.logger?.debug !== 'function') {
    throw new ConfigurationError('logger must have a debug(message) method');
  }
}

/**
 * The limit of each whole attempt (ms) when the connection sets none, also beside per-phase limits: without
 * it, `{ connect, response }` alone would let a body dripping forever be read forever.
 * @example new Connection({ ...options, timeout: { connect: 1000, request: DEFAULT_ATTEMPT_TIMEOUT } })
 */
export const DEFAULT_ATTEMPT_TIMEOUT = 30_000;

/**
 * Got's `timeout` option from ours: a number limits the whole attempt; `request: Infinity` removes that limit
 * (got is handed `undefined`: a timer of Infinity would fire at once). Throws on anything but positive numbers.
 * @example timeoutsOf(5000) // { request: 5000 }
 */
export function timeoutsOf(timeout: number | Timeouts | undefined): Timeouts | undefined {
  if (timeout === undefined) return undefined;
  const timeouts = typeof timeout === 'number' ? { request: timeout } : timeout;
  if (!timeouts || typeof timeouts !== 'object') throw badTimeout();
  for (const [phase, ms] of Object.entries(timeouts)) {
    if (!TIMEOUT_PHASES.includes(phase)) {
      throw new ConfigurationError(`Unknown timeout phase ${phase}: use ${TIMEOUT_PHASES.join(', ')}`);
    }
    const unlimited = phase === 'request' && ms === Infinity;
    if (!(typeof ms === 'number' && ms > 0 && (Number.isFinite(ms) || unlimited))) throw badTimeout();
  }
  return timeouts.request === Infinity ? { ...timeouts, request: undefined } : timeouts;
}

/**
 * The connection's limits: its own, with `DEFAULT_ATTEMPT_TIMEOUT` for the whole attempt unless it set one.
 * @example connectionTimeoutsOf({ connect: 1000 }) // { connect: 1000, request: 30000 }
 */
export function connectionTimeoutsOf(timeout: number | Timeouts | undefined): Timeouts {
  const timeouts = timeoutsOf(timeout) ?? {};
  return 'request' in timeouts ? timeouts : { ...timeouts, request: DEFAULT_ATTEMPT_TIMEOUT };
}

function badTimeout(): ConfigurationError {
  return new ConfigurationError('timeout must be a positive number of milliseconds, or { phase: ms }');
}

/** The base URL of the options (without a trailing slash). @example baseUrlOf({ region: 'eu' }) */
export function baseUrlOf({ baseUrl, region }: Pick<ConnectionOptions, 'baseUrl' | 'region'>): string {
  if (baseUrl) {
    if (!/^https?:\/\//.test(baseUrl))
      throw new ConfigurationError(`baseUrl must be an http(s) URL: ${baseUrl}`);
    return baseUrl.replace(/\/+$/, '');
  }
  if (region === undefined || region === 'us') return hosts.us;
  if (region === 'eu') return hosts.eu;
  if (typeof region === 'object' && /^[a-z0-9-]+$/i.test(region.subdomain ?? '')) {
    return `https://${region.subdomain}.zendesk.com/sc`;
  }
  throw new ConfigurationError(`Unknown region ${JSON.stringify(region)}: use 'us', 'eu' or { subdomain }`);
}

/**
 * The User-Agent: this library, Node, then the caller's `appInfo`.
 * @example userAgentOf({ name: 'bot', version: '1.0' }, '0.1.0') // 'smooch-record/0.1.0 node/20.x bot/1.0'
 */
export function userAgentOf(info: ConnectionOptions['appInfo'], version: string): string {
  const app = !info || typeof info === 'string' ? (info ?? '') : appInfoOf(info);
  return [`smooch-record/${version}`, `node/${process.versions.node}`, app].filter(Boolean).join(' ');
}

/** What Node accepts in a header value: a CR or LF in `appInfo` would fail every call, so it fails here. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function validateAppInfo(info: ConnectionOptions['appInfo']): void {
  if (info === undefined) return;
  const parts = typeof info === 'string' ? [info] : [info?.name, info?.version, info?.url];
  if (typeof info !== 'string' && typeof info?.name !== 'string') {
    throw new ConfigurationError('appInfo must be a string or { name, version?, url? }');
  }
  for (const part of parts) {
    if (part !== undefined && (typeof part !== 'string' || !HEADER_VALUE.test(part))) {
      throw new ConfigurationError(
        'appInfo must hold characters a header may carry (no line breaks or control characters)',
      );
    }
  }
}

function appInfoOf(info: { name: string; version?: string; url?: string }): string {
  return `${info.name}${info.version ? `/${info.version}` : ''}${info.url ? ` (${info.url})` : ''}`;
}
