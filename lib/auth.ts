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
  readonly #keyId: string;
  readonly #secret: string;

  constructor(
    private readonly options: {
      keyId: string;
      secret: string;
      mode: AuthMode;
      scope: Scope;
      expiresIn?: number;
    },
  ) {
    this.#keyId = options.keyId;
    this.#secret = options.secret;
    if (options.mode === 'basic') this.#value = basicAuthorization(this.#keyId, this.#secret);
  }

  /** The `Authorization` header value, signing a new JWT only when there is none or it is about to expire. */
  header(nowSeconds = Date.now() / 1000): string {
    if (this.#value && nowSeconds < this.#expiresAt - RESIGN_MARGIN_SECONDS) return this.#value;
    const { expiresIn, scope } = this.options;
    this.#value = `Bearer ${signToken(this.#keyId, this.#secret, scope, { expiresIn })}`;
    this.#expiresAt = expiresIn ? Math.floor(nowSeconds) + expiresIn : Infinity;
    this.signatures++;
    return this.#value;
  }

  /** Never show the secret or the token when an authorizer is logged. */
  toJSON(): object {
    return { keyId: this.#keyId, mode: this.options.mode, scope: this.options.scope };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Authorizer { keyId: '${this.#keyId}', mode: '${this.options.mode}', scope: '${this.options.scope}' }`;
  }
}

function requireText(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigurationError(`${name} must be a non-empty string`);
  }
}
