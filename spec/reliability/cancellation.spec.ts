// Cancellation against a local server: an AbortSignal stops a call at once, wherever it is.
import { Agent } from 'node:http';
import { expect } from 'chai';
import { AbortError, TimeoutError } from '../../lib/errors.js';
import { App } from '../../lib/models/app.js';
import { connectionTo, json, rejectionOf, startServer, type TestServer } from './server.js';

describe('reliability: cancellation', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('aborts during a wait between retries, promptly, with our AbortError (1 request)', async () => {
    server = await startServer((_req, res) => json(res, 503, {}, { 'retry-after': '5' }));
    const connection = connectionTo(server, { retry: { maxDelay: 10_000 } });
    const controller = new AbortController();
    connection.on('retry', () => setTimeout(() => controller.abort(new Error('shutting down')), 20));
    const started = Date.now();
    const error = await rejectionOf(
      connection.request({ method: 'GET', path: '/v2/apps/a', signal: controller.signal }),
    );
    expect(error).to.be.instanceOf(AbortError);
    expect(error.message).to.equal('Request aborted (GET /v2/apps/a)');
    expect((error.cause as Error).message).to.equal('shutting down');
    expect(Date.now() - started).to.be.below(500);
    expect(server.requests).to.have.length(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const error = await rejectionOf(
      connectionTo(server).request({ method: 'POST', path: '/v2/x', json: {}, signal: AbortSignal.abort() }),
    );
    expect(error).to.be.instanceOf(AbortError);
    expect(server.requests).to.have.length(0);
  });

  it('aborts a request the server never answers (1 request)', async () => {
    const controller = new AbortController();
    // Abort once the server holds the request, so the call is surely in flight.
    server = await startServer(() => setTimeout(() => controller.abort(), 20));
    const started = Date.now();
    const error = await rejectionOf(
      connectionTo(server).request({ method: 'GET', path: '/v2/x', signal: controller.signal }),
    );
    expect(error).to.be.instanceOf(AbortError);
    expect(Date.now() - started).to.be.below(500);
    expect(server.requests).to.have.length(1);
  });

  it('reports AbortSignal.timeout() as a TimeoutError of the deadline phase, even while queued for a socket', async () => {
    server = await startServer(() => undefined);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const connection = connectionTo(server, { agent });
    const busy = connection
      .request({ method: 'GET', path: '/v2/slow', signal: AbortSignal.timeout(200) })
      .catch((e) => e);
    const started = Date.now();
    const error = await rejectionOf(
      connection.request({ method: 'GET', path: '/v2/x', signal: AbortSignal.timeout(50) }),
    );
    expect(error).to.be.instanceOf(TimeoutError);
    expect((error as TimeoutError).phase).to.equal('deadline');
    expect(Date.now() - started).to.be.below(300);
    expect(await busy).to.be.instanceOf(TimeoutError);
    expect(server.requests.map((r) => r.url)).to.deep.equal(['/v2/slow']);
    agent.destroy();
  });

  describe('a running for await over a collection', () => {
    const page = (ids: string[], after?: string) => ({
      apps: ids.map((id) => ({ id, displayName: id })),
      meta: { hasMore: after !== undefined, afterCursor: after },
    });

    it('stops promptly when aborted while the next page is loading', async () => {
      const controller = new AbortController();
      // The second page never comes: the server aborts the caller once it holds that request.
      server = await startServer((req, res) => {
        if (!req.url?.includes('page')) json(res, 200, page(['a1', 'a2'], 'c2'));
        else setTimeout(() => controller.abort(), 20);
      });
      const connection = connectionTo(server);
      const seen: string[] = [];
      const started = Date.now();
      const error = await rejectionOf(
        (async () => {
          for await (const app of App.all({}, { connection, signal: controller.signal })) {
            seen.push(app.id);
          }
        })(),
      );
      expect(error).to.be.instanceOf(AbortError);
      expect(seen).to.deep.equal(['a1', 'a2']);
      expect(Date.now() - started).to.be.below(500);
      expect(server.requests.map((r) => decodeURIComponent(r.url))).to.deep.equal([
        '/v2/apps',
        '/v2/apps?page[after]=c2',
      ]);
    });

    it('stops between items of a page, without fetching the next page', async () => {
      server = await startServer((_req, res) => json(res, 200, page(['a1', 'a2', 'a3'], 'c2')));
      const controller = new AbortController();
      const seen: string[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const app of App.all(
            {},
            { connection: connectionTo(server), signal: controller.signal },
          )) {
            seen.push(app.id);
            controller.abort();
          }
        })(),
      );
      expect(error).to.be.instanceOf(AbortError);
      expect(seen).to.deep.equal(['a1']);
      expect(server.requests).to.have.length(1);
    });
  });
});
