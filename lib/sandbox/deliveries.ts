/**
 * Webhook deliveries: each event goes to every webhook of the app whose triggers name its type, as the v2
 * envelope `{app, webhook, events}` with `X-API-Key: <webhook secret>`. Failed deliveries are retried as
 * the API does (not on 400, 401, 403, 404, 406), a bounded number of times with a short backoff.
 */
import type { QueuedEvent } from './context.js';
import { newId, now } from './ids.js';
import type { AppState, WebhookRecord, Wire } from './store.js';
import { receives } from './switchboard-state.js';

/** Statuses after which the API gives up at once (see the spec's webhook retry policy). */
export const NON_RETRYABLE = [400, 401, 403, 404, 406];

/** How deliveries retry. Defaults: 5 attempts, 100 ms doubling, 5 s timeout per attempt. */
export interface DeliveryOptions {
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
}

/** One attempt, as kept in `Deliveries.log` (newest last). */
export interface DeliveryAttempt {
  webhookId: string;
  target: string;
  eventTypes: string[];
  attempt: number;
  status?: number;
  error?: string;
}

export type { QueuedEvent } from './context.js';

/**
 * Sends webhook deliveries in the background, in order per webhook.
 * @example deliveries.emit(app, { type: 'conversation:message', payload });
 */
export class Deliveries {
  /** The last 200 attempts, for tests and debugging. */
  readonly log: DeliveryAttempt[] = [];
  readonly #queues = new Map<string, Promise<void>>();
  readonly #closing = new AbortController();
  readonly #options: Required<DeliveryOptions>;

  readonly #onAttempt?: (attempt: DeliveryAttempt) => void;

  constructor(options: DeliveryOptions = {}, onAttempt?: (attempt: DeliveryAttempt) => void) {
    this.#options = { attempts: 5, backoffMs: 100, timeoutMs: 5000, ...options };
    this.#onAttempt = onAttempt;
  }

  /** Queues the event for every webhook of `app` subscribed to its type (and routed to by the switchboard). */
  emit(app: AppState, event: QueuedEvent): void {
    if (this.#closing.signal.aborted) return;
    const envelope = { id: newId(), type: event.type, createdAt: now() };
    for (const [integrationId, webhooks] of app.webhooks) {
      if (!receives(app, integrationId, event)) continue;
      for (const webhook of webhooks.values()) {
        if (!webhook.triggers.includes(event.type)) continue;
        const body = {
          app: { id: app.wire.id },
          webhook: { id: webhook.id, version: webhook.version },
          events: [{ ...envelope, payload: payloadFor(webhook, event) }],
        };
        const previous = this.#queues.get(webhook.id) ?? Promise.resolve();
        const next = previous.then(() => this.#deliver(webhook, body, [event.type]));
        this.#queues.set(webhook.id, next);
        void next.finally(() => {
          if (this.#queues.get(webhook.id) === next) this.#queues.delete(webhook.id);
        });
      }
    }
  }

  /** Resolves once every queued delivery has finished (delivered or given up). */
  async flush(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()]);
  }

  /** Stops retrying and aborts deliveries in flight. */
  close(): void {
    this.#closing.abort();
  }

  async #deliver(webhook: WebhookRecord, body: object, eventTypes: string[]): Promise<void> {
    const { attempts, backoffMs, timeoutMs } = this.#options;
    const text = JSON.stringify(body);
    for (let attempt = 1; attempt <= attempts && !this.#closing.signal.aborted; attempt++) {
      const record: DeliveryAttempt = { webhookId: webhook.id, target: webhook.target, eventTypes, attempt };
      try {
        const response = await fetch(webhook.target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': webhook.secret },
          body: text,
          signal: AbortSignal.any([this.#closing.signal, AbortSignal.timeout(timeoutMs)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        record.status = response.status;
      } catch (error) {
        record.error = (error as Error).message;
      }
      this.#remember(record);
      const status = record.status;
      if (status !== undefined && (status < 300 || NON_RETRYABLE.includes(status))) return;
      if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1), this.#closing.signal);
    }
  }

  #remember(record: DeliveryAttempt): void {
    this.log.push(record);
    if (this.log.length > 200) this.log.shift();
    this.#onAttempt?.(record);
  }
}

/** The payload one webhook receives: with the full user where it asked for `includeFullUser`. */
function payloadFor(webhook: WebhookRecord, event: QueuedEvent): Wire {
  const payload = structuredClone(event.payload);
  const fullUser = event.extras?.fullUser;
  if (!webhook.includeFullUser || !fullUser) return payload;
  const message = payload.message as { author?: Wire } | undefined;
  if (message?.author?.type === 'user') message.author.user = structuredClone(fullUser);
  if (payload.user) payload.user = structuredClone(fullUser);
  return payload;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
