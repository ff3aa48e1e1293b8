/**
 * `Notification`: one webhook delivery, verified and parsed into events that hold live models.
 */
import type { WebhookEvent } from './events.js';
import { createHandler } from './handler.js';
import { toEvent } from './hydrate-event.js';
import { deliveryBinding, readDelivery, type WebhookBody } from './parse.js';
import type { Delivery, HandlerOptions, ParseOptions, WebhookHandler } from './types.js';
import { type HeaderBag, verifyApiKey, type WebhookSecret } from './verify.js';

export type { ParseOptions } from './types.js';

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
export class Notification implements Delivery {
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
   * Verifies and parses a delivery body: a string, bytes, or the object a body parser made. Verifying is the
   * default and cannot be skipped by leaving things out: without a non-empty `secret` (headers or not, even
   * with no options at all) it throws a `TypeError`; only `{ verify: false }` parses unverified. Throws
   * `WebhookVerificationError` on a missing or wrong `X-API-Key`, `ParseError` on a malformed, too large or
   * too deeply nested body. Unknown event types become generic events, never errors.
   * @example
   * const { events } = Notification.parse(req.body, { headers: req.headers, secret });
   * const { events } = Notification.parse(alreadyVerifiedBody, { verify: false }); // tests, stored bodies
   */
  static parse(body: WebhookBody, options: ParseOptions = {}): Notification {
    const secret = secretToVerify(options);
    if (secret !== undefined) verifyApiKey(options.headers, secret);
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
   * handlers of each event in order, and answers 200 / 401 / 400 / 413 / 500, or 503 (a retry of an event still
   * running, a timeout, the store unreachable) so the API retries. Each handler's success is remembered in
   * `store` (default: in memory), so a retry runs only the handlers not yet done. With `queue`, it enqueues the
   * delivery and answers 200; workers run the handlers.
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

/** The secret to verify with, undefined for `verify: false`; a TypeError for a missing secret, or one too many. */
function secretToVerify(options: ParseOptions): WebhookSecret | undefined {
  const { verify, secret } = options ?? {};
  if (verify !== undefined && typeof verify !== 'boolean') {
    throw new TypeError(`verify must be a boolean, got ${typeof verify}`);
  }
  if (verify === false) {
    if (secret !== undefined) {
      throw new TypeError('Pass either a secret or { verify: false }, not both');
    }
    return undefined;
  }
  const given: WebhookSecret | undefined =
    typeof secret === 'string' || Array.isArray(secret) ? secret : undefined;
  if (given === undefined || given.length === 0) {
    throw new TypeError(
      'A webhook secret is required to verify deliveries; pass { verify: false } to parse without verifying',
    );
  }
  return given;
}
