// Webhook deliveries end to end on one machine: the sandbox POSTs v2 envelopes to a Notification.handler on
// 127.0.0.1, with X-API-Key, retrying as the API does (not on 400/401/403/404/406), bounded, never blocking.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Connection } from '../../lib/connection/connection.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Webhook } from '../../lib/models/webhook.js';
import { Notification } from '../../lib/webhooks/notification.js';
import { useSandbox } from './support/fixture.js';
import { type Receiver, startReceiver } from './support/receiver.js';

async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` };
}

describe('sandbox: webhook deliveries', () => {
  const fixture = useSandbox();
  let receiver: Receiver;
  let c: { connection: Connection };
  let webhook: Webhook;

  beforeEach(async () => {
    receiver = await startReceiver();
    c = { connection: fixture().app() };
    webhook = await Webhook.ensure(
      { target: receiver.url, triggers: ['conversation:message', 'user:remove'] },
      c,
    );
  });

  afterEach(async () => {
    await webhook.delete();
    await fixture().sandbox.flush();
    await receiver.close();
  });

  const attemptsTo = (id: string) =>
    fixture().sandbox.deliveries.filter((attempt) => attempt.webhookId === id);

  it("reaches a bot's Notification.handler, whose reply goes back through the sandbox", async () => {
    const seen: string[] = [];
    // The secret is known once the webhook exists, so the listener starts first and the handler comes after.
    let handle: RequestListener = (_req, res) => res.writeHead(503).end();
    const bot = await listen((req, res) => handle(req, res));
    const botHook = await Webhook.ensure({ target: bot.url, triggers: ['conversation:message'] }, c);
    handle = Notification.handler({
      secret: botHook.secret!,
      connection: c.connection,
      on: {
        'conversation:message': async (event) => {
          seen.push(
            `${event.message.author.type}: ${(event.message.content as unknown as { text?: string }).text}`,
          );
          if (event.message.author.type === 'user') await event.conversation.reply('Got it');
        },
      },
    });
    try {
      const user = await AppUser.create({ externalId: 'd-bot' }, c);
      const conversation = await user.conversation();
      await conversation.reply('Where is my order?', { as: user });
      await fixture().sandbox.flush();
      expect(seen).to.deep.equal(['user: Where is my order?', 'business: Got it']);
      const [newest] = await conversation.messages().first(1);
      expect(newest!.content).to.include({ type: 'text', text: 'Got it' });
      expect(attemptsTo(botHook.id).map((attempt) => attempt.status)).to.deep.equal([200, 200]);
    } finally {
      await botHook.delete();
      bot.server.close();
      bot.server.closeAllConnections();
    }
  });

  it('sends the v2 envelope with the webhook secret in X-API-Key, only for subscribed triggers', async () => {
    const user = await AppUser.create({ externalId: 'd-envelope' }, c);
    await (await user.conversation()).reply('Hello', { as: user });
    await user.delete();
    await fixture().sandbox.flush();
    expect(receiver.deliveries.map((d) => d.body.events.map((e) => e.type))).to.deep.equal([
      ['conversation:message'],
      ['user:remove'],
    ]);
    const [first] = receiver.deliveries;
    expect(first!.headers['x-api-key']).to.equal(webhook.secret);
    expect(first!.body.app).to.deep.equal({ id: fixture().sandbox.appId });
    expect(first!.body.webhook).to.deep.equal({ id: webhook.id, version: 'v2' });
    expect(first!.body.events[0]).to.have.keys('id', 'type', 'createdAt', 'payload');
    expect(
      (first!.body.events[0]!.payload as { message: { author: object } }).message.author,
    ).not.to.have.property('user');
  });

  it('adds the full user to message authors for webhooks with includeFullUser', async () => {
    webhook = await Webhook.ensure(
      { target: receiver.url, triggers: ['conversation:message'], includeFullUser: true },
      c,
    );
    const user = await AppUser.create({ externalId: 'd-full', profile: { givenName: 'Fay' } }, c);
    await (await user.conversation()).reply('Hi', { as: user });
    await fixture().sandbox.flush();
    const payload = receiver.deliveries[0]!.body.events[0]!.payload as {
      message: { author: { user: { profile: object } } };
    };
    expect(payload.message.author.user.profile).to.deep.equal({ givenName: 'Fay' });
  });

  it('retries on 5xx and network-level failures until a 2xx, with the same event ids', async () => {
    receiver.statuses.push(500, 503, 429);
    const user = await AppUser.create({ externalId: 'd-retry' }, c);
    await user.delete();
    await fixture().sandbox.flush();
    expect(attemptsTo(webhook.id).map((attempt) => attempt.status)).to.deep.equal([500, 503, 429, 200]);
    const ids = receiver.deliveries.map((d) => d.body.events[0]!.id);
    expect(new Set(ids).size).to.equal(1);
  });

  for (const status of [400, 401, 403, 404, 406]) {
    it(`does not retry after ${status}`, async () => {
      receiver.statuses.push(status);
      await (await AppUser.create({ externalId: `d-${status}` }, c)).delete();
      await fixture().sandbox.flush();
      expect(attemptsTo(webhook.id).map((attempt) => attempt.status)).to.deep.equal([status]);
    });
  }

  it('gives up after 5 attempts', async () => {
    receiver.statuses.push(500, 500, 500, 500, 500, 500, 500);
    await (await AppUser.create({ externalId: 'd-give-up' }, c)).delete();
    await fixture().sandbox.flush();
    expect(attemptsTo(webhook.id)).to.have.length(5);
    expect(receiver.deliveries).to.have.length(5);
  });

  it('never holds up the API response while a receiver is slow', async () => {
    let release: () => void = () => undefined;
    const slow = await listen((req, res) => {
      release = () => res.writeHead(200).end();
      req.resume();
    });
    const slowHook = await Webhook.ensure({ target: slow.url, triggers: ['user:remove'] }, c);
    const user = await AppUser.create({ externalId: 'd-slow' }, c);
    const started = Date.now();
    await user.delete();
    expect(Date.now() - started).to.be.lessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await fixture().sandbox.flush();
    expect(attemptsTo(slowHook.id).map((attempt) => attempt.status)).to.deep.equal([200]);
    await slowHook.delete();
    slow.server.close();
    slow.server.closeAllConnections();
  });
});
