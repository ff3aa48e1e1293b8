/**
 * Credentials to Authorization values, and JWT signing. No I/O here: everything is local and synchronous.
 */
import jwt from 'jsonwebtoken';
import { ConfigurationError } from './errors.js';

/** The scope claim of an API token (`app`, `account`, `integration`). */
export type Scope = 'app' | 'account' | 'integration';

/** How a connection authenticates: a Bearer JWT signed locally (default), or HTTP Basic. */
export type AuthMode = 'jwt' | 'basic';

const scopeByPrefix: Record<string, Scope> = {
  app_: 'app',
  act_: 'account',
  svc_: 'account',
  int_: 'integration',
};

/**
 * The scope a key id implies from its prefix (`app_`, `act_`, `svc_`, `int_`), or undefined when unknown.
 * @example
 * inferScope('act_5963ceb97cde542d000dbdb1') // 'account'
 */
export function inferScope(keyId: string): Scope | undefined {
  return scopeByPrefix[keyId.slice(0, 4)];
}

/**
 * The value of an `Authorization` header for Basic auth.
 * @example
 * basicAuthorization('app_123', 'secret') // 'Basic YXBwXzEyMzpzZWNyZXQ='
 */
export function basicAuthorization(keyId: string, secret: string): string {
  return `Basic ${Buffer.from(`${keyId}:${secret}`).toString('base64')}`;
}

/** Options of a locally signed token. */
export interface SignOptions {
  /** Lifetime in seconds. Without it the token does not expire (as the API allows for API tokens). */
  expiresIn?: number;
}

/**
 * Signs an API token: HS256, header `kid` = key id, claim `scope`.
 * @example
 * const token = signToken('app_123', secret, 'app');
 */
export function signToken(keyId: string, secret: string, scope: Scope, options: SignOptions = {}): string {
  return jwt.sign({ scope }, secret, {
    algorithm: 'HS256',
    keyid: keyId,
    ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}),
  });
}

/**
 * Mints an SDK login token for one user (claims `scope: 'user'`, `external_id`), signed with an app key.
 * Give it to your front end so the Web / iOS / Android SDK can log that user in.
 * @example
 * const token = jwtForUser('app_5d8c...', process.env.SMOOCH_SECRET!, 'b6518');
 */
export function jwtForUser(
  keyId: string,
  secret: string,
  externalId: string,
  options: SignOptions = {},
): string {
  requireText('keyId', keyId);
  requireText('secret', secret);
  requireText('externalId', externalId);
  return jwt.sign({ scope: 'user', external_id: externalId }, secret, {
    algorithm: 'HS256',
    keyid: keyId,
    ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}),
  });
}

/** Why re-sign early: a token that expires while a request is in flight would be refused with a 401. */
const RESIGN_MARGIN_SECONDS = 30;

/** What an `Authorizer` needs: the key, how to authenticate, and the lifetime of a signed JWT (if any). */
export interface AuthorizerOptions {
  keyId: string;
  secret: string;
  /** `token`: `secret` is an OAuth access token, sent as it is (`Bearer <token>`). */
  mode: AuthMode | 'token';
  scope: Scope;
  /** Lifetime of each JWT in seconds; without it the token does not expire and is signed once. */
  expiresIn?: number;
}

/**
 * Produces the Authorization value for one connection. A JWT is signed once and reused; when an expiry is
 * configured it is re-signed shortly before it.
 * @example
 * const auth = new Authorizer({ keyId: 'app_1', secret: 's', mode: 'jwt', scope: 'app' });
 * auth.header(); // 'Bearer eyJ...'
 */
export class Authorizer {
  /** How many tokens this authorizer has signed (observability and the benchmark's "one signature" target). */
  signatures = 0;
  #value: string | undefined;
  #expiresAt = Infinity;
  // Private fields: the secret must not show through Object.keys, spreading, loggers or util.inspect.
  readonly #options: AuthorizerOptions;

  constructor(options: AuthorizerOptions) {
    requireText('keyId', options.keyId);
    requireText('secret', options.secret);
    const { expiresIn } = options;
    if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn > 0)) {
      throw new ConfigurationError(
        `jwtExpiresIn must be a positive whole number of seconds, got ${expiresIn}`,
      );
    }
    this.#options = { ...options };
    if (options.mode === 'basic') this.#value = basicAuthorization(options.keyId, options.secret);
    if (options.mode === 'token') this.#value = `Bearer ${options.secret}`;
  }

  /**
   * The `Authorization` header value, signing a new JWT only when there is none or it is about to expire.
   * @example fetch(url, { headers: { authorization: connection.authorizer.header() } });
   */
  header(nowSeconds = Date.now() / 1000): string {
    if (this.#value && nowSeconds < this.#expiresAt) return this.#value;
    const { keyId, secret, expiresIn, scope } = this.#options;
    this.#value = `Bearer ${signToken(keyId, secret, scope, { expiresIn })}`;
    // A short lifetime gets a proportionally short margin, so a 30 s token is not re-signed on every request.
    const margin = expiresIn ? Math.min(RESIGN_MARGIN_SECONDS, expiresIn / 2) : 0;
    this.#expiresAt = expiresIn ? Math.floor(nowSeconds) + expiresIn - margin : Infinity;
    this.signatures++;
    return this.#value;
  }

  /**
   * Signs an SDK login token for one user with this authorizer's key, so the secret never has to leave it
   * (`AppUser#jwt()` uses this). The key must be an app key for the SDKs to accept the token.
   * @example connection.authorizer.userToken('b6518') // 'eyJhbGciOiJIUzI1NiIs...'
   */
  userToken(externalId: string, options: SignOptions = {}): string {
    const { keyId, secret } = this.#options;
    return jwtForUser(keyId, secret, externalId, options);
  }

  /**
   * Never show the secret or the token when an authorizer is logged.
   * @example JSON.stringify(connection.authorizer) // '{"keyId":"app_...","mode":"jwt","scope":"app"}'
   */
  toJSON(): object {
    const { keyId, mode, scope } = this.#options;
    return { keyId, mode, scope };
  }

  /** `console.log(authorizer)` shows key id, mode and scope only. @example console.log(connection.authorizer) */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const { keyId, mode, scope } = this.#options;
    return `Authorizer { keyId: '${keyId}', mode: '${mode}', scope: '${scope}' }`;
  }
}

function requireText(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigurationError(`${name} must be a non-empty string`);
  }
}
