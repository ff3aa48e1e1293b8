/**
 * Authentication and scopes, as the API does them: Basic `keyId:secret` or a Bearer JWT (HS256, header `kid`,
 * claim `scope`), checked against the keys this sandbox issued, or a Bearer OAuth access token it issued.
 */
import { timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { forbidden, unauthorized } from './errors.js';
import type { KeyRecord, KeyScope, SandboxStore } from './store.js';

/** Who is calling: the key and what it may reach. */
export interface Principal {
  key: KeyRecord;
  scope: KeyScope;
}

/**
 * The principal of an `Authorization` header, or a 401.
 * @example const principal = authenticate(req.headers.authorization, store);
 */
export function authenticate(header: string | undefined, store: SandboxStore): Principal {
  if (!header) throw unauthorized();
  const [kind, value = ''] = header.split(' ', 2);
  if (/^basic$/i.test(kind!)) return basic(value, store);
  if (/^bearer$/i.test(kind!)) return bearer(value, store);
  throw unauthorized('Unsupported authorization scheme: use Basic or Bearer');
}

/**
 * Checks the principal may call an operation of `scopes` on `appId`: 403 otherwise.
 * @example authorize(principal, ['app', 'account'], appId);
 */
export function authorize(principal: Principal, scopes: readonly KeyScope[], appId?: string): void {
  if (!scopes.includes(principal.scope)) {
    throw forbidden(
      `This operation needs ${scopes.join(' or ')} scope; the key has ${principal.scope} scope`,
    );
  }
  if (appId !== undefined && principal.scope !== 'account' && principal.key.appId !== appId) {
    throw forbidden('The key does not belong to this app');
  }
}

function basic(value: string, store: SandboxStore): Principal {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon > 0 ? store.keys.get(decoded.slice(0, colon)) : undefined;
  if (!key || !sameSecret(decoded.slice(colon + 1), key.secret)) throw unauthorized('Invalid credentials');
  return { key, scope: key.scope };
}

function bearer(token: string, store: SandboxStore): Principal {
  const granted = store.oauthTokens.get(token);
  if (granted) return { key: granted, scope: 'integration' };
  const decoded = jwt.decode(token, { complete: true });
  const kid = decoded && typeof decoded.header.kid === 'string' ? decoded.header.kid : undefined;
  if (!kid) throw unauthorized('Invalid JWT: the header must name the key id in kid');
  const key = store.keys.get(kid);
  if (!key) throw unauthorized('Invalid JWT: unknown key id');
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, key.secret, { algorithms: ['HS256'] });
  } catch (error) {
    throw unauthorized(`Invalid JWT: ${(error as Error).message}`);
  }
  const scope = typeof claims === 'object' ? claims.scope : undefined;
  if (scope === 'user') throw unauthorized('Invalid JWT: user scope tokens cannot be used with the v2 API');
  if (scope !== key.scope) {
    throw unauthorized(`Invalid JWT: the scope claim must be ${key.scope} for this key`);
  }
  return { key, scope: key.scope };
}

/** Compares secrets in constant time: the comparison must not tell how much of a guess was right. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
