/**
 * Ids and secrets of the sandbox: 24-hex record ids (they sort by creation, and cannot be guessed from one
 * another) and random secrets and tokens that look nothing like constants.
 */
import { randomBytes } from 'node:crypto';

// Starting in the lower half leaves 8 million ids before the counter could wrap and break the order.
let counter = randomBytes(3).readUIntBE(0, 3) & 0x7fffff;

/**
 * A new 24-hex id, like the API's: seconds and a counter first, so cursors page in creation order, then 40
 * random bits, so that knowing one id does not tell the next one.
 * @example newId() // '65f0c1a2b3c4d5e6f7a8b9c0'
 */
export function newId(): string {
  counter = (counter + 1) % 0xffffff;
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}${counter.toString(16).padStart(6, '0')}${randomBytes(5).toString('hex')}`;
}

/** A random 128-bit token (32 hex), for URLs that are their own credential. @example newToken() */
export function newToken(): string {
  return randomBytes(16).toString('hex');
}

/** A key id with its scope prefix (`app_`, `act_`, `int_`). @example newKeyId('app_') */
export function newKeyId(prefix: 'app_' | 'act_' | 'int_'): string {
  return `${prefix}${newId()}`;
}

/** A fresh random secret (base64url, 32 bytes). @example newSecret() */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether `value` looks like a record id (24 hex digits). @example isId('65f0...') */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{24}$/.test(value);
}

/** The current time as the API writes it (ISO 8601 with milliseconds). @example now() */
export function now(): string {
  return new Date().toISOString();
}
