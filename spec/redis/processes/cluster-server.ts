// A node:cluster of two webhook servers behind one port, sharing a RedisEventStore: the primary forks two
// workers and prints `listening <port>` once both listen. Each `on` run is counted in Redis (runs:<event id>)
// and takes a little while, so deliveries sent at once overlap. Usage: cluster-server.ts <redis url> <secret>
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { RedisEventStore } from '../../../lib/redis/index.js';
import { Notification } from '../../../lib/webhooks/notification.js';

const [redisUrl, secret] = process.argv.slice(2) as [string, string];

if (cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < 2; i++) {
    cluster.fork().on('listening', (address: AddressInfo) => {
      if (++listening === 2) console.log(`listening ${address.port}`);
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    process.exit(0);
  });
} else {
  const redis = new Redis(redisUrl);
  const handler = Notification.handler({
    secret,
    store: new RedisEventStore({ redis }),
    onReject: () => {},
    on: {
      'conversation:message': async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await redis.incr(`runs:${event.id}`);
      },
    },
  });
  createServer((req, res) => {
    res.setHeader('x-worker-pid', String(process.pid));
    return handler(req, res);
  }).listen(0, '127.0.0.1');
}
