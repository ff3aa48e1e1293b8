// Servers that answer, but badly (issue 17): cursors that cycle, bodies dripped forever. Each case runs
// against a real node:http server on 127.0.0.1 and fails on the code before the fix.
import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import sinon from 'sinon';
import { DEFAULT_ATTEMPT_TIMEOUT } from '../../lib/connection/options.js';
import { gzipSync } from 'node:zlib';
import { DEFAULT_MAX_RESPONSE_SIZE } from '../../lib/connection/body-limit.js';
import { ParseError, ResponseTooLargeError, TimeoutError } from '../../lib/errors.js';
import { App } from '../../lib/models/app.js';
import { connectionTo, json, rejectionOf, startServer, type TestServer } from './server.js';

const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

describe('reliability: hostile servers', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('ends a listing whose cursors cycle A -> B -> A with a ParseError (3 requests, not thousands)', async () => {
    const next: Record<string, string> = { '': 'A', A: 'B', B: 'A' };
    server = await startServer((req, res) => {
      const cursor = new URL(req.url!, server.url).searchParams.get('page[after]') ?? '';
      json(res, 200, {
        apps: [{ id: `app-${cursor || 'first'}` }],
        meta: { hasMore: true, afterCursor: next[cursor] },
      });
    });
    const apps = App.all({}, { connection: connectionTo(server) });
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const app of apps) if (seen.push(app.id!) > 50) break;
      })(),
    );
    expect(error).to.be.instanceOf(ParseError);
    expect(error.message).to.contain('the same cursor twice in this listing');
    expect(seen).to.deep.equal(['app-first', 'app-A', 'app-B']);
    expect(server.requests).to.have.length(3);
  });

  describe('a body dripped forever after a 200', () => {
    let drip: NodeJS.Timeout | undefined;
    let clock: sinon.SinonFakeTimers | undefined;
    afterEach(() => {
      clearInterval(drip);
      clock?.restore();
    });
    const dripForever = (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"app":{"id":"');
      drip = setInterval(() => res.write('x'), 5);
    };

    /** Starts the call with got's timers faked, waits (really) until the body is being read, then ticks. */
    async function outcomeAfter(timeout: object, ms: number): Promise<unknown> {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const connection = connectionTo(server, { timeout, retry: { limit: 0 } });
      const outcome = connection.request({ method: 'GET', path: '/v2/apps/a' }).then(
        () => 'resolved',
        (error: unknown) => error,
      );
      while (!drip) await sleep(5);
      await sleep(50);
      await clock.tickAsync(ms);
      return Promise.race([outcome, sleep(300).then(() => 'still reading')]);
    }

    it('still ends at the 30 s limit of the attempt when only per-phase limits are set', async () => {
      server = await startServer((_req, res) => dripForever(res));
      const outcome = await outcomeAfter({ connect: 1000, response: 2000 }, DEFAULT_ATTEMPT_TIMEOUT + 1);
      expect(outcome).to.be.instanceOf(TimeoutError);
      expect((outcome as TimeoutError).phase).to.equal('read');
    });

    it('reads on past 30 s when the caller turned the limit off with request: Infinity', async () => {
      server = await startServer((_req, res) => dripForever(res));
      const outcome = await outcomeAfter({ response: 2000, request: Infinity }, 10 * DEFAULT_ATTEMPT_TIMEOUT);
      expect(outcome).to.equal('still reading');
    });
  });

  describe('a body larger than maxResponseSize', () => {
    /** Writes up to 300 MB in 64 kB chunks, minding backpressure; resolves with the bytes written at close. */
    function flood(res: ServerResponse, headers: Record<string, string> = {}): Promise<number> {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let written = 0;
      return new Promise((resolve) => {
        res.on('close', () => resolve(written));
        const pump = () => {
          while (written < 300 * 1024 * 1024 && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      });
    }

    it('stops reading past the default 10 MB and rejects with a ResponseTooLargeError naming it (1 request)', async () => {
      let written: Promise<number> | undefined;
      server = await startServer((_req, res) => void (written = flood(res)));
      const error = (await rejectionOf(
        connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }),
      )) as ResponseTooLargeError;
      expect(error).to.be.instanceOf(ResponseTooLargeError);
      expect(error.limit).to.equal(DEFAULT_MAX_RESPONSE_SIZE);
      expect(error.status).to.equal(200);
      expect(error.message).to.equal(
        `The API answered 200 with a body over the limit of ${DEFAULT_MAX_RESPONSE_SIZE} bytes ` +
          '(maxResponseSize); reading stopped there (GET /v2/apps/a)',
      );
      expect(await written).to.be.below(DEFAULT_MAX_RESPONSE_SIZE + 16 * 1024 * 1024);
      expect(server.requests).to.have.length(1);
    });

    it('refuses a declared Content-Length over the limit before reading the body', async () => {
      server = await startServer((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(300 * 1024 * 1024),
        });
        res.write('{"a":');
      });
      const connection = connectionTo(server, { maxResponseSize: 1024 * 1024 });
      const error = (await rejectionOf(
        connection.request({ method: 'GET', path: '/v2/apps/a' }),
      )) as ResponseTooLargeError;
      expect(error).to.be.instanceOf(ResponseTooLargeError);
      expect(error.limit).to.equal(1024 * 1024);
    });

    it('counts the bytes after decompression: a small gzip of 20 MB is refused too', async () => {
      const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, ' '));
      server = await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(bomb);
      });
      const error = await rejectionOf(connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }));
      expect(bomb.length).to.be.below(DEFAULT_MAX_RESPONSE_SIZE / 10);
      expect(error).to.be.instanceOf(ResponseTooLargeError);
    });

    it('lets a body just under the limit through', async () => {
      const body = JSON.stringify({ app: { id: 'a', pad: 'x'.repeat(1000) } });
      server = await startServer((_req, res) => json(res, 200, body));
      const connection = connectionTo(server, { maxResponseSize: Buffer.byteLength(body) });
      const answer = await connection.request<{ app: { id: string } }>({ method: 'GET', path: '/v2/a' });
      expect(answer.app.id).to.equal('a');
    });
  });
});
