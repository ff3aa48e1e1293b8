// RedisEventStore against a real redis-server: the EventStore contract, and two processes behind one port
// (node:cluster) running each delivery's `on` handler exactly once.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { RedisEventStore } from '../../lib/redis/index.js';
import { webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import { describeWithRedis } from '../support/redis-server.js';
import { eventStoreContract } from '../webhooks/event-store-contract.js';
import { post } from '../webhooks/post.js';
import { startScript, stopScript } from './processes/spawn.js';

const SECRET = 'test-webhook-secret-not-real';

describeWithRedis('RedisEventStore', (redis) => {
  const stores: RedisEventStore[] = [];
  after(async () => Promise.all(stores.map((store) => store.close())));

  describe('the EventStore contract', () => {
    eventStoreContract((retention) => {
      const store = new RedisEventStore({ redis: redis().url, retention, prefix: `${randomUUID()}:` });
      stores.push(store);
      return store;
    });
  });

  it('refuses bad options with typed errors', () => {
    expect(() => new RedisEventStore({} as never)).to.throw(TypeError, /needs \{ redis \}/);
    expect(() => new RedisEventStore({ redis: 'localhost:6379' })).to.throw(TypeError, /redis:\/\//);
    expect(() => new RedisEventStore({ redis: 42 as never })).to.throw(TypeError, /ioredis client/);
    expect(() => new RedisEventStore({ redis: redis().url, retention: 0 })).to.throw(RangeError);
  });

  describe('two processes behind one port (node:cluster)', () => {
    let cluster: ChildProcess | undefined;
    let url = '';
    let client: Redis;

    before(async function () {
      this.timeout(30_000);
      const started = await startScript('cluster-server.ts', [redis().url, SECRET], /listening (\d+)/);
      cluster = started.child;
      url = `http://127.0.0.1:${started.match[1]}/hooks`;
      client = new Redis(redis().url);
    });
    after(async () => {
      client?.disconnect();
      if (cluster) await stopScript(cluster);
    });

    // A new connection per request, so node:cluster spreads them over both workers.
    const send = (body: string) =>
      post(url, body, { ...webhookDelivery([]).headers, 'x-api-key': SECRET, connection: 'close' });

    it('runs `on` once for a delivery sent 10 times in a row, answered by both workers', async () => {
      const delivery = webhookDelivery(webhookEvent('conversation:message'), { secret: SECRET });
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push(await send(delivery.body));
      expect(answers.map((answer) => answer.status)).to.deep.equal(Array(10).fill(200));
      expect(new Set(answers.map((answer) => answer.headers['x-worker-pid'])).size).to.equal(2);
      expect(await client.get(`runs:${delivery.json.events[0]!.id}`)).to.equal('1');
    });

    it('runs `on` once for a delivery sent 10 times at once; the ones refused get 503 and a retry 200', async () => {
      const delivery = webhookDelivery(webhookEvent('conversation:message'), { secret: SECRET });
      const answers = await Promise.all(Array.from({ length: 10 }, () => send(delivery.body)));
      for (const answer of answers) expect(answer.status).to.be.oneOf([200, 503]);
      expect(new Set(answers.map((answer) => answer.headers['x-worker-pid'])).size).to.equal(2);
      let retry = await send(delivery.body);
      for (let i = 0; retry.status === 503 && i < 50; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20)); // the API retries later too
        retry = await send(delivery.body);
      }
      expect(retry.status).to.equal(200);
      expect(await client.get(`runs:${delivery.json.events[0]!.id}`)).to.equal('1');
    });
  });
});
