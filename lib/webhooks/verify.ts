/**
 * Checks a delivery's `X-API-Key` header against the webhook secret (the v2 API signs nothing: the secret
 * itself travels in that header; see the spec's Webhooks tag, "Securing Sunshine Conversations Webhooks").
 *
 * Both values are hashed before `timingSafeEqual`, so the comparison takes the same time whatever the header
 * holds, and a key of another length neither throws nor returns early. Neither value ever enters an error.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../errors.js';

/** Request headers: Node's `req.headers`, a plain object in any casing, or a Fetch `Headers`. */
export type HeaderBag =
  | Record<string, string | string[] | number | undefined>
  | {
      /** A header's value by name, any casing (Fetch `Headers.get`). @example headers.get('x-api-key') */
      get(name: string): string | null;
    };

/** One secret, or several while rotating from an old webhook to a new one. */
export type WebhookSecret = string | readonly string[];

/**
 * Throws `WebhookVerificationError` unless `headers` carry `X-API-Key` equal to `secret` (or one of them).
 * @example verifyApiKey(req.headers, process.env.WEBHOOK_SECRET!);
 */
export function verifyApiKey(headers: HeaderBag | undefined, secret: WebhookSecret): void {
  const secrets = secretsOf(secret);
  const given = apiKeyOf(headers);
  if (given === undefined) {
    throw new WebhookVerificationError('Missing X-API-Key header: the delivery cannot be verified');
  }
  const digest = sha256(given);
  let match = false;
  // No early exit: every secret is compared, so timing tells nothing about which one (if any) matched.
  for (const candidate of secrets) match = timingSafeEqual(digest, sha256(candidate)) || match;
  if (!match) throw new WebhookVerificationError('X-API-Key does not match the webhook secret');
}

/** The secrets as a non-empty list of non-empty strings, or a TypeError (a configuration mistake, not a 401). */
export function secretsOf(secret: WebhookSecret): readonly string[] {
  const list = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [];
  if (list.length === 0 || list.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new TypeError('A webhook secret is required: pass the non-empty `secret` of the Webhook');
  }
  return list;
}

/** The `X-API-Key` value in any casing; undefined when absent, empty or given several times. */
function apiKeyOf(headers: HeaderBag | undefined): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  let value: unknown;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(name: string): string | null }).get('x-api-key');
  } else {
    const bag = headers as Record<string, unknown>;
    const key = Object.keys(bag).find((name) => name.toLowerCase() === 'x-api-key');
    value = key === undefined ? undefined : bag[key];
  }
  if (Array.isArray(value)) value = value.length === 1 ? value[0] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
