// Events, logs and response metadata: enough to see what happened, never a credential.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { Connection } from '../../lib/connection/connection.js';
import { ConfigurationError, ServerError } from '../../lib/errors.js';
import { Observer, redactHeaders } from '../../lib/connection/events.js';
import { BASIC, TEST_SECRET } from '../support/fixtures.js';
import { connectionTo, json, recordEvents, rejectionOf, startServer, type TestServer } from './server.js';

const run = promisify(execFile);

describe('reliability: observability', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('emits request, response, retry and error events with method, path, status, attempt and timings', async () => {
    server = await startServer((_req, res) => json(res, 503, {}));
    const connection = connectionTo(server, { retry: { limit: 1, baseDelay: 1 } });
    const events = recordEvents(connection);
    await rejectionOf(connection.request({ method: 'GET', path: '/v2/apps/a', query: { x: 'y' } }));
    expect(events.map((e) => `${e.name} ${e.attempt ?? e.attempts} ${e.status ?? '-'}`)).to.deep.equal([
      'request 1 -',
      'response 1 503',
      'retry 1 503',
      'request 2 -',
      'response 2 503',
      'error 2 503',
    ]);
    for (const event of events) {
      expect(event).to.include({ method: 'GET', path: '/v2/apps/a' });
      if (event.name !== 'request') expect(event.elapsedMs).to.be.a('number').and.at.least(0);
    }
    expect(events[0]?.headers).to.include({ authorization: '[redacted]', accept: 'application/json' });
    expect(events.at(-1)!.error).to.be.instanceOf(ServerError);
    const text = JSON.stringify(events);
    expect(text).not.to.contain(TEST_SECRET).and.not.to.contain(BASIC.slice(6));
  });

  it('logs one line per event to the logger, with credentials redacted', async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    const lines: string[] = [];
    const connection = connectionTo(server, { auth: 'jwt', logger: { debug: (line) => lines.push(line) } });
    await connection.request({
      method: 'GET',
      path: '/v2/apps/a',
      headers: { 'X-API-Key': 'whsec-not-real' },
    });
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^smooch-record request GET \/v2\/apps\/a attempt=1 headers=\{.*\}$/);
    expect(lines[0]).to.contain('"authorization":"[redacted]"').and.contain('"x-api-key":"[redacted]"');
    expect(lines[1]).to.match(
      /^smooch-record response GET \/v2\/apps\/a attempt=1 status=200 elapsed=\d+ms$/,
    );
    const token = connection.authorizer.header().replace('Bearer ', '');
    expect(server.requests[0]?.headers.authorization).to.equal(`Bearer ${token}`);
    for (const line of lines) {
      expect(line).not.to.contain(token).and.not.to.contain(TEST_SECRET).and.not.to.contain('whsec-not-real');
    }
  });

  it('writes the same lines to stderr under NODE_DEBUG=smooch-record', async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    const script = `
      import { Connection } from './lib/connection/connection.ts';
      const c = new Connection({ keyId: 'app_x', secret: '${TEST_SECRET}', baseUrl: '${server.url}' });
      await c.request({ method: 'GET', path: '/v2/apps/a' });`;
    const { stderr } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, NODE_DEBUG: 'smooch-record' },
    });
    const lines = stderr.split('\n').filter((line) => line.startsWith('SMOOCH-RECORD'));
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(
      /^SMOOCH-RECORD \d+: request GET \/v2\/apps\/a attempt=1 headers=.*"authorization":"\[redacted\]"/,
    );
    expect(lines[1]).to.match(
      /^SMOOCH-RECORD \d+: response GET \/v2\/apps\/a attempt=1 status=200 elapsed=\d+ms$/,
    );
    expect(stderr).not.to.contain(TEST_SECRET).and.not.to.contain('Bearer ');
  });

  it('keeps the status and headers of the last response, and of each call with requestWithResponse()', async () => {
    server = await startServer((req, res, n) =>
      n === 1
        ? json(res, 200, { ok: true }, { 'x-request-id': 'r1' })
        : json(res, 404, {}, { 'x-request-id': `r${n}` }),
    );
    const connection = connectionTo(server);
    expect(connection.lastResponse).to.equal(undefined);
    const { body, response } = await connection.requestWithResponse({ method: 'GET', path: '/v2/apps/a' });
    expect(body).to.deep.equal({ ok: true });
    expect(response).to.include({ status: 200, method: 'GET', path: '/v2/apps/a', attempts: 1 });
    expect(response.headers['x-request-id']).to.equal('r1');
    expect(connection.lastResponse).to.deep.equal(response);
    const error = (await rejectionOf(
      connection.request({ method: 'GET', path: '/v2/apps/b' }),
    )) as ServerError;
    expect(error.status).to.equal(404);
    expect(error.headers['x-request-id']).to.equal('r2');
    expect(connection.lastResponse).to.include({ status: 404, path: '/v2/apps/b' });
  });

  it('emits per-attempt events for listeners added after the first calls, and counts attempts without any', async () => {
    server = await startServer((_req, res, n) =>
      n % 2 === 1 ? json(res, 503, {}) : json(res, 200, { n }, { 'x-n': String(n) }),
    );
    const connection = connectionTo(server);
    // Unobserved: no per-attempt hooks run, yet the attempts and the last response are right.
    const first = await connection.requestWithResponse({ method: 'GET', path: '/v2/apps/a' });
    expect(first.response).to.include({ status: 200, attempts: 2 });
    expect(connection.lastResponse).to.include({ status: 200, attempts: 2 });
    expect(connection.lastResponse?.headers['x-n']).to.equal('2');
    const events = recordEvents(connection);
    await connection.request({ method: 'GET', path: '/v2/apps/b' });
    expect(events.map((e) => `${e.name} ${String(e.attempt)} ${String(e.status ?? '-')}`)).to.deep.equal([
      'request 1 -',
      'response 1 503',
      'retry 1 503',
      'request 2 -',
      'response 2 200',
    ]);
    expect(connection.lastResponse).to.include({ status: 200, attempts: 2, path: '/v2/apps/b' });
  });

  it('takes listeners from the hooks option, removes them with off(), and survives a throwing listener', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const seen: number[] = [];
    const onResponse = (e: { status: number }) => seen.push(e.status);
    const connection = connectionTo(server, {
      hooks: {
        response: onResponse,
        request: () => {
          throw new Error('listener bug');
        },
      },
      logger: {
        debug: () => {
          throw new Error('logger bug');
        },
      },
    });
    expect(await connection.request({ method: 'GET', path: '/v2/a' })).to.deep.equal({});
    connection.off('response', onResponse);
    await connection.request({ method: 'GET', path: '/v2/a' });
    expect(seen).to.deep.equal([200]);
  });

  it('is active exactly while a listener, a logger or NODE_DEBUG would see an event', () => {
    const observer = new Observer();
    const listener = (): void => {};
    expect(observer.active).to.equal(false);
    observer.on('retry', listener);
    observer.on('retry', listener); // the same listener twice is one listener, as in a Set
    observer.on('error', listener);
    observer.off('retry', listener);
    expect(observer.active).to.equal(true);
    observer.off('error', listener);
    observer.off('error', listener); // removing one that is not there changes nothing
    expect(observer.active).to.equal(false);
    expect(new Observer({}, { debug: () => {} }).active).to.equal(true);
  });

  it('refuses an unknown hook or a logger without debug() before any request', () => {
    const base = { keyId: 'app_x', secret: TEST_SECRET };
    expect(() => new Connection({ ...base, hooks: { retries: () => undefined } as never })).to.throw(
      ConfigurationError,
      /retries/,
    );
    expect(() => new Connection({ ...base, logger: {} as never })).to.throw(ConfigurationError, /debug/);
  });

  it('redacts Authorization, X-API-Key, Proxy-Authorization and Cookie in any case', () => {
    expect(
      redactHeaders({
        Authorization: 'Basic x',
        'X-Api-Key': 'k',
        'proxy-authorization': 'p',
        Cookie: 'c',
        Accept: 'a',
        skip: undefined,
      }),
    ).to.deep.equal({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      'proxy-authorization': '[redacted]',
      cookie: '[redacted]',
      accept: 'a',
    });
  });
});
