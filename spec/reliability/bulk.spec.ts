// bulk() (issue 19, item 3): a result per item, a bound on items in flight, progress that may throw, and
// conversation.reply over many conversations against a real server enforcing a token bucket.
import { expect } from 'chai';
import { bulk, type BulkProgress } from '../../lib/bulk.js';
import { AbortError, ConfigurationError, NotFoundError } from '../../lib/errors.js';
import { hydrate } from '../../lib/model.js';
import { Conversation } from '../../lib/models/conversation.js';
import { type BucketServer, startBucketServer } from '../support/token-bucket.js';
import { APP_ID, testConnection } from '../support/fixtures.js';

const ITEMS = 150;

describe('reliability: bulk()', function () {
  this.timeout(60_000); // a loaded CI machine; what is asserted is counts, never the time
  let bucket: BucketServer | undefined;
  afterEach(async () => {
    await bucket?.close();
    bucket = undefined;
  });

  it(`replies in ${ITEMS} conversations through the throttle: every item ok, once each, in order`, async () => {
    bucket = await startBucketServer({ rate: 50, burst: 5 });
    const connection = testConnection({ baseUrl: bucket.url, retry: { baseDelay: 20, maxDelay: 2000 } });
    const conversations = Array.from({ length: ITEMS }, (_, i) =>
      hydrate(Conversation, { id: `c${i}`, type: 'personal' }, { connection, appId: APP_ID }),
    );
    const seen: BulkProgress[] = [];
    const report = await bulk(conversations, (c, i) => c.reply(`hello ${i}`), {
      concurrency: 20,
      onProgress: (p) => seen.push(p),
    });
    expect(report.failed).to.equal(0);
    expect(report.succeeded).to.equal(ITEMS);
    expect(report.results.map((r) => r.index)).to.deep.equal([...Array(ITEMS).keys()]);
    expect(
      report.results.every((r) => r.ok && (r.value.content as { text?: string }).text === `hello ${r.index}`),
    ).to.equal(true);
    expect(bucket.processed.size).to.equal(ITEMS);
    expect(bucket.duplicates()).to.equal(0);
    expect(seen).to.have.length(ITEMS);
    expect(seen.at(-1)).to.include({ done: ITEMS, failed: 0, total: ITEMS });
    expect(seen.at(-1)!.rate).to.be.above(0);
  });

  it('keeps at most `concurrency` items in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await bulk(
      Array.from({ length: 60 }, (_, i) => i),
      async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
      },
      { concurrency: 7 },
    );
    expect(most).to.equal(7);
  });

  it('gives each failed item its own error (as thrown; a non-Error wrapped) and never rejects', async () => {
    const report = await bulk([1, 2, 3, 4], async (n) => {
      if (n === 2)
        throw new NotFoundError(
          { status: 404, method: 'GET', url: '/v2/apps/a/users/2', headers: {}, body: {} },
          [],
        );
      if (n === 4) throw 'plain string';
      return n * 10;
    });
    expect(report).to.include({ succeeded: 2, failed: 2 });
    const [one, two, three, four] = report.results;
    expect(one).to.include({ ok: true, value: 10 });
    expect(three).to.include({ ok: true, value: 30 });
    expect(two!.ok === false && two!.error).to.be.instanceOf(NotFoundError);
    expect(four!.ok === false && four!.error.message).to.equal('plain string');
  });

  it('goes on when onProgress throws, and counts it', async () => {
    const report = await bulk([1, 2, 3], async (n) => n, {
      onProgress: () => {
        throw new Error('broken dashboard');
      },
    });
    expect(report.succeeded).to.equal(3);
    expect(report.progressErrors).to.equal(3);
    expect((report.progressError as Error).message).to.equal('broken dashboard');
  });

  it('ends items not started with AbortError once the signal aborts, without running them', async () => {
    const controller = new AbortController();
    const ran: number[] = [];
    const report = await bulk(
      [1, 2, 3, 4, 5],
      async (n) => {
        ran.push(n);
        if (n === 2) controller.abort();
      },
      { concurrency: 1, signal: controller.signal },
    );
    expect(ran).to.deep.equal([1, 2]);
    expect(report.succeeded).to.equal(2);
    expect(report.results.slice(2).every((r) => !r.ok && r.error instanceof AbortError)).to.equal(true);
  });

  it('reads an async iterable lazily and reports its failure as sourceError, keeping earlier results', async () => {
    async function* users() {
      yield 'a';
      yield 'b';
      throw new Error('page 2 failed');
    }
    const report = await bulk(users(), async (id) => id.toUpperCase(), { concurrency: 3 });
    expect(report.results.map((r) => r.ok && r.value)).to.deep.equal(['A', 'B']);
    expect((report.sourceError as Error).message).to.equal('page 2 failed');
  });

  describe('setup mistakes, refused before any item runs', () => {
    const never = async () => {
      throw new Error('must not run');
    };
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      it(`concurrency ${concurrency}: ConfigurationError`, async () => {
        const error = await bulk([1], never, { concurrency }).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(ConfigurationError);
      });
    }
    it('a non-function fn or onProgress, or no iterable: TypeError / ConfigurationError', async () => {
      expect(await bulk([1], 'x' as never).catch((e: unknown) => e)).to.be.instanceOf(TypeError);
      expect(await bulk(null as never, never).catch((e: unknown) => e)).to.be.instanceOf(TypeError);
      const badProgress = { onProgress: 1 as never };
      expect(await bulk([1], never, badProgress).catch((e: unknown) => e)).to.be.instanceOf(
        ConfigurationError,
      );
    });
  });
});
