/**
 * One client process of the rate-limit benchmark (bench/rate-limit.ts starts it): fires `calls`
 * `conversation.reply` calls at once with one strategy and prints one JSON line (wall time, failures, peak
 * RSS). Strategies: `today` (no throttle, per-call retries), `p-limit` (no throttle, a fixed concurrency),
 * `throttle` (the connection's throttle), `throttle-redis` (the same, shared through Redis).
 */
import pLimit from 'p-limit';
import { Connection, Conversation } from '../lib/index.js';
import { hydrate } from '../lib/model.js';
import { RedisThrottleStore } from '../lib/redis/index.js';
import { APP_ID, KEY_ID, SECRET } from './shared.js';

/** The fixed limit of the p-limit strategy: what a careful user picks without knowing the rate. */
export const FIXED_CONCURRENCY = 10;

const [strategy, baseUrl, count, tag, redisUrl] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const calls = Number(count);
const store = strategy === 'throttle-redis' ? new RedisThrottleStore({ redis: redisUrl! }) : undefined;
const throttled = strategy === 'throttle' || strategy === 'throttle-redis';
const connection = new Connection({
  keyId: KEY_ID,
  secret: SECRET,
  appId: APP_ID,
  auth: 'basic',
  baseUrl,
  throttle: throttled ? (store ? { store } : {}) : false,
});
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const conversations = Array.from({ length: calls }, (_, i) =>
  hydrate(Conversation, { id: `c${i}`, type: 'personal' }, { connection, appId: APP_ID }),
);
const limit = pLimit(FIXED_CONCURRENCY);
const reply = (c: Conversation, i: number) => c.reply(`${tag} ${i}`);
const started = performance.now();
const settled = await Promise.allSettled(
  conversations.map((c, i) => (strategy === 'p-limit' ? limit(() => reply(c, i)) : reply(c, i))),
);
const wallMs = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const failed = settled.filter((s) => s.status === 'rejected').length;
console.log(JSON.stringify({ strategy, wallMs, failed, peakRssMb: peak / 2 ** 20 }));
await store?.close();
connection.close();
