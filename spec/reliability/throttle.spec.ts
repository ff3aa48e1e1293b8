// Throttling against a real local server enforcing a token bucket (issue 19, item 1). Counts only, never
// timings: zero failures, zero duplicates, 429s bounded, a call aborted while waiting is never sent.
import { expect } from 'chai';
import { AbortError, ConfigurationError, TimeoutError } from '../../lib/errors.js';
import { QueueFullError } from '../../lib/connection/throttle-errors.js';
import type { ThrottleEvent } from '../../lib/connection/throttle-types.js';
import { type BucketServer, startBucketServer } from '../support/token-bucket.js';
import { json, rejectionOf, startServer, type TestServer } from './server.js';
import { testConnection } from '../support/fixtures.js';
import type { ConnectionOptions } from '../../lib/connection/connection.js';

const CALLS = 200;
/** Well under what one client sends on a loaded machine (about 150 a second here), so 429s come. */
const LIMIT = { rate: 50, burst: 5 };
const post = (text: string, signal?: AbortSignal) => ({
  method: 'POST' as const,
  path: '/v2/apps/a1/conversations/c1/messages',
  json: { author: { type: 'business' }, content: { type: 'text', text } },
  signal,
});

describe('reliability: throttling at the rate limit', function () {
  this.timeout(60_000); // a loaded CI machine; what is asserted is counts, never the time
  let bucket: BucketServer | undefined;
  let server: TestServer | undefined;
  afterEach(async () => {
    await bucket?.close();
    await server?.close();
    bucket = server = undefined;
  });
  const to = (url: string, options: Partial<ConnectionOptions> = {}) =>
    testConnection({ baseUrl: url, retry: { baseDelay: 20, maxDelay: 2000 }, ...options });

  for (const retryAfter of ['1', undefined]) {
    it(`posts ${CALLS} replies fired at once with 0 failures, 0 duplicates (Retry-After: ${retryAfter ?? 'none'})`, async () => {
      bucket = await startBucketServer({ ...LIMIT, retryAfter });
      // Concurrency 10: the calls in flight when the first 429 comes are refused too, whatever the throttle does.
      const connection = to(bucket.url, { throttle: { concurrency: 10, recoverAfter: 100 } });
      const events: ThrottleEvent[] = [];
      connection.on('throttle', (event) => events.push(event));
      const calls = Array.from({ length: CALLS }, (_, i) => connection.request(post(`reply ${i}`)));
      const settled = await Promise.allSettled(calls);
      expect(settled.filter((s) => s.status === 'rejected')).to.have.length(0);
      expect(bucket.processed.size).to.equal(CALLS);
      expect(bucket.duplicates()).to.equal(0);
      // Without throttling most of them are refused (the test below); with it, 429s stay a minority even on a
      // loaded machine, where the calls in flight at the first 429 are slow to come back (the bench measures
      // the share on a quiet one).
      expect(bucket.refused).to.be.below(CALLS / 2);
      expect(events[0]).to.include({ appId: 'a1', state: 'start' });
      expect(events[0]!.rate).to.be.above(0);
      await until(() => events.at(-1)?.state === 'end'); // recoverAfter (100 ms) without a 429
    });
  }

  it('sends today’s storm without it (throttle: false): the contrast the counts above are about', async () => {
    bucket = await startBucketServer(LIMIT);
    const connection = to(bucket.url, { throttle: false, retry: { limit: 0 } });
    const calls = Array.from({ length: CALLS }, (_, i) => connection.request(post(`storm ${i}`)));
    const settled = await Promise.allSettled(calls);
    expect(settled.filter((s) => s.status === 'rejected').length).to.be.above(0);
  });

  describe('a call waiting in the queue', () => {
    /** A server that holds every answer until `release()`. */
    async function heldServer(): Promise<{ release: () => void }> {
      const held: Array<() => void> = [];
      server = await startServer((_req, res) => held.push(() => json(res, 201, { messages: [] })));
      return { release: () => held.splice(0).forEach((answer) => answer()) };
    }

    it('rejects with AbortError when aborted, and is never sent', async () => {
      const { release } = await heldServer();
      const connection = to(server!.url, { throttle: { concurrency: 1 } });
      const first = connection.request(post('first'));
      const controller = new AbortController();
      const waiting = connection.request(post('second', controller.signal));
      await until(() => server!.requests.length === 1);
      controller.abort();
      expect(await rejectionOf(waiting)).to.be.instanceOf(AbortError);
      release();
      await first;
      const third = connection.request(post('third'));
      await until(() => server!.requests.length === 2);
      release();
      await third;
      expect(server!.requests.map((r) => JSON.parse(r.body).content.text)).to.deep.equal(['first', 'third']);
    });

    it('rejects with a TimeoutError (phase queue) after maxWait, unsent', async () => {
      const { release } = await heldServer();
      const connection = to(server!.url, { throttle: { concurrency: 1, maxWait: 50 } });
      const first = connection.request(post('first'));
      const error = (await rejectionOf(connection.request(post('second')))) as TimeoutError;
      expect(error).to.be.instanceOf(TimeoutError);
      expect(error.phase).to.equal('queue');
      release();
      await first;
      expect(server!.requests).to.have.length(1);
    });

    it('rejects with QueueFullError past maxQueue, unsent', async () => {
      const { release } = await heldServer();
      const connection = to(server!.url, { throttle: { concurrency: 1, maxQueue: 1 } });
      const first = connection.request(post('first'));
      const second = connection.request(post('second'));
      expect(await rejectionOf(connection.request(post('third')))).to.be.instanceOf(QueueFullError);
      await until(() => server!.requests.length === 1);
      release();
      await first;
      await until(() => server!.requests.length === 2);
      release();
      await second;
      expect(server!.requests).to.have.length(2);
    });
  });

  describe('bad options, refused before any request', () => {
    const bad: Array<[string, unknown]> = [
      ['concurrency', 0],
      ['concurrency', -3],
      ['concurrency', 1.5],
      ['maxQueue', 0],
      ['maxWait', -1],
      ['recoverAfter', 0],
      ['store', { refused: 'no' }],
    ];
    for (const [name, value] of bad) {
      it(`throttle.${name}: ${JSON.stringify(value)} is a ConfigurationError`, () => {
        expect(() => to('http://127.0.0.1:1', { throttle: { [name]: value } })).to.throw(
          ConfigurationError,
          `throttle.${name}`,
        );
      });
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
