// The server side of bench/webhooks.ts, in its own process: Notification.handler on node:http, in one mode
// (memory store, Redis store, queue mode), with a no-op `on` handler so the figures are the handler's own.
// Prints `listening <port>`. Usage: webhook-server.ts memory|redis|queue <redis url> <secret>
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Notification } from '../lib/index.js';
import { WebhookQueue } from '../lib/queue/index.js';
import { RedisEventStore } from '../lib/redis/index.js';

const [mode, redisUrl, secret] = process.argv.slice(2) as [string, string, string];
const on = { 'conversation:message': () => {} };
const handler =
  mode === 'memory'
    ? Notification.handler({ secret, on })
    : mode === 'redis'
      ? Notification.handler({ secret, on, store: new RedisEventStore({ redis: redisUrl }) })
      : Notification.handler({ secret, queue: new WebhookQueue({ redis: redisUrl, name: 'bench' }) });
const server = createServer(handler);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
