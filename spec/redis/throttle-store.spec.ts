// Throttling shared through a real redis-server (issue 19, item 2): two connections with their own stores,
// as two processes would have, share one rate and one pace; with Redis unreachable, calls still all succeed
// and one warning says throttling went per process. Counts only, never timings.
import { expect } from 'chai';
import { Redis } from 'ioredis';
import type { ConnectionOptions } from '../../lib/connection/connection.js';
import { RedisThrottleStore } from '../../lib/redis/index.js';
import { testConnection } from '../support/fixtures.js';
import { describeWithRedis } from '../support/redis-server.js';
import { type BucketServer, startBucketServer } from '../support/token-bucket.js';

const EACH = 100;
const post = (text: string) => ({
  method: 'POST' as const,
  path: '/v2/apps/a1/conversations/c1/messages',
  json: { author: { type: 'business' }, content: { type: 'text', text } },
});
const to = (url: string, throttle: ConnectionOptions['throttle']) =>
  testConnection({ baseUrl: url, retry: { baseDelay: 20, maxDelay: 2000 }, throttle });

describeWithRedis('RedisThrottleStore', (redis) => {
  let bucket: BucketServer | undefined;
  const stores: RedisThrottleStore[] = [];
  afterEach(async () => {
    await bucket?.close();
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it(`shares one rate between two connections: ${EACH} calls each, 0 failures, 0 duplicates`, async function () {
    this.timeout(60_000); // a loaded CI machine
    bucket = await startBucketServer({ rate: 50, burst: 5 });
    const prefix = `t${Date.now()}:`;
    const connections = [0, 1].map(() => {
      const store = new RedisThrottleStore({ redis: redis().url, prefix });
      stores.push(store);
      // The shared hash expires recoverAfter ms after the last 429; long enough here that it is still there
      // when the test reads it, however slowly a loaded machine runs the calls.
      return to(bucket!.url, { store, concurrency: 10, recoverAfter: 120_000 });
    });
    const rates: number[][] = [[], []];
    connections.forEach((c, i) => c.on('throttle', (e) => e.rate !== undefined && rates[i]!.push(e.rate)));
    const calls = connections.flatMap((c, i) =>
      Array.from({ length: EACH }, (_, n) => c.request(post(`p${i} reply ${n}`))),
    );
    const settled = await Promise.allSettled(calls);
    expect(settled.filter((s) => s.status === 'rejected')).to.have.length(0);
    expect(bucket.processed.size).to.equal(2 * EACH);
    expect(bucket.duplicates()).to.equal(0);
    expect(bucket.refused).to.be.below(EACH); // a minority of the requests (see spec/reliability/throttle)
    const client = new Redis(redis().url);
    try {
      const shared = await client.hgetall(`${prefix}a1`);
      expect(Number(shared.rate)).to.be.above(0);
      expect(Number(shared.epoch)).to.be.at.least(1);
    } finally {
      client.disconnect();
    }
    expect(rates[0]!.length + rates[1]!.length).to.be.above(0);
  });

  it('adds the first estimate of each process that starts, and lets the first decrease of an epoch win', async () => {
    const prefix = `s${Date.now()}:`;
    const [a, b] = [0, 1].map(() => new RedisThrottleStore({ redis: redis().url, prefix }));
    stores.push(a!, b!);
    // Two processes unpaced at ~250/s each: each measured only its own traffic, so the app's rate is the sum.
    expect(await a!.refused('a1', 0, 200, 60_000, true)).to.deep.equal({ rate: 200, epoch: 1 });
    expect(await b!.refused('a1', 0, 150, 60_000, true)).to.deep.equal({ rate: 350, epoch: 1 });
    // A decrease judged in an old epoch says nothing new; one judged in the current epoch wins once.
    expect(await b!.refused('a1', 0, 100, 60_000)).to.deep.equal({ rate: 350, epoch: 1 });
    expect(await a!.refused('a1', 1, 300, 60_000)).to.deep.equal({ rate: 300, epoch: 2 });
    expect(await b!.refused('a1', 1, 280, 60_000)).to.deep.equal({ rate: 300, epoch: 2 });
  });

  it('falls back to per-process throttling with one warning when Redis is unreachable', async function () {
    this.timeout(60_000);
    bucket = await startBucketServer({ rate: 50, burst: 5 });
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // A port nothing listens on: every Redis call fails.
      const store = new RedisThrottleStore({ redis: 'redis://127.0.0.1:1', timeout: 100 });
      stores.push(store);
      const connection = to(bucket.url, { store, concurrency: 10 });
      const settled = await Promise.allSettled(
        Array.from({ length: EACH }, (_, n) => connection.request(post(`alone ${n}`))),
      );
      expect(settled.filter((s) => s.status === 'rejected')).to.have.length(0);
      expect(bucket.processed.size).to.equal(EACH);
      expect(bucket.duplicates()).to.equal(0);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      const ours = warnings.filter((w) => (w as { code?: string }).code === 'SMOOCH_RECORD_THROTTLE_STORE');
      expect(ours).to.have.length(1);
      expect(ours[0]!.message).to.match(/shared throttle store failed .*per process/);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('refuses a store without its methods, and bad store options, before any request', () => {
    expect(() => new RedisThrottleStore({} as never)).to.throw(TypeError, 'needs { redis }');
    expect(() => new RedisThrottleStore({ redis: redis().url, timeout: 0 })).to.throw(RangeError);
  });
});
