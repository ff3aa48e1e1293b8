// Retries against a real local server: what is retried, how often, how long, and what the error says.
import { expect } from 'chai';
import { AuthenticationError, ConnectionError, RateLimitError, ServerError } from '../../lib/errors.js';
import { connectionTo, json, recordEvents, rejectionOf, startServer, type TestServer } from './server.js';

const DOWN = { errors: [{ code: 'service_unavailable', title: 'Down for a deploy' }] };
const MAYBE = 'may or may not have been processed';

describe('reliability: retries against a local server', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('waits the Retry-After: 1 of a 429, then succeeds (2 requests)', async () => {
    server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 429, {}, { 'retry-after': '1' }) : json(res, 200, { user: { id: 'u1' } }),
    );
    const connection = connectionTo(server, { retry: { baseDelay: 5, maxDelay: 2000 } });
    const events = recordEvents(connection);
    const started = Date.now();
    const body = await connection.request({
      method: 'POST',
      path: '/v2/apps/a/users',
      json: { externalId: 'b' },
    });
    expect(body).to.deep.equal({ user: { id: 'u1' } });
    expect(server.requests.map((r) => r.method)).to.deep.equal(['POST', 'POST']);
    const retries = events.filter((e) => e.name === 'retry');
    expect(retries).to.have.length(1);
    expect(retries[0]).to.include({
      method: 'POST',
      path: '/v2/apps/a/users',
      attempt: 1,
      status: 429,
      delayMs: 1000,
    });
    expect(Date.now() - started).to.be.within(1000, 1900);
  });

  it('sends the token in effect on each attempt: a retry after a re-signature carries the new one', async () => {
    server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 503, DOWN) : json(res, 200, { app: { id: 'a' } }),
    );
    const connection = connectionTo(server);
    const tokens = ['Bearer first-token', 'Bearer second-token'];
    let calls = 0;
    // Stands in for a JWT re-signed shortly before its expiry (jwtExpiresIn) while a call waits to retry.
    Object.defineProperty(connection.authorizer, 'header', {
      value: () => tokens[Math.min(calls++, 1)],
    });
    await connection.request({ method: 'GET', path: '/v2/apps/a' });
    expect(server.requests.map((r) => r.headers.authorization)).to.deep.equal(tokens);
  });

  it('sends no Authorization on an anonymous call, and the token again on the next call', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const connection = connectionTo(server);
    await connection.request({ method: 'POST', path: '/oauth/token', json: {}, anonymous: true });
    await connection.request({ method: 'GET', path: '/v2/apps/a' });
    expect(server.requests[0]?.headers).not.to.have.property('authorization');
    expect(server.requests[1]?.headers.authorization).to.equal(connection.authorizer.header());
  });

  it('gives up at once when Retry-After (an HTTP date) asks for more than maxDelay, keeping retryAfter', async () => {
    const later = new Date(Date.now() + 120_000).toUTCString();
    server = await startServer((_req, res) => json(res, 429, {}, { 'retry-after': later }));
    const error = await rejectionOf(connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }));
    expect(error).to.be.instanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).to.be.within(115, 120);
    expect(server.requests).to.have.length(1);
  });

  it('retries a GET through two 503s and resolves on the third attempt', async () => {
    server = await startServer((_req, res, n) =>
      n < 3 ? json(res, 503, DOWN) : json(res, 200, { app: { id: 'a' } }),
    );
    const connection = connectionTo(server);
    const { body, response } = await connection.requestWithResponse({ method: 'GET', path: '/v2/apps/a' });
    expect(body).to.deep.equal({ app: { id: 'a' } });
    expect(server.requests).to.have.length(3);
    expect(response).to.include({ status: 200, attempts: 3, method: 'GET', path: '/v2/apps/a' });
  });

  it('says how many attempts were made and carries the last response when retries run out', async () => {
    server = await startServer((_req, res, n) => json(res, 503, DOWN, { 'x-attempt': String(n) }));
    const error = (await rejectionOf(
      connectionTo(server, { retry: { limit: 3, baseDelay: 1 } }).request({
        method: 'DELETE',
        path: '/v2/apps/a',
      }),
    )) as ServerError;
    expect(server.requests).to.have.length(4);
    expect(error).to.be.instanceOf(ServerError);
    expect(error.attempts).to.equal(4);
    expect(error.message).to.equal(
      '503 service_unavailable: Down for a deploy (DELETE /v2/apps/a) after 4 attempts',
    );
    expect(error.headers['x-attempt']).to.equal('4');
    expect(error.body).to.deep.equal(DOWN);
  });

  it('sends a POST answered 500 once by default, and says it may or may not have been processed', async () => {
    server = await startServer((_req, res) =>
      json(res, 500, { errors: [{ code: 'internal', title: 'Oops' }] }),
    );
    const connection = connectionTo(server);
    const post = {
      method: 'POST' as const,
      path: '/v2/apps/a/conversations/c/messages',
      json: { content: {} },
    };
    const error = (await rejectionOf(connection.request(post))) as ServerError;
    expect(server.requests).to.have.length(1);
    expect(error).to.be.instanceOf(ServerError);
    expect(error.attempts).to.equal(1);
    expect(error.message).to.contain(MAYBE).and.to.contain('{ retry: true }');
  });

  it('retries that POST when the call opts in, and still warns after the last attempt', async () => {
    server = await startServer((_req, res) => json(res, 500, {}));
    const connection = connectionTo(server);
    const post = { method: 'POST' as const, path: '/v2/x', json: { text: 'hi' }, retry: true };
    const error = await rejectionOf(connection.request(post));
    expect(server.requests.map((r) => r.body)).to.deep.equal(Array(3).fill('{"text":"hi"}'));
    expect(error.message)
      .to.contain('after 3 attempts')
      .and.to.contain(MAYBE)
      .and.not.contain('{ retry: true }');
  });

  it('retries that POST when the connection opts in, unless the call says retry: false', async () => {
    server = await startServer((_req, res, n) =>
      n === 1 ? json(res, 502, {}) : json(res, 201, { ok: true }),
    );
    const connection = connectionTo(server, { retry: { post: true, baseDelay: 1 } });
    expect(await connection.request({ method: 'POST', path: '/v2/x', json: {} })).to.deep.equal({ ok: true });
    expect(server.requests).to.have.length(2);
    server.handle((_req, res) => json(res, 429, {}));
    await rejectionOf(connection.request({ method: 'POST', path: '/v2/x', json: {}, retry: false }));
    expect(server.requests).to.have.length(3);
  });

  it('retries a POST refused before it was written (ECONNREFUSED) and names the phase', async () => {
    server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    const connection = connectionTo(server, { baseUrl: url, retry: { baseDelay: 1 } });
    const events = recordEvents(connection);
    const error = await rejectionOf(connection.request({ method: 'POST', path: '/v2/x', json: {} }));
    expect(error).to.be.instanceOf(ConnectionError);
    expect((error as ConnectionError).code).to.equal('ECONNREFUSED');
    expect(error.message).to.match(
      /^ECONNREFUSED in the connect phase: .* \(POST \/v2\/x\) after 3 attempts$/,
    );
    expect((error as ConnectionError).attempts).to.equal(3);
    // The cause keeps the transport's name, code and message, and nothing of got's options.
    const cause = (error as ConnectionError).cause as Error & { code?: string; options?: unknown };
    expect(cause).to.be.instanceOf(Error);
    expect(cause.code).to.equal('ECONNREFUSED');
    expect(cause.options).to.equal(undefined);
    expect(events.filter((e) => e.name === 'retry').map((e) => e.code)).to.deep.equal([
      'ECONNREFUSED',
      'ECONNREFUSED',
    ]);
  });

  it('does not retry a 401 and throws AuthenticationError', async () => {
    server = await startServer((_req, res) =>
      json(res, 401, { errors: [{ code: 'unauthorized', title: 'Bad key' }] }),
    );
    const error = await rejectionOf(connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }));
    expect(error).to.be.instanceOf(AuthenticationError);
    expect((error as AuthenticationError).attempts).to.equal(1);
    expect(server.requests).to.have.length(1);
  });

  it('keeps a 429 storm within the configured total wait', async () => {
    server = await startServer((_req, res) =>
      json(res, 429, { errors: [{ code: 'too_many_requests', title: 'Slow down' }] }),
    );
    const retry = { limit: 100, baseDelay: 40, maxDelay: 40, maxTotalDelay: 300 };
    const connection = connectionTo(server, { retry });
    const events = recordEvents(connection);
    const started = Date.now();
    const error = (await rejectionOf(
      connection.request({ method: 'GET', path: '/v2/apps/a' }),
    )) as RateLimitError;
    const waits = events.filter((e) => e.name === 'retry').map((e) => e.delayMs as number);
    const total = waits.reduce((sum, ms) => sum + ms, 0);
    expect(error).to.be.instanceOf(RateLimitError);
    expect(total).to.be.at.most(300);
    expect(Date.now() - started).to.be.below(300 + 500);
    expect(server.requests).to.have.length(waits.length + 1);
    expect(error.attempts).to.equal(server.requests.length);
    expect(server.requests.length).to.be.at.least(8);
  });
});
