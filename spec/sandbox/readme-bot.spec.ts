// The README's "Testing your bot against the sandbox" example, as a spec (imports point into the repository
// instead of the package names): a bot's webhook handler tested end to end and with the testing kit.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { Connection } from '../../lib/connection/connection.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Webhook } from '../../lib/models/webhook.js';
import { type Sandbox, startSandbox } from '../../lib/sandbox/index.js';
import { deliverWebhook, webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import { Notification } from '../../lib/webhooks/notification.js';

// The bot under test (in a real project: import { botHandler } from '../src/bot.js').
function botHandler(secret: string, connection: Connection) {
  return Notification.handler({
    secret,
    connection,
    on: {
      'conversation:message': async (event) => {
        if (event.message.author.type === 'user') await event.conversation.reply('Got it');
      },
    },
  });
}

describe('my bot (README example)', () => {
  let sandbox: Sandbox;
  let connection: Connection;
  let server: Server;
  let secret: string;

  before(async () => {
    sandbox = await startSandbox();
    connection = new Connection({
      keyId: sandbox.keyId,
      secret: sandbox.secret,
      appId: sandbox.appId,
      baseUrl: sandbox.url,
    });
    // Listen first: the webhook's secret exists only once the webhook does.
    let bot: RequestListener = (_req, res) => res.writeHead(503).end();
    server = createServer((req, res) => bot(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    const webhook = await Webhook.ensure({ target, triggers: ['conversation:message'] }, { connection });
    secret = webhook.secret!;
    bot = botHandler(secret, connection);
  });

  after(async () => {
    await sandbox.flush(); // let deliveries in flight finish before the bot stops listening
    server.close();
    server.closeAllConnections();
    await sandbox.close();
  });

  it('answers a user message, end to end through the sandbox', async () => {
    const user = await AppUser.create({ externalId: 'alice' }, { connection });
    const conversation = await user.conversation();
    await conversation.reply('Where is my order?', { as: user });
    await sandbox.flush(); // the delivery, the bot's reply, and the delivery of that reply
    const [newest] = await conversation.messages().first(1);
    expect(newest!.author.type).to.equal('business');
    expect(newest!.content).to.include({ type: 'text', text: 'Got it' });
  });

  it('answers an event built with the testing kit, into a sandbox conversation', async () => {
    const user = await AppUser.create({ externalId: 'bruno' }, { connection });
    const conversation = await user.conversation();
    const event = webhookEvent('conversation:message', {
      payload: {
        conversation: { id: conversation.id, type: 'personal' },
        message: { author: { type: 'user', userId: user.id }, content: { type: 'text', text: 'Hi' } },
      },
    });
    const delivery = webhookDelivery(event, { secret, appId: sandbox.appId });
    const response = await deliverWebhook(botHandler(secret, connection), delivery);
    expect(response.status).to.equal(200);
    const [reply] = await conversation.messages().first(1);
    expect(reply!.content).to.include({ text: 'Got it' });
  });

  it('refuses a delivery without the right X-API-Key', async () => {
    const delivery = webhookDelivery('conversation:message', { secret: 'wrong-secret-not-real' });
    const response = await deliverWebhook(botHandler(secret, connection), delivery);
    expect(response.status).to.equal(401);
  });
});
