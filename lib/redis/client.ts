/**
 * The Redis connection of every Redis feature (event store, queue, and later throttling): a client you made,
 * or a URL / ioredis options from which one is made (and then closed by whoever made it).
 */
import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis to use: an ioredis client (kept open: you close it), a `redis://` URL, or ioredis options.
 * @example new RedisEventStore({ redis: process.env.REDIS_URL! })
 */
export type RedisConnection = Redis | string | RedisOptions;

/** A client and whether we made it (then we close it). */
export interface OwnedClient {
  client: Redis;
  owned: boolean;
}

/**
 * Why fail fast: a client we make answers a command with an error after one failed reconnection instead of
 * queueing it for ioredis's default 20, so a webhook delivery is answered 503 in time for the API to retry.
 */
const FAIL_FAST: RedisOptions = { maxRetriesPerRequest: 1 };

/**
 * The client of `connection`: the one given, or a new one (with `defaults` under the caller's options).
 * @example const { client, owned } = redisClient('redis://127.0.0.1:6379');
 */
export function redisClient(connection: RedisConnection, defaults: RedisOptions = FAIL_FAST): OwnedClient {
  if (connection instanceof Redis) return { client: connection, owned: false };
  if (typeof connection === 'string') {
    if (!/^rediss?:\/\//.test(connection))
      throw new TypeError('A Redis URL starts with redis:// or rediss://');
    return { client: new Redis(connection, defaults), owned: true };
  }
  if (typeof connection === 'object' && connection !== null) {
    return { client: new Redis({ ...defaults, ...connection }), owned: true };
  }
  throw new TypeError('redis must be an ioredis client, a redis:// URL or ioredis options');
}

/**
 * An error thrown by a Redis call, as one that names Redis and what was being done (never the URL, which may
 * hold a password).
 * @example throw redisFailure('claim the event', error, EventStoreError);
 */
export function redisFailure<E extends Error>(
  what: string,
  error: unknown,
  Kind: new (message: string, options?: { cause?: unknown }) => E,
): E {
  const message = error instanceof Error ? error.message : String(error);
  return new Kind(`Redis could not ${what}: ${message}`, { cause: error });
}
