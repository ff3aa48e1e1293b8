/**
 * Queue mode for slow handlers: `Notification.handler({ secret, queue })` verifies, checks the body, puts one
 * BullMQ job per event (job id = event id) and answers 200 at once; `queue.work({ on })` runs the events in any
 * number of processes or machines, with BullMQ's retries, backoff and stalled-job recovery (a worker killed
 * mid-run has its jobs picked up by another once their lock ends).
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { SmoochError } from '../errors.js';
import { DEFAULT_RETENTION } from '../webhooks/event-store.js';
import type { WebhookEvent } from '../webhooks/events.js';
import type { DeliveryQueue } from '../webhooks/types.js';
import { redisClient, type RedisConnection, redisFailure } from '../redis/client.js';
import { jobIdOf, type WebhookJobData } from './job.js';
import { startWorker, type WebhookWorker, type WorkOptions } from './worker.js';

/** Options of `WebhookQueue`. */
export interface WebhookQueueOptions {
  /** The Redis: an ioredis client (you close it), a `redis://` URL or ioredis options. */
  redis: RedisConnection;
  /** The BullMQ queue name (default `smooch-record-webhooks`). */
  name?: string;
  /** Runs of a job at most, retries included (default 5). */
  attempts?: number;
  /** First retry delay in ms, doubled at each retry (default 1,000). */
  backoff?: number;
  /** How long a finished job (and so its id) is kept, in ms (default 15 minutes, the API's retry window). */
  retention?: number;
}

/**
 * The queue could not be written (Redis unreachable, for example): the delivery is answered 503 so the API
 * retries, never 200 with the event lost.
 * @example if (rejection.error instanceof QueueError) alert('Redis is down');
 */
export class QueueError extends SmoochError {
  override name = 'QueueError';
}

/**
 * A durable queue of webhook events in Redis (BullMQ).
 * @example
 * const queue = new WebhookQueue({ redis: process.env.REDIS_URL! });
 * http.createServer(Notification.handler({ secret, queue }));            // web process: answers in ms
 * queue.work({ on: { 'conversation:message': reply }, connection });     // worker processes
 */
export class WebhookQueue implements DeliveryQueue {
  readonly name: string;
  readonly #options: Required<Omit<WebhookQueueOptions, 'name'>>;
  readonly #client: Redis;
  readonly #owned: boolean;
  readonly #queue: Queue<WebhookJobData>;

  constructor(options: WebhookQueueOptions) {
    if (typeof options !== 'object' || options === null || options.redis === undefined)
      throw new TypeError('WebhookQueue needs { redis }: an ioredis client, a redis:// URL or options');
    this.name = options.name ?? 'smooch-record-webhooks';
    if (typeof this.name !== 'string' || this.name === '' || this.name.includes(':'))
      throw new TypeError('name must be a non-empty string without ":"');
    this.#options = {
      redis: options.redis,
      attempts: count(options.attempts, 5, 'attempts'),
      backoff: count(options.backoff, 1000, 'backoff'),
      retention: count(options.retention, DEFAULT_RETENTION, 'retention'),
    };
    const { client, owned } = redisClient(options.redis);
    this.#client = client;
    this.#owned = owned;
    this.#queue = new Queue<WebhookJobData>(this.name, { connection: client });
  }

  /** Adds one job per event of the delivery (ids already queued are not added again). */
  async enqueue(body: string, events: readonly WebhookEvent[]): Promise<void> {
    const ids = [...new Set(events.map((event) => event.id))];
    const { attempts, backoff, retention } = this.#options;
    const opts = {
      attempts,
      backoff: { type: 'exponential', delay: backoff },
      removeOnComplete: { age: Math.ceil(retention / 1000) },
      removeOnFail: { age: Math.ceil(retention / 1000) },
    };
    try {
      await this.#queue.addBulk(
        ids.map((eventId) => ({
          name: 'event',
          data: { body, eventId },
          opts: { ...opts, jobId: jobIdOf(eventId) },
        })),
      );
    } catch (error) {
      throw redisFailure('enqueue the delivery', error, QueueError);
    }
  }

  /**
   * Starts a worker in this process: it runs each queued event's handlers, models bound to `connection`.
   * @example const worker = queue.work({ on: { 'conversation:message': reply }, connection, concurrency: 20 });
   */
  work(options: WorkOptions): WebhookWorker {
    return startWorker(this.name, this.#options.redis, options);
  }

  /** Closes the queue (and its Redis client if it made it). */
  async close(): Promise<void> {
    await this.#queue.close();
    if (this.#owned) await this.#client.quit().catch(() => this.#client.disconnect());
  }
}

function count(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive whole number, got ${String(value)}`);
  return value;
}
