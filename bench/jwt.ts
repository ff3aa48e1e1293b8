/**
 * An HS256 API token signed with node:crypto, for the floor clients (raw got, node:http) and the official v2
 * client (which takes a ready token). Signed once per process, as a careful user of those clients would.
 */
import { createHmac } from 'node:crypto';
import { KEY_ID, SECRET } from './shared.js';

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `Bearer <jwt>` with header `kid` and claim `scope: 'app'`. */
export function bearer(): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT', kid: KEY_ID })}.${base64url({ scope: 'app' })}`;
  const signature = createHmac('sha256', SECRET).update(unsigned).digest('base64url');
  return `Bearer ${unsigned}.${signature}`;
}
