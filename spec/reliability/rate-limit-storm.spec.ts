// 429 storms against a real local server (issue 17, item 7): a 429 has its own retry budget, bounded by the
// total wait, while 5xx keeps its count. These run with the default limit (2) and short waits.
import { expect } from 'chai';
import { RateLimitError, ServerError } from '../../lib/errors.js';
import { connectionTo, json, recordEvents, rejectionOf, startServer, type TestServer } from './server.js';

const SLOW_DOWN = { errors: [{ code: 'too_many_requests', title: 'Slow down' }] };
const TOTAL = 200;
const DOWN = { errors: [{ code: 'service_unavailable', title: 'Down' }] };

describe('reliability: 429 storms', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  for (const method of ['GET', 'POST'] as const) {
    it(`gets a ${method} through five 429s in a row with the default limit (6 requests)`, async () => {
      server = await startServer((_req, res, n) =>
        n <= 5 ? json(res, 429, SLOW_DOWN, { 'retry-after': '0' }) : json(res, 200, { user: { id: 'u1' } }),
      );
      const connection = connectionTo(server);
      const withBody = method === 'POST' ? { json: {} } : {};
      const body = await connection.request({ method, path: '/v2/apps/a/users', ...withBody });
      expect(body).to.deep.equal({ user: { id: 'u1' } });
      expect(server.requests).to.have.length(6);
    });
  }

  it('keeps the count for 5xx: 3 requests, then a ServerError after 3 attempts', async () => {
    server = await startServer((_req, res) => json(res, 503, DOWN));
    const error = (await rejectionOf(
      connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }),
    )) as ServerError;
    expect(error).to.be.instanceOf(ServerError);
    expect(error.attempts).to.equal(3);
    expect(server.requests).to.have.length(3);
  });

  it('counts 5xx apart from the 429s between them: the third 503 ends the call (6 requests)', async () => {
    server = await startServer((_req, res, n) =>
      n % 2 === 1 ? json(res, 429, SLOW_DOWN) : json(res, 503, DOWN),
    );
    const error = (await rejectionOf(
      connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }),
    )) as ServerError;
    expect(error).to.be.instanceOf(ServerError);
    expect(server.requests).to.have.length(6);
  });

  it('ends an endless 429 once the waits reach maxTotalDelay, with the RateLimitError', async () => {
    server = await startServer((_req, res) => json(res, 429, SLOW_DOWN));
    const connection = connectionTo(server, { retry: { baseDelay: 5, maxDelay: 20, maxTotalDelay: 200 } });
    const events = recordEvents(connection);
    const error = await rejectionOf(connection.request({ method: 'GET', path: '/v2/apps/a' }));
    expect(error).to.be.instanceOf(RateLimitError);
    const waits = events.filter((e) => e.name === 'retry').map((e) => e.delayMs as number);
    expect(waits.length).to.be.above(2);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).to.be.at.most(200);
    expect(server.requests).to.have.length(waits.length + 1);
  });

  it('retries no 429 when limit is 0', async () => {
    server = await startServer((_req, res) => json(res, 429, SLOW_DOWN));
    const connection = connectionTo(server, { retry: { limit: 0 } });
    expect(await rejectionOf(connection.request({ method: 'GET', path: '/v2/a' }))).to.be.instanceOf(
      RateLimitError,
    );
    expect(server.requests).to.have.length(1);
  });

  it('ends 200 calls at concurrency 32 with 0 failures when every 10th is refused three times', async function () {
    this.timeout(30_000); // a loaded CI machine; what is asserted is the count, never the time
    const refused = new Map<string, number>();
    server = await startServer((req, res) => {
      const n = Number(req.url!.split('/u').at(-1));
      const times = refused.get(req.url!) ?? 0;
      const quota = n % 10 === 0 ? 3 : n % 5 === 0 ? 1 : 0;
      if (times >= quota) return json(res, 200, { user: { id: `u${n}` } });
      refused.set(req.url!, times + 1);
      json(res, 429, SLOW_DOWN, { 'retry-after': '0' });
    });
    const connection = connectionTo(server);
    let next = 0;
    const failures: string[] = [];
    const worker = async () => {
      while (next < TOTAL) {
        const n = next++;
        await connection.request({ method: 'GET', path: `/v2/apps/a/users/u${n}` }).catch((error: Error) => {
          failures.push(error.name);
        });
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    expect(failures).to.deep.equal([]);
    // 20 calls refused three times, 20 more once.
    expect(server.requests).to.have.length(TOTAL + 20 * 3 + 20);
  });
});
