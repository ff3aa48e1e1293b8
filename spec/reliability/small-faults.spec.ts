// The smaller holes of issue 17 (item 8), each against a real node:http server on 127.0.0.1: a Retry-After
// that is not delay-seconds, an appInfo that cannot travel in a header, many calls sharing one AbortSignal,
// and a webhook body trickled with the right key.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { getEventListeners } from 'node:events';
import { expect } from 'chai';
import nock from 'nock';
import sinon from 'sinon';
import { AbortError, ConfigurationError, RateLimitError } from '../../lib/errors.js';
import { DEFAULT_READ_TIMEOUT } from '../../lib/webhooks/read-body.js';
import { Notification } from '../../lib/webhooks/notification.js';
import { connectionTo, json, rejectionOf, startServer, type TestServer } from './server.js';

const SECRET = 'test-webhook-secret-not-real';
const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

describe('reliability: small faults', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const value of ['0x3', '1e3', '-1', '1.5', '+3']) {
    it(`reads Retry-After: ${value} as no delay at all: backs off and retries (2 requests)`, async () => {
      server = await startServer((_req, res, n) =>
        n === 1 ? json(res, 429, {}, { 'retry-after': value }) : json(res, 200, { ok: true }),
      );
      // maxDelay 50: a value read as seconds would give up at once instead of retrying.
      const body = await connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' });
      expect(body).to.deep.equal({ ok: true });
      expect(server.requests).to.have.length(2);
    });
  }

  it('leaves retryAfter undefined on the RateLimitError of a Retry-After: 0x3', async () => {
    server = await startServer((_req, res) => json(res, 429, {}, { 'retry-after': '0x3' }));
    const connection = connectionTo(server, { retry: { limit: 0 } });
    const error = (await rejectionOf(connection.request({ method: 'GET', path: '/v2/a' }))) as RateLimitError;
    expect(error).to.be.instanceOf(RateLimitError);
    expect(error.retryAfter).to.equal(undefined);
  });

  for (const appInfo of ['bot\r\nX-Injected: 1', { name: 'bot', version: '1.0\n' }, { name: 'bot\u0000' }]) {
    it(`refuses appInfo ${JSON.stringify(appInfo)} with a ConfigurationError when the connection is made`, async () => {
      server = await startServer((_req, res) => json(res, 200, {}));
      expect(() => connectionTo(server!, { appInfo })).to.throw(ConfigurationError, /appInfo/);
      expect(server.requests).to.have.length(0);
    });
  }

  it('still sends a good appInfo in the User-Agent', async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    await connectionTo(server, { appInfo: { name: 'acme-bot', version: '1.2.0' } }).request({
      method: 'GET',
      path: '/v2/a',
    });
    expect(server.requests[0]!.headers['user-agent']).to.match(/ acme-bot\/1\.2\.0$/);
  });

  it('listens once to an AbortSignal shared by 20 calls: no MaxListenersExceededWarning, all abort', async () => {
    server = await startServer(() => undefined);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const connection = connectionTo(server, { maxSockets: 50 });
      const calls = Array.from({ length: 20 }, (_, i) =>
        rejectionOf(connection.request({ method: 'GET', path: `/v2/a/${i}`, signal: controller.signal })),
      );
      while (server.requests.length < 20) await sleep(5);
      expect(getEventListeners(controller.signal, 'abort')).to.have.length(1);
      controller.abort(new Error('shutting down'));
      for (const error of await Promise.all(calls)) expect(error).to.be.instanceOf(AbortError);
      await sleep(10); // Node emits process warnings on a later tick
      expect(warnings.map((w) => w.name)).not.to.include('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  describe('a webhook body trickled with the right key', () => {
    let hooks: Server | undefined;
    let clock: sinon.SinonFakeTimers | undefined;
    const sockets: Socket[] = [];
    // nock (spec/setup.ts) holds a request until its body is complete before passing it through to loopback:
    // a trickled body needs the real socket, so nock steps aside for these cases.
    before(() => nock.restore());
    after(() => nock.activate());
    afterEach(async () => {
      for (const socket of sockets.splice(0)) socket.destroy();
      clock?.restore();
      clock = undefined;
      hooks?.closeAllConnections();
      await new Promise((resolve) => hooks?.close(resolve) ?? resolve(undefined));
    });

    /** Starts the handler, sends the head and a first byte of a 1,000-byte body; resolves with the status. */
    async function trickle(readTimeout?: number): Promise<{ status: Promise<number> }> {
      hooks = createServer(Notification.handler({ secret: SECRET, onError: () => {}, readTimeout }));
      await new Promise<void>((resolve) => hooks!.listen(0, '127.0.0.1', resolve));
      const { port } = hooks.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      const status = new Promise<number>((resolve, reject) => {
        socket.once('data', (data) => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(data.toString())?.[1])));
        socket.on('error', reject);
      });
      const head = ['POST /hooks HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json'];
      socket.write([...head, 'Content-Length: 1000', `X-API-Key: ${SECRET}`, '', '{'].join('\r\n'));
      return { status };
    }

    it('is answered 408 once readTimeout passes', async () => {
      expect(await (await trickle(100)).status).to.equal(408);
    });

    it(`is answered 408 after the default ${DEFAULT_READ_TIMEOUT} ms`, async () => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { status } = await trickle();
      await sleep(50);
      await clock.tickAsync(DEFAULT_READ_TIMEOUT + 1);
      expect(await Promise.race([status, sleep(300).then(() => 'no answer')])).to.equal(408);
    });

    it('refuses a readTimeout that is not a positive number of ms when the handler is made', () => {
      for (const readTimeout of [0, -1, Number.NaN, 2 ** 40]) {
        expect(() => Notification.handler({ secret: SECRET, readTimeout })).to.throw(RangeError);
      }
    });
  });
});
