/**
 * A request handler for webhook deliveries, for `node:http` and Express (with or without a body parser).
 *
 * Status codes follow the API's retry policy (spec, Webhooks tag): 400 and 401 are not retried, so they are
 * kept for deliveries that can never succeed (malformed body, wrong secret); a failing event handler answers
 * 500 and anything that may pass later (a retry of an event still running, a timeout, the event store or the
 * queue unreachable) 503, so the API retries. Each handler's success is remembered in the event store, so a
 * retry runs only the handlers not yet done (see run-event.ts). Every answer but 200 is told to `onReject`.
 */
import { ParseError, WebhookVerificationError } from '../errors.js';
import { EventStoreError } from './event-store.js';
import { type ResolvedOptions, resolveOptions } from './handler-options.js';
import { BodyTimeout, BodyTooLarge, readBody } from './read-body.js';
import { answer, type Rejection, type RejectionKind, withoutSecrets } from './rejection.js';
import { HandlerFailure, type RunOutcome, runEvents } from './run-event.js';
import type { Delivery, HandlerOptions, ParseOptions, WebhookHandler } from './types.js';
import type { WebhookBody } from './parse.js';
import { verifyApiKey } from './verify.js';

type Parse = (body: WebhookBody, options: ParseOptions) => Delivery;
type Refuse = (
  status: Rejection['status'],
  kind: RejectionKind,
  reason: string,
  more?: Partial<Rejection>,
) => void;

/**
 * Builds the handler; `parse` is `Notification.parse` (passed in so this module does not import its caller).
 * @example http.createServer(createHandler({ secret, on: { 'conversation:message': reply } }, Notification.parse));
 */
export function createHandler(options: HandlerOptions, parse: Parse): WebhookHandler {
  const resolved = resolveOptions(options);
  const { secrets, limit } = resolved;
  const parseOptions = { limit, maxDepth: options.maxDepth, connection: options.connection, verify: false };

  return async function handleWebhook(req, res) {
    const refuse: Refuse = (status, kind, reason, more = {}) => {
      answer(res, status, req, kind === 'busy' ? 'Still processing' : undefined);
      const rejection = { status, kind, reason: withoutSecrets(reason, secrets), ...more };
      safely(() => resolved.onReject(rejection));
    };
    if (req.method !== undefined && req.method !== 'POST')
      return refuse(405, 'method', `Method ${req.method} not allowed: deliveries are POSTed`);
    let body: WebhookBody;
    let delivery: Delivery;
    try {
      verifyApiKey(req.headers, secrets);
      body = await readBody(req, limit, resolved.readTimeout);
      delivery = parse(body, parseOptions); // verified above, with the same secret: parse only
    } catch (error) {
      return refuseUnread(error, refuse, resolved);
    }
    if (resolved.queue) return enqueue(resolved, body, delivery, refuse, () => answer(res, 200, req));
    const outcome = await runWithTimeout(resolved, options, delivery);
    if (outcome === 'done') return answer(res, 200, req);
    if (outcome === 'busy') return refuse(503, 'busy', 'An event of this delivery is still running');
    if (outcome === 'stopped')
      return refuse(503, 'timeout', `The handlers did not finish within ${resolved.timeout} ms`);
    if (outcome instanceof HandlerFailure) {
      safely(() => resolved.onError(outcome.error, outcome.event));
      const reason = `The handler of event ${outcome.event.id} (${outcome.event.type}) failed: ${describe(outcome.error)}`;
      return refuse(500, 'handler-failed', reason, { error: outcome.error, event: outcome.event });
    }
    const reason = `${describe(outcome)}`;
    if (outcome instanceof EventStoreError)
      return refuse(503, 'store-unavailable', reason, { error: outcome });
    safely(() => resolved.onError(outcome));
    refuse(500, 'unreadable', reason, { error: outcome });
  };
}

/** The run's outcome, `stopped` once `timeout` passed (the run then starts no further handler), or its error. */
async function runWithTimeout(
  resolved: ResolvedOptions,
  options: HandlerOptions,
  delivery: Delivery,
): Promise<RunOutcome | Error> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = runEvents(
    delivery.events,
    delivery,
    { ...options, store: resolved.store },
    resolved.lease,
    () => stopped,
  );
  const late = new Promise<'stopped'>(
    (resolve) => (timer = setTimeout(() => resolve('stopped'), resolved.timeout)),
  );
  try {
    const outcome = await Promise.race([run, late]);
    if (outcome === 'stopped') {
      stopped = true;
      // Still running: its success still counts; a failure after the 503 is reported, not lost.
      run.catch((error: unknown) => safely(() => reportLate(resolved, error)));
    }
    return outcome;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    clearTimeout(timer);
  }
}

function reportLate(resolved: ResolvedOptions, error: unknown): void {
  if (error instanceof HandlerFailure) resolved.onError(error.error, error.event);
  else resolved.onError(error);
}

/** Queue mode: the delivery is stored for the workers, then answered 200; a queue that fails answers 503. */
async function enqueue(
  resolved: ResolvedOptions,
  body: WebhookBody,
  delivery: Delivery,
  refuse: Refuse,
  accept: () => void,
): Promise<void> {
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body).toString('utf8')
        : JSON.stringify(body);
  try {
    await resolved.queue!.enqueue(text, delivery.events);
  } catch (error) {
    return refuse(503, 'queue-unavailable', `Could not enqueue the delivery: ${describe(error)}`, { error });
  }
  accept();
}

function refuseUnread(error: unknown, refuse: Refuse, resolved: ResolvedOptions): void {
  if (error instanceof WebhookVerificationError) return refuse(401, 'unauthorized', error.message, { error });
  if (error instanceof BodyTooLarge)
    return refuse(413, 'too-large', 'The body is larger than the handler limit', { error });
  if (error instanceof BodyTimeout)
    return refuse(408, 'read-timeout', 'The body did not arrive within the read timeout', { error });
  if (error instanceof ParseError) return refuse(400, 'malformed', error.message, { error });
  // Anything else is our fault or the network's, not the delivery's: 500, so the API tries again.
  safely(() => resolved.onError(error));
  refuse(500, 'unreadable', `Could not read the delivery: ${describe(error)}`, { error });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A failing reporter must not turn an answer into an unhandled rejection.
  }
}
