// Notification.handler on a real node:http server on 127.0.0.1, and with Express-style requests whose body a
// body parser already read.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import nock from 'nock';
import sinon from 'sinon';
import { Message } from '../../lib/models/message.js';
import { deliverWebhook, TEST_IDS, webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import type { WebhookEvent } from '../../lib/webhooks/events.js';
import type { HandlerOptions, WebhookHandler } from '../../lib/webhooks/types.js';
import { Notification } from '../../lib/webhooks/notification.js';
import type { WebhookRequest } from '../../lib/webhooks/read-body.js';
import { BASE, testConnection } from '../support/fixtures.js';
import { post } from './post.js';

const SECRET = 'test-webhook-secret-not-real';

let server: Server | undefined;

async function serve(options: Partial<HandlerOptions> = {}): Promise<string> {
  const handler = Notification.handler({ secret: SECRET, onError: () => {}, ...options });
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}

describe('Notification.handler on node:http', () => {
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('verifies, parses and runs the handlers of each event in order, then answers 200', async () => {
    const seen: string[] = [];
    const url = await serve({
      connection: testConnection(),
      on: {
        'conversation:message': async (event) => {
          await new Promise((r) => setTimeout(r, 5));
          seen.push(`message:${event.message.id}`);
        },
        'conversation:read': (event) => void seen.push(`read:${event.conversation.id}`),
      },
      onEvent: (event) => void seen.push(`any:${event.type}`),
    });
    const delivery = webhookDelivery(['conversation:message', 'conversation:read', 'user:remove'], {
      secret: SECRET,
    });
    const answer = await post(url, delivery.body, delivery.headers);
    expect(answer.status).to.equal(200);
    expect(answer.body).to.equal('OK');
    expect(seen).to.deep.equal([
      `message:${TEST_IDS.message}`,
      'any:conversation:message',
      `read:${TEST_IDS.conversation}`,
      'any:conversation:read',
      'any:user:remove',
    ]);
  });

  it('answers 401 to a wrong or missing X-API-Key and runs nothing', async () => {
    const onEvent = sinon.spy();
    const url = await serve({ onEvent });
    const delivery = webhookDelivery('conversation:message');
    expect((await post(url, delivery.body, { ...delivery.headers, 'X-API-Key': 'wrong' })).status).to.equal(
      401,
    );
    const missing = await post(url, delivery.body, delivery.headers);
    expect(missing.status).to.equal(401);
    expect(missing.body).to.equal('Unauthorized');
    expect(missing.body).to.not.include(SECRET);
    expect(onEvent.called).to.equal(false);
  });

  it('answers 400 to a malformed body and to a body that is not a delivery', async () => {
    const url = await serve();
    const headers = { 'x-api-key': SECRET, 'content-type': 'application/json' };
    const malformed = await post(url, '{"events": [', headers);
    expect(malformed.status).to.equal(400);
    expect(malformed.body).to.equal('Malformed webhook body');
    expect((await post(url, '{"hello":"world"}', headers)).status).to.equal(400);
    expect(
      (await post(url, `{"events":[],"d":${'['.repeat(100)}${']'.repeat(100)}}`, headers)).status,
    ).to.equal(400);
  });

  it('answers 413 beyond the limit, by Content-Length and by counting a chunked body', async () => {
    const onEvent = sinon.spy();
    const url = await serve({ limit: 1024, onEvent });
    const headers = { 'x-api-key': SECRET };
    const big = JSON.stringify({ events: [], padding: 'x'.repeat(4000) });
    const declared = await post(url, big, headers);
    expect(declared.status).to.equal(413);
    expect(declared.headers.connection).to.equal('close');
    const chunked = await post(url, [big.slice(0, 800), big.slice(800, 1600), big.slice(1600)], headers);
    expect(chunked.status).to.equal(413);
    // Within the limit, chunked, it is read whole.
    const fine = webhookDelivery('conversation:remove', { secret: SECRET });
    expect((await post(url, [fine.body.slice(0, 50), fine.body.slice(50)], fine.headers)).status).to.equal(
      200,
    );
    expect(onEvent.callCount).to.equal(1);
  });

  it('answers 500 when a handler throws, and the retry runs only the events not yet handled', async () => {
    const ran: string[] = [];
    const onError = sinon.spy();
    let failOnce = true;
    const url = await serve({
      onError,
      onEvent: (event) => {
        ran.push(event.id);
        if (event.id === 'e2' && failOnce) {
          failOnce = false;
          throw new Error('database down');
        }
      },
    });
    const events = ['e1', 'e2', 'e3'].map((id) => webhookEvent('conversation:remove', { id }));
    const delivery = webhookDelivery(events, { secret: SECRET });
    const first = await post(url, delivery.body, delivery.headers);
    expect(first.status).to.equal(500);
    expect(ran).to.deep.equal(['e1', 'e2']);
    expect(onError.calledOnce).to.equal(true);
    expect(onError.firstCall.args[0].message).to.equal('database down');
    expect((onError.firstCall.args[1] as WebhookEvent).id).to.equal('e2');

    const retry = await post(url, delivery.body, delivery.headers);
    expect(retry.status).to.equal(200);
    expect(ran).to.deep.equal(['e1', 'e2', 'e2', 'e3']);
  });

  it('handles a repeated event id once; with dedupe: false every time', async () => {
    const onEvent = sinon.spy();
    const url = await serve({ onEvent });
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    expect((await post(url, delivery.body, delivery.headers)).status).to.equal(200);
    expect((await post(url, delivery.body, delivery.headers)).status).to.equal(200);
    expect(onEvent.callCount).to.equal(1);
    await new Promise((resolve) => server!.close(resolve));

    const everyTime = sinon.spy();
    const again = await serve({ onEvent: everyTime, dedupe: false });
    await post(again, delivery.body, delivery.headers);
    await post(again, delivery.body, delivery.headers);
    expect(everyTime.callCount).to.equal(2);
  });

  it('answers 405 to other methods', async () => {
    const url = await serve();
    const answer = await post(url, '', { 'x-api-key': SECRET }, 'GET');
    expect(answer.status).to.equal(405);
    expect(answer.headers.allow).to.equal('POST');
  });

  it('lets a handler reply through the bound connection', async () => {
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    const conversationId = TEST_IDS.conversation;
    const api = nock(BASE)
      .post(`/v2/apps/${delivery.json.app.id}/conversations/${conversationId}/messages`, {
        author: { type: 'business' },
        content: { type: 'text', text: 'Got it' },
      })
      .reply(201, {
        messages: [
          { id: 'm-reply', author: { type: 'business' }, content: { type: 'text', text: 'Got it' } },
        ],
      });
    let reply: Message | undefined;
    const url = await serve({
      connection: testConnection(),
      on: {
        'conversation:message': async (event) => void (reply = await event.conversation.reply('Got it')),
      },
    });
    expect((await post(url, delivery.body, delivery.headers)).status).to.equal(200);
    expect(reply).to.be.instanceOf(Message);
    api.done();
  });

  it('refuses to build without a secret or with a bad limit', () => {
    // No secret at all (and no SMOOCH_WEBHOOK_SECRET): handler-environment.spec.ts. An empty one given is a
    // mistake, not a reason to look elsewhere.
    for (const secret of ['', []]) {
      expect(() => Notification.handler({ secret })).to.throw(TypeError, /secret is required/);
    }
    expect(() => Notification.handler({ secret: SECRET, limit: 0 })).to.throw(RangeError);
  });
});

/** An Express-style request: the stream already consumed by a body parser, `req.body` set. */
function parsedRequest(body: unknown, headers: Record<string, string>): WebhookRequest {
  const req = Object.assign(Readable.from([]), { method: 'POST', url: '/hooks', headers, body });
  req.resume(); // consumed, as after express.json()
  return req as unknown as WebhookRequest;
}

async function run(handler: WebhookHandler, req: WebhookRequest): Promise<{ status: number; body: string }> {
  await new Promise((resolve) => setImmediate(resolve));
  let body = '';
  const res = {
    statusCode: 200,
    headersSent: false,
    setHeader: () => res,
    end: (text: string) => void (body = text),
  };
  await handler(req, res as never);
  return { status: res.statusCode, body };
}

describe('Notification.handler with a body parser already run (Express)', () => {
  const delivery = webhookDelivery('conversation:message', { secret: SECRET });

  for (const [name, body] of [
    ['an object (express.json)', () => JSON.parse(delivery.body) as unknown],
    ['a string (express.text)', () => delivery.body],
    ['a Buffer (express.raw)', () => Buffer.from(delivery.body)],
  ] as const) {
    it(`reads req.body as ${name}`, async () => {
      const onEvent = sinon.spy();
      const handler = Notification.handler({ secret: SECRET, onEvent });
      const answer = await run(handler, parsedRequest(body(), delivery.headers));
      expect(answer).to.deep.equal({ status: 200, body: 'OK' });
      expect(onEvent.calledOnce).to.equal(true);
      expect(onEvent.firstCall.args[0].type).to.equal('conversation:message');
    });
  }

  it('answers 413 to a parsed string body over the limit, 401 to a bad key, 400 to an empty parsed object', async () => {
    const handler = Notification.handler({ secret: SECRET, limit: 100 });
    expect((await run(handler, parsedRequest(delivery.body, delivery.headers))).status).to.equal(413);
    const wrong = { ...delivery.headers, 'x-api-key': 'wrong' };
    expect((await run(handler, parsedRequest(JSON.parse(delivery.body), wrong))).status).to.equal(401);
    expect((await run(handler, parsedRequest({}, delivery.headers))).status).to.equal(400);
  });

  it('reads the stream when express.json() skipped another content type and left req.body = {}', async () => {
    const onEvent = sinon.spy();
    const req = Object.assign(Readable.from([Buffer.from(delivery.body)]), {
      method: 'POST',
      headers: { ...delivery.headers, 'content-type': 'text/plain' },
      body: {},
    });
    const answer = await run(
      Notification.handler({ secret: SECRET, onEvent }),
      req as unknown as WebhookRequest,
    );
    expect(answer.status).to.equal(200);
    expect(onEvent.calledOnce).to.equal(true);
  });

  it('answers 500 (the API retries) and reports it when the request stream fails', async () => {
    const onError = sinon.spy();
    const broken = new Readable({
      read() {
        this.destroy(new Error('socket hang up'));
      },
    });
    const req = Object.assign(broken, { method: 'POST', headers: delivery.headers });
    const answer = await run(
      Notification.handler({ secret: SECRET, onError }),
      req as unknown as WebhookRequest,
    );
    expect(answer.status).to.equal(500);
    expect(onError.firstCall.args[0].message).to.equal('socket hang up');
    expect(onError.firstCall.args[1]).to.equal(undefined);
  });

  it('works through the testing kit, parsed or not', async () => {
    const onEvent = sinon.spy();
    const handler = Notification.handler({ secret: SECRET, onEvent, dedupe: false });
    expect(await deliverWebhook(handler, delivery)).to.deep.include({ status: 200, body: 'OK' });
    expect((await deliverWebhook(handler, delivery, { parsed: true })).status).to.equal(200);
    expect((await deliverWebhook(handler, delivery, { headers: { 'X-API-Key': 'nope' } })).status).to.equal(
      401,
    );
    expect(onEvent.callCount).to.equal(2);
  });
});
