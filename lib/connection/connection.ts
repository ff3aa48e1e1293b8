/**
 * A connection to the Sunshine Conversations API: base URL, credentials, JSON, timeouts, retries, agents,
 * events. This is the only module that imports got: retries, waits and timeouts are got's own machinery,
 * configured here; the policy (retry-policy.ts) only decides whether and how long to wait.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Agent as HttpAgent } from 'node:http';
import got, { type Got, RequestError, type Response } from 'got';
import { agentsFor, DEFAULT_MAX_SOCKETS } from './agents.js';
import { capBody, DEFAULT_MAX_RESPONSE_SIZE } from './body-limit.js';
import { Authorizer, inferScope, type Scope } from '../auth.js';
import { type CallState, endCall, metaOf, newCallState, type ResponseMeta, stateOf } from './call-state.js';
import { failCall, finishAttempt, nextDelay, startAttempt } from './got-hooks.js';
import {
  baseUrlOf,
  connectionTimeoutsOf,
  type ConnectionOptions,
  type RequestOptions,
  timeoutsOf,
  userAgentOf,
  validate,
} from './options.js';
import { AbortError, ConfigurationError } from '../errors.js';
import { optionsFromEnvironment } from './environment.js';
import { type ConnectionEvents, Observer } from './events.js';
import { checkJsonText } from '../limits.js';
import { Redactor } from './redact.js';
import { linkSignal } from './shared-signal.js';
import { enter, Throttle, throttledCallOf, type ThrottledCall } from './throttle.js';
import { VERSION } from '../version.js';

export type { ConnectionOptions, Region, RequestOptions, Timeouts } from './options.js';
export type { ResponseMeta } from './call-state.js';

/** The last argument of every static call: which connection and app, cancellation, timeout, retries. */
export interface CallOptions {
  connection?: Connection;
  appId?: string;
  /** Cancels the call (also during a wait between retries) with an `AbortError`. */
  signal?: AbortSignal;
  /** Time limit of each attempt of this call in ms (replaces the connection's `request` limit). */
  timeout?: number;
  /** `true`: also retry this POST on 5xx / timeouts / resets (it may then be processed twice). `false`: no retries. */
  retry?: boolean;
}

/** The connection `run()` put in place for the async work it runs. */
const runContext = new AsyncLocalStorage<Connection>();

/** The per-call options handed to got. */
interface GotCallOptions {
  method: RequestOptions['method'];
  context: { call: CallState; throttle?: ThrottledCall };
  searchParams?: Record<string, string | number | boolean>;
  body?: string;
  headers?: Record<string, string | undefined>;
  signal?: AbortSignal;
  timeout?: NonNullable<ReturnType<typeof timeoutsOf>>;
}
let defaultConnection: Connection | undefined;
/** Whether the default was already looked for in the environment (read once, not on every call). */
let environmentRead = false;

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
  readonly #options: ConnectionOptions;
  /** The connection's `retry.post`: whether POSTs are retried when a call does not say. */
  readonly #postByDefault: boolean;
  /** The connection's `maxResponseSize`, in bytes. */
  readonly #maxResponseSize: number;
  readonly #observer: Observer;
  /** Paces calls per app once the API answers 429 (throttle.ts); undefined with `throttle: false`. */
  readonly #throttle: Throttle | undefined;
  /** Takes this connection's credentials out of what its errors keep of a response. */
  readonly #redactor: Redactor;
  readonly #ownedAgents: HttpAgent[];
  /** got configured for this connection (base URL, JSON, timeouts, agents, retry); no credentials. */
  readonly #base: Got;
  /** Instances of `#base` with credentials and hooks, made on first use; see `#clientFor()`. */
  #clients: (Got | undefined)[] = [];
  /** The Authorization value the instances in `#clients` send. */
  #authorization: string | undefined;
  /** What `lastResponse` is built from, when somebody reads it. */
  #last: CallState | ResponseMeta | undefined;

  constructor(options: ConnectionOptions) {
    validate(options);
    this.#options = options;
    this.#postByDefault = options.retry?.post ?? false;
    this.#maxResponseSize = options.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE;
    const { accessToken } = options;
    // An OAuth access token carries no key id; name it so logs and errors still say what authenticated.
    this.keyId = accessToken ? 'oauth-access-token' : options.keyId!;
    this.appId = options.appId;
    this.scope = options.scope ?? (accessToken ? 'integration' : (inferScope(this.keyId) ?? 'app'));
    this.baseUrl = baseUrlOf(options);
    this.authorizer = new Authorizer({
      keyId: this.keyId,
      secret: accessToken ?? options.secret!,
      mode: accessToken ? 'token' : (options.auth ?? 'jwt'),
      scope: this.scope,
      expiresIn: options.jwtExpiresIn,
    });
    this.#observer = new Observer(options.hooks, options.logger);
    this.#throttle =
      options.throttle === false
        ? undefined
        : new Throttle(options.throttle ?? {}, options.maxSockets ?? DEFAULT_MAX_SOCKETS, (event) =>
            this.#observer.emit('throttle', event),
          );
    this.#redactor = new Redactor([options.secret, accessToken]);
    const protocol = this.baseUrl.startsWith('https:') ? 'https:' : 'http:';
    const { agents, owned } = agentsFor(options.agent, options.maxSockets, protocol);
    this.#ownedAgents = owned;
    this.#base = this.#makeBase(options, agents);
  }

  /**
   * Status and headers of the last response this connection received (any call, any status). With
   * concurrent calls use `requestWithResponse()` or the `response` event instead.
   * @example await AppUser.find('b6518'); connection.lastResponse?.headers['x-ratelimit-remaining'];
   */
  get lastResponse(): ResponseMeta | undefined {
    const last = this.#last;
    if (last === undefined || !('started' in last)) return last;
    // Built on first read: most calls never look at it, and copying headers on each one would cost them all.
    this.#last = metaOf({ statusCode: last.status!, headers: last.headers! }, last);
    return this.#last;
  }

  /**
   * The connection in effect: the one scoped by `run()`, else the configured default.
   * @example
   * const connection = Connection.current();
   */
  static current(): Connection {
    const connection = Connection.currentOrUndefined();
    if (!connection) {
      throw new ConfigurationError(
        'No connection: call configure({ keyId, secret, appId }), set SMOOCH_KEY_ID, SMOOCH_SECRET and ' +
          'SMOOCH_APP_ID, or pass { connection } to the call',
      );
    }
    return connection;
  }

  /**
   * The connection in effect, or undefined when none is configured (for code that works without one). With
   * no `configure()` call, the default comes from the environment (`Connection.fromEnvironment()`), made once.
   * @example const connection = Connection.currentOrUndefined() ?? new Connection(options);
   */
  static currentOrUndefined(): Connection | undefined {
    const scoped = runContext.getStore();
    if (scoped) return scoped;
    if (!defaultConnection && !environmentRead) {
      // Marked read only once it succeeded: an incomplete environment keeps failing with its own message.
      defaultConnection = Connection.fromEnvironment();
      environmentRead = true;
    }
    return defaultConnection;
  }

  /**
   * A connection from `SMOOCH_KEY_ID`, `SMOOCH_SECRET`, `SMOOCH_APP_ID` and, optionally, `SMOOCH_REGION`
   * (`us`, `eu` or a Zendesk subdomain) or `SMOOCH_BASE_URL`; undefined when none is set. `changes` win over
   * the environment. An incomplete set (a key id without its secret) is a `ConfigurationError` naming the
   * missing variable.
   * @example
   * const connection = Connection.fromEnvironment() ?? new Connection({ keyId, secret, appId });
   */
  static fromEnvironment(
    changes: Partial<ConnectionOptions> = {},
    env: Record<string, string | undefined> = process.env,
  ): Connection | undefined {
    const options = optionsFromEnvironment(env);
    return options ? new Connection({ ...options, ...changes }) : undefined;
  }

  /**
   * Runs `fn` with this connection as the default for every call made inside it, across awaits.
   * @example
   * await tenant.run(async () => { await AppUser.find('bob'); });
   */
  run<T>(fn: () => T): T {
    return runContext.run(this, fn);
  }

  /**
   * A new connection with some options changed (another app, another key, a shorter timeout). It has its own
   * socket pool and the `hooks` of the options, not the listeners added with `on()`.
   * @example
   * const eu = connection.with({ region: 'eu' });
   */
  with(changes: Partial<ConnectionOptions>): Connection {
    return new Connection({ ...this.#options, ...changes });
  }

  /**
   * Listens to `request`, `response`, `retry` or `error` events (method, path, status, attempt, timings).
   * @example
   * connection.on('retry', (e) => console.warn(`retrying ${e.method} ${e.path} in ${e.delayMs} ms`));
   */
  on<K extends keyof ConnectionEvents>(name: K, listener: (event: ConnectionEvents[K]) => void): this {
    this.#observer.on(name, listener);
    return this;
  }

  /** Removes a listener added with `on()`. @example connection.off('retry', onRetry); */
  off<K extends keyof ConnectionEvents>(name: K, listener: (event: ConnectionEvents[K]) => void): this {
    this.#observer.off(name, listener);
    return this;
  }

  /**
   * Sends one request and resolves with the parsed JSON body, or rejects with a typed `SmoochError`.
   * @example
   * const body = await connection.request({ method: 'GET', path: path`/v2/apps/${appId}` });
   */
  request<T = Record<string, unknown>>(options: RequestOptions): Promise<T> {
    // Not `async`: #send is (so bad options still reject), and one frame less is one promise less per call.
    return this.#send(options, bodyOf) as Promise<T>;
  }

  /**
   * Like `request()`, with the status and headers of the response that answered this very call.
   * @example
   * const { body, response } = await connection.requestWithResponse({ method: 'GET', path: '/v2/apps' });
   * console.log(response.headers['x-ratelimit-remaining']);
   */
  requestWithResponse<T = Record<string, unknown>>(
    options: RequestOptions,
  ): Promise<{ body: T; response: ResponseMeta }> {
    return this.#send(options, (response, state) => ({
      body: bodyOf(response) as T,
      response: metaOf(response, state),
    }));
  }

  /**
   * One call through got; `answer` makes what the caller resolves with from got's response. Hands got only the
   * options this call sets: each one got merges costs CPU.
   */
  async #send<R>(
    options: RequestOptions,
    answer: (response: Response<unknown>, state: CallState) => R,
  ): Promise<R> {
    const { method, path, signal } = options;
    const state = newCallState(options, this.#postByDefault);
    const timeout = options.timeout === undefined ? undefined : timeoutsOf(options.timeout);
    if (signal?.aborted) {
      const message = `Request aborted before it was sent (${method} ${path})`;
      throw new AbortError(message, { cause: signal.reason });
    }
    // Serialised once, here: the API refuses JSON over 100 kB, so say so before sending a byte.
    const json = options.json === undefined ? undefined : serialiseJson(options.json);
    const throttled = this.#throttle?.ticket(method, path);
    if (throttled) {
      const entered = enter(throttled, signal); // waits here, before anything is sent
      if (entered !== true) await entered;
    }
    const gotOptions: GotCallOptions = { method, context: { call: state, throttle: throttled } };
    const searchParams = compact(options.query);
    if (searchParams) gotOptions.searchParams = searchParams;
    if (json !== undefined) {
      gotOptions.body = json;
      gotOptions.headers = { ...options.headers, 'content-type': 'application/json' };
    } else {
      if (options.body !== undefined) gotOptions.body = options.body as string;
      if (options.headers) gotOptions.headers = options.headers;
    }
    const link = signal && linkSignal(signal);
    if (link) gotOptions.signal = link.signal;
    if (timeout) gotOptions.timeout = timeout;
    let response: Response<unknown>;
    try {
      const client = this.#clientFor(options.anonymous === true);
      const url = path.startsWith('/') ? path.slice(1) : path;
      const call = client(url, gotOptions);
      capBody(call, this.#maxResponseSize, state);
      response = (await call) as Response<unknown>;
    } catch (caught) {
      const error = failCall(
        caught,
        caught instanceof RequestError,
        state,
        this.#observer,
        this.#redactor,
        signal,
      );
      if (state.response) this.#last = state.response;
      throw error;
    } finally {
      link?.release();
      throttled?.lane.release(throttled);
    }
    throttled?.lane.succeeded();
    endCall(state, response.retryCount + 1);
    state.status = response.statusCode;
    state.headers = response.headers;
    this.#last = state;
    return answer(response, state);
  }

  /**
   * Closes the idle sockets of this connection's own pool (agents you passed are left alone). Calls made
   * later still work: they open new sockets.
   * @example afterAll(() => connection.close());
   */
  close(): void {
    for (const agent of this.#ownedAgents) agent.destroy();
  }

  /**
   * What a logged connection shows: key id, app, scope and host; never the secret or a token.
   * @example JSON.stringify(connection) // '{"keyId":"app_...","appId":"5d8c...","scope":"app","baseUrl":"..."}'
   */
  toJSON(): object {
    return { keyId: this.keyId, appId: this.appId, scope: this.scope, baseUrl: this.baseUrl };
  }

  /** `console.log(connection)` shows `toJSON()` only. @example console.log(connection) // Connection {"keyId":...} */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Connection ${JSON.stringify(this.toJSON())}`;
  }

  /** got with everything of this connection but credentials and hooks. */
  #makeBase(options: ConnectionOptions, agent: ReturnType<typeof agentsFor>['agents']): Got {
    const policy = options.retry ?? {};
    const observer = this.#observer;
    const userAgent = userAgentOf(options.appInfo, VERSION);
    return got.extend({
      prefixUrl: this.baseUrl,
      responseType: 'json',
      headers: { 'user-agent': userAgent, accept: 'application/json' },
      timeout: connectionTimeoutsOf(options.timeout),
      agent,
      retry: {
        // got counts and waits; nextDelay() asks retry-policy.ts, which decides per method and cause, so got's
        // own gates are opened wide (every method, every status and code) and its default delay is ignored.
        limit: Number.MAX_SAFE_INTEGER,
        methods: ['GET', 'PUT', 'PATCH', 'DELETE', 'POST'],
        calculateDelay: ({ attemptCount, error }) => {
          const throttled = throttledCallOf(error.options);
          throttled?.lane.release(throttled, error.response?.statusCode);
          return nextDelay(error, stateOf(error.options), attemptCount, policy, observer);
        },
      },
    });
  }

  /**
   * The got instance for a call. Why several: the Authorization value is one of its default headers (signed
   * once, so no per-call header merge), and the per-attempt hooks that feed `request` / `response` events run
   * only while somebody observes the connection. A re-signed token (`jwtExpiresIn`) starts a new set.
   */
  #clientFor(anonymous: boolean): Got {
    const authorization = anonymous ? undefined : this.authorizer.header();
    if (authorization !== undefined && authorization !== this.#authorization) {
      this.#authorization = authorization;
      this.#redactor.remember(authorization);
      this.#clients = [];
    }
    const observed = this.#observer.active;
    // Slots: authorized, authorized and observed, anonymous, anonymous and observed.
    const slot = (anonymous ? 2 : 0) + (observed ? 1 : 0);
    return (this.#clients[slot] ??= this.#makeClient(authorization, observed));
  }

  #makeClient(authorization: string | undefined, observed: boolean): Got {
    const observer = this.#observer;
    return this.#base.extend({
      headers: authorization === undefined ? {} : { authorization },
      hooks: {
        // A retry may come after the token was re-signed: it sends the current one.
        beforeRetry: [
          // A retry waits its turn in the throttle too (it gave its slot back when its attempt failed).
          async (error) => {
            const throttled = throttledCallOf(error.options);
            const signal = error.options.signal as AbortSignal | undefined;
            const entered = throttled && enter(throttled, signal, true);
            if (entered && entered !== true) await entered;
          },
          ...(authorization === undefined
            ? []
            : [
                (error: RequestError) => {
                  const current = this.authorizer.header();
                  this.#redactor.remember(current);
                  error.options.headers.authorization = current;
                },
              ]),
        ],
        beforeRequest: observed
          ? [
              (request, { retryCount }) => {
                startAttempt(stateOf(request), retryCount + 1, request.headers, observer);
              },
            ]
          : [],
        afterResponse: observed
          ? [
              (response) => {
                finishAttempt(stateOf(response.request.options), response, observer);
                return response;
              },
            ]
          : [],
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
  environmentRead = false;
}

function compact(query: RequestOptions['query']): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  const out: Record<string, string | number | boolean> = {};
  let empty = true;
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      out[key] = value;
      empty = false;
    }
  }
  // No searchParams at all rather than an empty one: got does less work per request without it.
  return empty ? undefined : out;
}

/** The parsed body of a response; `{}` for an empty one (204, or a 200 without a body). */
function bodyOf(response: Response<unknown>): unknown {
  return response.body ?? {};
}

/** The JSON text of a request body, refused with a RangeError when over the API's 100 kB limit. */
function serialiseJson(json: unknown): string {
  const text = JSON.stringify(json);
  checkJsonText(text);
  return text;
}
