/**
 * A connection to the Sunshine Conversations API: base URL, credentials, JSON, timeouts, retries, agents.
 * This is the only module that imports got; models call `connection.request(...)` and never see HTTP.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import got, { type Got, RequestError, HTTPError, type Response } from 'got';
import { type AuthMode, Authorizer, inferScope, type Scope } from './auth.js';
import {
  AbortError,
  ConfigurationError,
  ConnectionError,
  ParseError,
  SmoochError,
  TimeoutError,
  errorFromResponse,
} from './errors.js';
import { type RetryPolicy, RETRY_STATUS_CODES, retryDelay } from './retry.js';
import { VERSION } from './version.js';

/** Where the API lives: the US (default) or EU host, or a Zendesk subdomain (`https://{subdomain}.zendesk.com/sc`). */
export type Region = 'us' | 'eu' | { subdomain: string };

/** Options of a connection. Only `keyId` and `secret` are required. */
export interface ConnectionOptions {
  /** Key id: `app_...` (app), `act_...` (account), `svc_...` (service account) or `int_...` (integration). */
  keyId: string;
  secret: string;
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
  /** Request timeout in ms for the whole request (default 30,000). */
  timeout?: number;
  /** Keep-alive agent(s) to use; by default each connection has its own keep-alive pool. */
  agent?: HttpAgent | HttpsAgent | { http?: HttpAgent; https?: HttpsAgent };
  /** Your application, joined to the User-Agent: `{ name: 'acme-bot', version: '1.2.0' }` or a string. */
  appInfo?: string | { name: string; version?: string; url?: string };
  /** Retry policy; see README "Reliability". */
  retry?: RetryPolicy;
}

/** The last argument of every static call: which connection and app, cancellation, timeout, POST retry. */
export interface CallOptions {
  connection?: Connection;
  appId?: string;
  signal?: AbortSignal;
  /** Timeout in ms for this call only. */
  timeout?: number;
  /** Opt in to retrying this POST on 5xx / timeouts / resets (it may then be processed twice). */
  retry?: boolean;
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
  signal?: AbortSignal;
  timeout?: number;
  retry?: boolean;
}

const hosts = { us: 'https://api.smooch.io', eu: 'https://api.eu-1.smooch.io' } as const;
const scope = new AsyncLocalStorage<Connection>();
let defaultConnection: Connection | undefined;

/**
 * A configured client of the API. Make one per app or tenant, or use `configure()` for the global default.
 * @example
 * const acme = new Connection({ keyId: 'app_...', secret: process.env.ACME_SECRET!, appId: '5d8c...' });
 * const user = await AppUser.find('b6518', { connection: acme });
 */
export class Connection {
  /** The app calls default to when none is given per call. */
  readonly appId: string | undefined;
  readonly keyId: string;
  readonly scope: Scope;
  readonly baseUrl: string;
  /** Signs (once) and returns the Authorization value; see `authorizer.signatures`. */
  readonly authorizer: Authorizer;
  readonly #client: Got;
  readonly #options: ConnectionOptions;

  constructor(options: ConnectionOptions) {
    validate(options);
    this.#options = options;
    this.keyId = options.keyId;
    this.appId = options.appId;
    this.scope = options.scope ?? inferScope(options.keyId) ?? 'app';
    this.baseUrl = baseUrlOf(options).replace(/\/+$/, '');
    this.authorizer = new Authorizer({
      keyId: options.keyId,
      secret: options.secret,
      mode: options.auth ?? 'jwt',
      scope: this.scope,
      expiresIn: options.jwtExpiresIn,
    });
    this.#client = this.#makeClient(options);
  }

  /**
   * The connection in effect: the one scoped by `run()`, else the configured default.
   * @example
   * const connection = Connection.current();
   */
  static current(): Connection {
    const connection = scope.getStore() ?? defaultConnection;
    if (!connection) {
      throw new ConfigurationError(
        'No connection: call configure({ keyId, secret, appId }) or pass { connection } to the call',
      );
    }
    return connection;
  }

  /**
   * Runs `fn` with this connection as the default for every call made inside it, across awaits.
   * @example
   * await tenant.run(async () => { await AppUser.find('bob'); });
   */
  run<T>(fn: () => T): T {
    return scope.run(this, fn);
  }

  /**
   * A new connection with some options changed (another app, another key, a shorter timeout).
   * @example
   * const eu = connection.with({ region: 'eu' });
   */
  with(changes: Partial<ConnectionOptions>): Connection {
    return new Connection({ ...this.#options, ...changes });
  }

  /**
   * Sends one request and resolves with the parsed JSON body, or rejects with a typed `SmoochError`.
   * @example
   * const body = await connection.request({ method: 'GET', path: path`/v2/apps/${appId}` });
   */
  async request<T = Record<string, unknown>>(options: RequestOptions): Promise<T> {
    const { method, path } = options;
    if (options.signal?.aborted)
      throw new AbortError(`Request aborted before it was sent (${method} ${path})`);
    try {
      const response = (await this.#client(path.replace(/^\//, ''), {
        method,
        searchParams: compact(options.query),
        json: options.json,
        body: options.body as string | undefined,
        headers: options.headers,
        signal: options.signal,
        ...(options.timeout ? { timeout: { request: options.timeout } } : {}),
        context: { postOptIn: options.retry ?? this.#options.retry?.post ?? false, waited: 0 },
      })) as Response<unknown>;
      return (response.body ?? {}) as T;
    } catch (error) {
      throw translate(error, method, path);
    }
  }

  /** The secret never shows when a connection is logged. */
  toJSON(): object {
    return { keyId: this.keyId, appId: this.appId, scope: this.scope, baseUrl: this.baseUrl };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Connection ${JSON.stringify(this.toJSON())}`;
  }

  #makeClient(options: ConnectionOptions): Got {
    const policy = options.retry ?? {};
    const userAgent = [
      `smooch-record/${VERSION}`,
      `node/${process.versions.node}`,
      appInfoOf(options.appInfo),
    ]
      .filter(Boolean)
      .join(' ');
    return got.extend({
      prefixUrl: this.baseUrl,
      responseType: 'json',
      headers: { 'user-agent': userAgent, accept: 'application/json' },
      timeout: { request: options.timeout ?? 30_000 },
      agent: agentsOf(options.agent),
      retry: {
        limit: policy.limit ?? 2,
        // Every method is let through got's gate; retryDelay() decides, knowing the method and the cause.
        methods: ['GET', 'PUT', 'PATCH', 'DELETE', 'POST'],
        statusCodes: RETRY_STATUS_CODES,
        maxRetryAfter: policy.maxDelay ?? 30_000,
        calculateDelay: ({ attemptCount, error }) => {
          const context = error.options.context as { postOptIn: boolean; waited: number };
          const delay = retryDelay(
            {
              attemptCount,
              method: String(error.options.method).toUpperCase(),
              status: error.response?.statusCode,
              errorCode: error.response ? undefined : error.code,
              retryAfter: error.response?.headers['retry-after'],
              postOptIn: context.postOptIn,
              waited: context.waited,
            },
            policy,
          );
          context.waited += delay;
          return delay;
        },
      },
      hooks: {
        beforeRequest: [
          (request) => {
            request.headers.authorization = this.authorizer.header();
          },
        ],
        beforeError: [
          (error) => {
            // Remember how many attempts were made, for the error message.
            (error as RequestError & { attempts?: number }).attempts = (error.request?.retryCount ?? 0) + 1;
            return error;
          },
        ],
      },
    });
  }
}

/**
 * Replaces the global default connection and returns it.
 * @example
 * configure({ keyId: 'app_5d8c...', secret: process.env.SMOOCH_SECRET!, appId: '5d8c...' });
 */
export function configure(options: ConnectionOptions | Connection): Connection {
  defaultConnection = options instanceof Connection ? options : new Connection(options);
  return defaultConnection;
}

/** Forgets the global default connection (tests call it after each case). @example resetConfiguration(); */
export function resetConfiguration(): void {
  defaultConnection = undefined;
}

function validate(options: ConnectionOptions): void {
  if (!options || typeof options !== 'object')
    throw new ConfigurationError('Connection options are required');
  for (const name of ['keyId', 'secret'] as const) {
    if (typeof options[name] !== 'string' || options[name].length === 0) {
      throw new ConfigurationError(`${name} is required (a non-empty string)`);
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
  if (options.timeout !== undefined && !(options.timeout > 0)) {
    throw new ConfigurationError('timeout must be a positive number of milliseconds');
  }
}

function baseUrlOf({ baseUrl, region }: ConnectionOptions): string {
  if (baseUrl) {
    if (!/^https?:\/\//.test(baseUrl))
      throw new ConfigurationError(`baseUrl must be an http(s) URL: ${baseUrl}`);
    return baseUrl;
  }
  if (region === undefined || region === 'us') return hosts.us;
  if (region === 'eu') return hosts.eu;
  if (typeof region === 'object' && /^[a-z0-9-]+$/i.test(region.subdomain ?? '')) {
    return `https://${region.subdomain}.zendesk.com/sc`;
  }
  throw new ConfigurationError(`Unknown region ${JSON.stringify(region)}: use 'us', 'eu' or { subdomain }`);
}

function appInfoOf(info: ConnectionOptions['appInfo']): string {
  if (!info) return '';
  if (typeof info === 'string') return info;
  return `${info.name}${info.version ? `/${info.version}` : ''}${info.url ? ` (${info.url})` : ''}`;
}

function agentsOf(agent: ConnectionOptions['agent']): { http?: HttpAgent; https?: HttpsAgent } | undefined {
  if (!agent) return undefined;
  if ('http' in agent || 'https' in agent) return agent as { http?: HttpAgent; https?: HttpsAgent };
  const given = agent as HttpAgent;
  return (given as { protocol?: string }).protocol === 'https:'
    ? { https: given as HttpsAgent }
    : { http: given, https: given as HttpsAgent };
}

function compact(query: RequestOptions['query']): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}

/** Turns got's errors into ours, keeping nothing that holds request headers (got's `options` does). */
function translate(error: unknown, method: string, path: string): Error {
  if (error instanceof SmoochError) return error;
  if (!(error instanceof RequestError)) return error as Error;
  const attempts = (error as RequestError & { attempts?: number }).attempts;
  if (error instanceof HTTPError || (error.response && error.name !== 'ParseError')) {
    const response = error.response!;
    return errorFromResponse({
      status: response.statusCode,
      method,
      url: path,
      headers: { ...response.headers },
      body: response.body,
      attempts,
    });
  }
  if (error.name === 'ParseError') {
    const raw = error.response?.rawBody?.toString('utf8') ?? '';
    return new ParseError(
      `The API answered ${error.response?.statusCode} with a body that is not JSON (${method} ${path})`,
      raw.slice(0, 120),
    );
  }
  if (error.name === 'TimeoutError') {
    return new TimeoutError((error as RequestError & { event?: string }).event ?? 'request', method, path);
  }
  if (error.name === 'AbortError' || error.code === 'ERR_ABORTED') {
    return new AbortError(`Request aborted (${method} ${path})`);
  }
  const tries = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  return new ConnectionError(
    `${error.code ?? 'Network error'}: ${error.message} (${method} ${path})${tries}`,
    error.code,
    method,
    path,
  );
}
