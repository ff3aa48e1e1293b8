// A queue worker process for the SIGKILL spec: concurrency 4, short BullMQ locks so a dead worker's jobs are
// recovered quickly. Each run of `on` is counted in Redis: `started` when it begins, `handled` when it has
// succeeded. A `doomed` worker, once it has handled <hangAfter> events, hangs in every handler it starts and
// prints `hung <event id>`: the spec kills it when all four slots hang, so it dies mid-run with no handler
// between success and being marked done. Usage: worker.ts <redis url> <queue> steady|doomed <hangAfter>
import { Redis } from 'ioredis';
import { WebhookQueue } from '../../../lib/queue/index.js';

const [redisUrl, name, mode, hangAfter] = process.argv.slice(2) as [string, string, string, string];
const redis = new Redis(redisUrl);
const queue = new WebhookQueue({ redis: redisUrl, name, backoff: 200 });
let handled = 0;

const { worker } = queue.work({
  concurrency: 4,
  bullmq: { lockDuration: 1000, stalledInterval: 500 },
  onError: () => {},
  on: {
    'conversation:message': async (event) => {
      await redis.hincrby('started', event.id, 1);
      if (mode === 'doomed' && handled >= Number(hangAfter)) {
        console.log(`hung ${event.id}`);
        await new Promise(() => {});
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
      await redis.hincrby('handled', event.id, 1);
      handled++;
    },
  },
});
worker.on('ready', () => console.log('ready'));
