// Broken servers: resets mid-response, silence, bodies that are not JSON. Each case counts what the server saw.
import { Agent } from 'node:http';
import { expect } from 'chai';
import { ConnectionError, ParseError, ServerError, TimeoutError } from '../../lib/errors.js';
import { connectionTo, json, recordEvents, rejectionOf, startServer, type TestServer } from './server.js';

const MAYBE = 'may or may not have been processed';

describe('reliability: faults from a local server', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  describe('a socket destroyed mid-response', () => {
    const halfThenReset = (res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"app":{"id":');
      setTimeout(() => res.socket?.destroy(), 5);
    };

    it('is retried for a GET, which then succeeds (2 requests)', async () => {
      server = await startServer((_req, res, n) =>
        n === 1 ? halfThenReset(res) : json(res, 200, { app: { id: 'a' } }),
      );
      expect(await connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' })).to.deep.equal({
        app: { id: 'a' },
      });
      expect(server.requests).to.have.length(2);
    });

    it('is not retried for a POST (1 request): a ConnectionError in the read phase that says so', async () => {
      server = await startServer((_req, res) => halfThenReset(res));
      const error = await rejectionOf(
        connectionTo(server).request({ method: 'POST', path: '/v2/x', json: {} }),
      );
      expect(server.requests).to.have.length(1);
      expect(error).to.be.instanceOf(ConnectionError).and.not.instanceOf(TimeoutError);
      expect((error as ConnectionError).code).to.equal('ECONNRESET');
      expect(error.message)
        .to.match(/^ECONNRESET in the read phase: /)
        .and.to.contain(MAYBE);
    });

    it('before any byte of the answer: retried for a GET, not for a POST', async () => {
      server = await startServer((req) => req.socket.destroy());
      const connection = connectionTo(server);
      const get = await rejectionOf(connection.request({ method: 'GET', path: '/v2/x' }));
      expect(server.requests).to.have.length(3);
      expect(get.message).to.match(
        /^ECONNRESET in the response phase: socket hang up \(GET \/v2\/x\) after 3 attempts$/,
      );
      const post = await rejectionOf(connection.request({ method: 'POST', path: '/v2/x', json: {} }));
      expect(server.requests).to.have.length(4);
      expect(post.message).to.contain(MAYBE);
    });
  });

  describe('a server that accepts and never answers', () => {
    beforeEach(async () => {
      server = await startServer(() => undefined);
    });

    it('times out with a TimeoutError naming the phase, per connection', async () => {
      const connection = connectionTo(server, { timeout: 80, retry: { limit: 0 } });
      const started = Date.now();
      const error = await rejectionOf(connection.request({ method: 'GET', path: '/v2/apps/a' }));
      expect(error).to.be.instanceOf(TimeoutError);
      expect((error as TimeoutError).phase).to.equal('response');
      expect(error.message).to.equal('Timeout in the response phase (GET /v2/apps/a)');
      expect(Date.now() - started).to.be.within(70, 600);
      expect(server.requests).to.have.length(1);
    });

    it('takes a per-call timeout over the connection one, retries a GET and not a POST', async () => {
      const connection = connectionTo(server, { timeout: 60_000 });
      const get = await rejectionOf(connection.request({ method: 'GET', path: '/v2/a', timeout: 50 }));
      expect(get.message).to.equal('Timeout in the response phase (GET /v2/a) after 3 attempts');
      expect(server.requests).to.have.length(3);
      const post = await rejectionOf(
        connection.request({ method: 'POST', path: '/v2/a', json: {}, timeout: 50 }),
      );
      expect(post).to.be.instanceOf(TimeoutError);
      expect(post.message).to.contain(MAYBE);
      expect(server.requests).to.have.length(4);
    });

    it('names a per-phase limit as got reports it', async () => {
      const connection = connectionTo(server, { timeout: { response: 50 }, retry: { limit: 0 } });
      const error = (await rejectionOf(connection.request({ method: 'GET', path: '/v2/a' }))) as TimeoutError;
      expect(error.phase).to.equal('response');
    });

    // Node reports the destroy of a request still queued in the agent only when a socket frees up, so a
    // queued call times out late (an AbortSignal cancels it at once: see cancellation.spec.ts). What matters
    // here: the first POST attempt never left the pool, so it is retried even without opt-in.
    it('retries even a POST that timed out in the pool phase (never sent), then names the phase', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const connection = connectionTo(server, { agent, retry: { limit: 1, baseDelay: 1 } });
      const events = recordEvents(connection);
      const busy = connection
        .request({ method: 'GET', path: '/v2/slow', timeout: 150, retry: false })
        .catch((e) => e);
      const error = (await rejectionOf(
        connection.request({ method: 'POST', path: '/v2/x', json: {}, timeout: 40 }),
      )) as TimeoutError;
      expect(events.filter((e) => e.name === 'retry')).to.have.length(1);
      expect(events.find((e) => e.name === 'retry')).to.include({
        path: '/v2/x',
        code: 'ETIMEDOUT',
        phase: 'pool',
      });
      expect(server.requests.map((r) => r.url)).to.deep.equal(['/v2/slow', '/v2/x']);
      expect(error.phase).to.equal('response');
      expect(error.message)
        .to.contain('Timeout in the response phase (POST /v2/x) after 2 attempts')
        .and.contain(MAYBE);
      expect(await busy).to.be.instanceOf(TimeoutError);
      agent.destroy();
    });
  });

  it('turns a 200 with malformed JSON into a ParseError with a short excerpt and the status (1 request)', async () => {
    const body = `{"app": {"id": "a", ${'"x": 1, '.repeat(100)}`;
    server = await startServer((_req, res) => json(res, 200, body, { 'x-request-id': 'r1' }));
    const error = (await rejectionOf(
      connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }),
    )) as ParseError;
    expect(error).to.be.instanceOf(ParseError);
    expect(error.excerpt).to.equal(body.slice(0, 120));
    expect(error.message).to.match(
      /^The API answered 200 with a body that is not JSON \(GET \/v2\/apps\/a\): "/,
    );
    expect(error.response?.status).to.equal(200);
    expect(error.response?.headers['x-request-id']).to.equal('r1');
    expect(server.requests).to.have.length(1);
  });

  it('turns an HTML 502 page into a ServerError with the page text, after the GET retries', async () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
    server = await startServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(page);
    });
    const error = (await rejectionOf(
      connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }),
    )) as ServerError;
    expect(error).to.be.instanceOf(ServerError);
    expect(error.status).to.equal(502);
    expect(error.code).to.equal('http_502');
    expect(error.title).to.equal('502 Bad Gateway Bad Gateway');
    expect(error.body).to.equal(page);
    expect(error.attempts).to.equal(3);
    expect(server.requests).to.have.length(3);
  });
});
