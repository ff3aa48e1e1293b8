// Queue mode under load with a worker killed: 1,000 deliveries from 8 concurrent senders, two worker
// processes, one SIGKILLed while its handlers run. Every answer is 200, every event is handled, none is lost
// and none is run twice by a handler that had succeeded (BullMQ's stalled-job recovery hands the dead
// worker's jobs to the other; the event store keeps succeeded handlers from running again).
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { WebhookQueue } from '../../lib/queue/index.js';
import { webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import { Notification } from '../../lib/webhooks/notification.js';
import { startScript, stopScript } from '../redis/processes/spawn.js';
import { describeWithRedis } from '../support/redis-server.js';
import { post } from '../webhooks/post.js';

const SECRET = 'test-webhook-secret-not-real';
const DELIVERIES = 1000;
const SENDERS = 8;

describeWithRedis('queue mode with a worker killed mid-run', (redis) => {
  let server: Server;
  let queue: WebhookQueue;
  let client: Redis;
  const workers: ChildProcess[] = [];

  before(async () => {
    queue = new WebhookQueue({ redis: redis().url, name: 'sigkill' });
    client = new Redis(redis().url);
    server = createServer(Notification.handler({ secret: SECRET, queue }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await Promise.all(workers.map(stopScript));
    server.close();
    await queue.close();
    client.disconnect();
  });

  it('handles all 1,000 events once, answers 200 to every one, loses none', async function () {
    this.timeout(120_000);
    const steady = await startScript(
      '../../queue/processes/worker.ts',
      [redis().url, 'sigkill', 'steady', '0'],
      /ready/,
    );
    const doomed = await startScript(
      '../../queue/processes/worker.ts',
      [redis().url, 'sigkill', 'doomed', '50'],
      /ready/,
    );
    workers.push(steady.child, doomed.child);
    const hung: string[] = [];
    const killed = new Promise<void>((resolve) => {
      doomed.child.stdout!.on('data', (chunk: Buffer) => {
        hung.push(...[...chunk.toString().matchAll(/hung (\S+)/g)].map((match) => match[1]!));
        if (hung.length === 4 && doomed.child.kill('SIGKILL')) resolve();
      });
    });

    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const ids = Array.from({ length: DELIVERIES }, (_, i) => `evt-${i}`);
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < ids.length) {
          const delivery = webhookDelivery(webhookEvent('conversation:message', { id: ids[next++] }), {
            secret: SECRET,
          });
          statuses.push((await post(url, delivery.body, delivery.headers)).status);
        }
      }),
    );
    expect(statuses).to.have.length(DELIVERIES);
    expect(statuses.filter((status) => status !== 200)).to.deep.equal([]);

    await killed;
    expect(doomed.child.signalCode === 'SIGKILL' || doomed.child.killed).to.equal(true);
    for (let waited = 0; (await client.hlen('handled')) < DELIVERIES && waited < 90_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const handled = await client.hgetall('handled');
    expect(Object.keys(handled).sort()).to.deep.equal([...ids].sort());
    expect(Object.entries(handled).filter(([, runs]) => runs !== '1')).to.deep.equal([]);
    // The four events the killed worker was running were started there, then run (once) by the other.
    for (const id of hung) {
      expect(await client.hget('started', id)).to.equal('2');
      expect(handled[id]).to.equal('1');
    }
  });
});
