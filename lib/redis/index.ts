/**
 * `smooch-record/redis`: Redis features, for apps that run in more than one process. Needs the optional peer
 * dependency `ioredis` (`npm install ioredis`); the main entry never loads it.
 * @example
 * import { RedisEventStore } from 'smooch-record/redis';
 * const store = new RedisEventStore({ redis: process.env.REDIS_URL! });
 * http.createServer(Notification.handler({ secret, store, on }));
 */
export { RedisEventStore } from './event-store.js';
export type { RedisEventStoreOptions } from './event-store.js';
export { RedisThrottleStore, ThrottleStoreError } from './throttle-store.js';
export type { RedisThrottleStoreOptions } from './throttle-store.js';
export { redisClient, redisFailure } from './client.js';
export type { OwnedClient, RedisConnection } from './client.js';
export { defineScript } from './script.js';
export type { ScriptCall } from './script.js';
