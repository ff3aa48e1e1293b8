/**
 * A BullMQ worker that runs queued webhook events: it parses the job's delivery (verified when it was
 * queued), binds its models to the connection of the delivery's app, and runs the event's handlers through
 * the event store, so a job retried by BullMQ (after a failure, or picked up again from a worker that died)
 * runs only the handlers that had not succeeded.
 */
import { type Job, UnrecoverableError, Worker, type WorkerOptions } from 'bullmq';
import type { Connection } from '../connection/index.js';
import { RedisEventStore } from '../redis/event-store.js';
import { redisClient, redisFailure, type RedisConnection } from '../redis/client.js';
import { checkStore, type EventStore } from '../webhooks/event-store.js';
import type { WebhookEvent } from '../webhooks/events.js';
import { checkHandlers } from '../webhooks/handler-options.js';
import { Notification } from '../webhooks/notification.js';
import { HandlerFailure, runEvents } from '../webhooks/run-event.js';
import type { RunOptions } from '../webhooks/types.js';
import type { WebhookJobData } from './job.js';

/** The connection of a delivery's app: one connection, or a resolver for many tenants. */
export type ConnectionFor = Connection | ((appId: string | undefined) => Connection | Promise<Connection>);

/** Options of `queue.work()`. */
export interface WorkOptions extends RunOptions {
  /** The connection the events' models call through, or a function from the delivery's app id to one. */
  connection?: ConnectionFor;
  /** Events run at once by this worker (default 10). */
  concurrency?: number;
  /** Told about each failed run of a handler (BullMQ then retries the job). Default: `console.error`. */
  onError?: (error: unknown, event?: WebhookEvent) => void;
  /** More BullMQ worker options (`lockDuration`, `stalledInterval`, `maxStalledCount`, ...). */
  bullmq?: Omit<WorkerOptions, 'connection' | 'concurrency' | 'autorun'>;
}

/**
 * A running worker: BullMQ's `Worker` (for its events), and `close()` to stop after the jobs in hand.
 * @example const { worker, close } = queue.work({ on }); worker.on('failed', alert); process.on('SIGTERM', close);
 */
export interface WebhookWorker {
  readonly worker: Worker<WebhookJobData>;
  /** Stops taking jobs and resolves once the jobs in hand are done. @example process.on('SIGTERM', close); */
  close(): Promise<void>;
}

/**
 * Starts a worker on the queue `name`.
 * @example startWorker('smooch-record-webhooks', process.env.REDIS_URL!, { on, connection });
 */
export function startWorker(name: string, redis: RedisConnection, options: WorkOptions): WebhookWorker {
  if (typeof options !== 'object' || options === null) throw new TypeError('Pass the worker options');
  checkHandlers(options.on);
  if (options.on === undefined && options.onEvent === undefined)
    throw new TypeError('A worker needs handlers: pass on and/or onEvent');
  const { connection } = options;
  if (connection !== undefined && typeof connection !== 'function' && typeof connection !== 'object')
    throw new TypeError('connection must be a Connection or a function from app id to Connection');
  const concurrency = options.concurrency ?? 10;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive whole number, got ${concurrency}`);
  const given = options.store === undefined ? undefined : checkStore(options.store, 'store');
  // Checked all options first: a client is made only for a worker that starts. Blocking reads must wait for
  // Redis to return, not fail after some retries (BullMQ's requirement).
  const { client, owned } = redisClient(redis, { maxRetriesPerRequest: null });
  const store: EventStore = given ?? new RedisEventStore({ redis: client });
  const lease = options.bullmq?.lockDuration ?? 30_000; // a claim lasts as long as BullMQ's lock on the job
  const onError =
    options.onError ?? ((error: unknown) => console.error('Webhook event handler failed:', error));
  const run = async (job: Job<WebhookJobData>): Promise<void> => {
    const { body, eventId } = job.data;
    const bare = Notification.parse(body, { verify: false });
    const bound = await connectionOf(connection, bare.app.id);
    const delivery = bound ? Notification.parse(body, { verify: false, connection: bound }) : bare;
    const event = delivery.events.find((candidate) => candidate.id === eventId);
    if (!event) throw new UnrecoverableError(`Event ${eventId} is not in its job's delivery`);
    try {
      const outcome = await runEvents([event], delivery, { ...options, store }, lease);
      // Another run holds a handler of it (a worker that died mid-run, its lease not yet over): retry later.
      if (outcome === 'busy')
        throw new Error(`A handler of event ${eventId} is still claimed by another run`);
    } catch (error) {
      if (!(error instanceof HandlerFailure)) throw error;
      try {
        onError(error.error, error.event);
      } catch {
        // A failing reporter must not hide the handler's own error from BullMQ.
      }
      throw error.error;
    }
  };
  const worker = new Worker<WebhookJobData>(name, run, {
    ...options.bullmq,
    connection: client,
    concurrency,
  });
  // Without a listener, BullMQ's 'error' events (Redis unreachable) would be thrown out of the process; the
  // worker reconnects by itself, so they are reported, not fatal.
  worker.on('error', (error) => onError(redisFailure('run the webhook queue', error, Error)));
  return {
    worker,
    async close() {
      await worker.close();
      if (owned) await client.quit().catch(() => client.disconnect());
    },
  };
}

async function connectionOf(connection: ConnectionFor | undefined, appId: string | undefined) {
  if (typeof connection === 'function') return connection(appId);
  return connection;
}
