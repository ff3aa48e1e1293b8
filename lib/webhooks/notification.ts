/**
 * `Notification`: one webhook delivery, verified and parsed into events that hold live models.
 */
import type { Connection } from '../connection.js';
import type { WebhookEvent } from './events.js';
import { createHandler, type HandlerOptions, type WebhookHandler } from './handler.js';
import { toEvent } from './hydrate-event.js';
import { deliveryBinding, readDelivery, type WebhookBody } from './parse.js';
import type { JsonLimits } from './safe-json.js';
import { type HeaderBag, verifyApiKey, type WebhookSecret } from './verify.js';

/** Options of `Notification.parse`. */
export interface ParseOptions extends JsonLimits {
  /** The request headers; with `secret`, `X-API-Key` is verified first. */
  headers?: HeaderBag;
  /** The webhook secret (or several while rotating): given, the delivery must carry it. */
  secret?: WebhookSecret;
  /** The connection the events' models call through (default: the current one, looked up lazily). */
  connection?: Connection;
}

/**
 * A webhook delivery: its payload version (`v2`, or `v1` for legacy bodies), app, webhook and events.
 * @example
 * const notification = Notification.parse(rawBody, { headers: req.headers, secret: process.env.WEBHOOK_SECRET });
 * for (const event of notification.events) {
 *   if (event.type === 'conversation:message' && event.message.author.type === 'user') {
 *     await event.conversation.reply('Got it');
 *   }
 * }
 */
export class Notification {
  private constructor(
    /** `v2`, or `v1` for legacy v1 / v1.1 bodies (`webhook.version` tells which). */
    readonly version: 'v1' | 'v2',
    /** The app the events happened in (`{ id }`). */
    readonly app: { id?: string; [field: string]: unknown },
    /** The webhook that delivered them (`{ id, version }`). */
    readonly webhook: { id?: string; version?: string; [field: string]: unknown },
    /** The events, in delivery order; one delivery may mix users and conversations. */
    readonly events: WebhookEvent[],
  ) {}

  /**
   * Verifies (when given a secret) and parses a delivery body: a string, bytes, or the object a body parser
   * made. Throws `WebhookVerificationError` on a missing or wrong `X-API-Key`, `ParseError` on a malformed,
   * too large or too deeply nested body. Unknown event types become generic events, never errors.
   * @example const { events } = Notification.parse(req.body, { headers: req.headers, secret });
   */
  static parse(body: WebhookBody, options: ParseOptions = {}): Notification {
    if (options.secret !== undefined) verifyApiKey(options.headers, options.secret);
    const delivery = readDelivery(body, options);
    const binding = deliveryBinding(delivery.app.id, options.connection);
    const events = delivery.events.map((event) => toEvent(event, binding));
    return new Notification(delivery.version, delivery.app, delivery.webhook, events);
  }

  /**
   * Throws `WebhookVerificationError` unless the headers carry `X-API-Key` equal to the secret (constant time).
   * @example Notification.verify(req.headers, process.env.WEBHOOK_SECRET!);
   */
  static verify(headers: HeaderBag | undefined, secret: WebhookSecret): void {
    verifyApiKey(headers, secret);
  }

  /**
   * A `(req, res)` handler for `node:http` and Express: verifies, reads (up to `limit`), parses, runs the
   * handlers of each event in order, and answers 200 / 401 / 400 / 413 / 500. A retried event runs once.
   * @example
   * app.post('/hooks', Notification.handler({
   *   secret: process.env.WEBHOOK_SECRET!,
   *   on: { 'conversation:message': (event) => event.conversation.reply('Got it') },
   * }));
   */
  static handler(options: HandlerOptions): WebhookHandler {
    return createHandler(options, (body, parseOptions) => Notification.parse(body, parseOptions));
  }
}
