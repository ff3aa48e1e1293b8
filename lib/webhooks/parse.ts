/**
 * Reads a delivery body (string, bytes or an object a body parser made) into its version, app, webhook and
 * raw events: `events[]` means v2, `trigger` means a legacy v1 / v1.1 body (API-NOTES D, last bullet).
 */
import { type Binding } from '../model.js';
import { Connection } from '../connection/index.js';
import { ParseError } from '../errors.js';
import { isPlainObject } from '../wire.js';
import type { RawEvent } from './hydrate-event.js';
import { legacyDelivery, type RawDelivery } from './legacy.js';
import { type JsonLimits, safeJsonParse, sanitize } from './safe-json.js';

/** What `Notification.parse` accepts as a body. */
export type WebhookBody = string | Uint8Array | Record<string, unknown>;

/**
 * The parts of a delivery, after size, depth and prototype-key checks.
 * @example const { version, events } = readDelivery('{"app":{"id":"a"},"webhook":{},"events":[]}');
 */
export function readDelivery(body: WebhookBody, limits: JsonLimits = {}): RawDelivery {
  const data =
    typeof body === 'string' || body instanceof Uint8Array
      ? safeJsonParse(body, limits)
      : sanitize(body, limits.maxDepth);
  if (!isPlainObject(data)) throw new ParseError('Webhook body is not a JSON object', excerpt(data));
  if (Array.isArray(data.events)) {
    if (!data.events.every(isPlainObject))
      throw new ParseError('Webhook events must be objects', excerpt(data.events));
    return {
      version: 'v2',
      app: isPlainObject(data.app) ? data.app : {},
      webhook: isPlainObject(data.webhook) ? data.webhook : {},
      events: data.events as RawEvent[],
    };
  }
  if (typeof data.trigger === 'string') return legacyDelivery(data);
  throw new ParseError(
    'Not a webhook delivery: the body has neither `events` (v2) nor `trigger` (v1)',
    excerpt(data),
  );
}

/**
 * The binding of a delivery's models: the given connection, else the current one, else (nothing configured
 * yet) one looked up when a model first makes a call; the app is the one the delivery names.
 */
export function deliveryBinding(appId: unknown, connection?: Connection): Binding {
  const app = typeof appId === 'string' && appId ? appId : undefined;
  const known = connection ?? currentConnection();
  if (known) return { connection: known, appId: app ?? known.appId };
  return {
    get connection() {
      return Connection.current();
    },
    get appId() {
      return app ?? Connection.current().appId;
    },
  };
}

function currentConnection(): Connection | undefined {
  // Parsing needs no connection; a call made later through an unbound model says what is missing.
  return Connection.currentOrUndefined();
}

function excerpt(value: unknown): string {
  return (JSON.stringify(value) ?? String(value)).slice(0, 40);
}
