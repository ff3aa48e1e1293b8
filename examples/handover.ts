/**
 * `npm run example:handover`: a bot hands a conversation over to human agents and gets it back, through the
 * switchboard, against the built-in sandbox. The bot and the agent desk are two custom integrations, each with
 * its own webhook and its own integration key; the switchboard routes the user's messages to whichever of them
 * is active (neither hears the user while on standby).
 */
import { once, EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AppUser,
  Connection,
  Conversation,
  IntegrationKey,
  Notification,
  Switchboard,
  SwitchboardIntegration,
  Webhook,
} from '../lib/index.js';
import { startSandbox } from '../lib/sandbox/index.js';
import type { WebhookTrigger } from '../lib/webhooks/triggers.js';

const steps = new EventEmitter();
const text = (content: unknown) => String((content as { text?: unknown } | undefined)?.text ?? '');

/** One side of the handover: a custom integration with its webhook and a connection acting with its own key. */
async function integration(app: Connection, target: string, triggers: WebhookTrigger[]) {
  const webhook = await Webhook.ensure({ target, triggers }, { connection: app });
  const key = await IntegrationKey.create(
    webhook.integrationId,
    { displayName: 'handover' },
    { connection: app },
  );
  const connection = app.with({ keyId: key.id, secret: key.secret!, scope: 'integration' });
  return { integrationId: webhook.integrationId, secret: webhook.secret!, connection };
}

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  const hooks = createServer((req, res) => (req.url === '/bot' ? bot : agents)(req, res));
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  console.log(`sandbox: ${sandbox.url}`);
  const { keyId, secret, appId } = sandbox;
  const app = new Connection({ keyId, secret, appId, baseUrl: sandbox.url });
  const botSide = await integration(app, `${base}/bot`, [
    'conversation:message',
    'switchboard:releaseControl',
  ]);
  const deskSide = await integration(app, `${base}/agents`, [
    'conversation:message',
    'switchboard:passControl',
  ]);

  // The switchboard: the bot answers first and passes to the agents, who pass back to the bot.
  const c = { connection: app };
  const switchboard = await Switchboard.create(c);
  const botSb = await SwitchboardIntegration.create(
    switchboard.id,
    { name: 'bot', integrationId: botSide.integrationId, deliverStandbyEvents: false },
    c,
  );
  const deskSb = await SwitchboardIntegration.create(
    switchboard.id,
    { name: 'agents', integrationId: deskSide.integrationId, deliverStandbyEvents: false },
    c,
  );
  deskSb.nextSwitchboardIntegrationId = botSb.id;
  await deskSb.save();
  botSb.nextSwitchboardIntegrationId = deskSb.id;
  await botSb.save();
  switchboard.defaultSwitchboardIntegrationId = botSb.id;
  switchboard.enabled = true;
  await switchboard.save();
  console.log(`1. switchboard enabled: bot (default, next: agents), agents (next: bot)`);

  // The bot: answers, and passes control to the agents when asked for a human.
  const bot = Notification.handler({
    secret: botSide.secret,
    connection: botSide.connection,
    on: {
      'conversation:message': async ({ message, conversation }) => {
        if (message.author.type !== 'user') return;
        if (!/agent|human/i.test(text(message.content))) {
          await conversation.reply('I am a bot. Type "agent" to talk to a human.');
          return void steps.emit('bot answered', 'bot: "I am a bot. Type "agent" to talk to a human."');
        }
        await conversation.reply('Passing you to a human agent.');
        await conversation.passControl('agents', { metadata: { reason: 'user asked', priority: 2 } });
        steps.emit('bot passed', 'bot: "Passing you to a human agent." and passControl(agents)');
      },
      'switchboard:releaseControl': ({ conversation, metadata }) =>
        void steps.emit(
          'released',
          `bot heard switchboard:releaseControl ${JSON.stringify(metadata)}`,
          conversation,
        ),
    },
  });

  // The agent desk: greets the user it was handed with what the bot sent along, then releases control.
  const agents = Notification.handler({
    secret: deskSide.secret,
    connection: deskSide.connection,
    on: {
      'switchboard:passControl': async ({ conversation, metadata }) => {
        await conversation.reply('Hi, this is Sam from support. How can I help?');
        steps.emit('agent greeted', `agents heard switchboard:passControl ${JSON.stringify(metadata)}`);
      },
      'conversation:message': async ({ message, conversation }) => {
        if (message.author.type !== 'user') return;
        await conversation.reply('Your order ships today. Handing you back to the bot.');
        await conversation.releaseControl({ metadata: { resolved: true } });
        steps.emit('agent released', 'agents: "Your order ships today." and releaseControl()');
      },
    },
  });

  try {
    const user = await AppUser.create({ externalId: 'ana', profile: { givenName: 'Ana' } }, c);
    const conversation = await user.conversation();
    const say = async (words: string, step: string) => {
      const done = once(steps, step);
      await conversation.reply(words, { as: user });
      console.log(`Ana: "${words}"`);
      const [line] = (await done) as [string];
      const { activeSwitchboardIntegration } = await Conversation.find(conversation.id, c);
      const active = (activeSwitchboardIntegration as { name?: string } | null)?.name ?? 'none';
      console.log(`  ${line}; active: ${active}`);
    };
    await say('Hi, where is my order?', 'bot answered');
    const greeted = once(steps, 'agent greeted');
    await say('I want a human agent', 'bot passed');
    console.log(`  ${((await greeted) as [string])[0]}`);
    const released = once(steps, 'released');
    await say('Thanks, that is all', 'agent released');
    console.log(`  ${((await released) as [string])[0]}`);
    await say('One more question', 'bot answered');
    const transcript = await conversation.messages().toArray({ limit: 20 });
    console.log(`${transcript.length} messages in the conversation`);
    console.log('done');
  } finally {
    hooks.close();
    hooks.closeAllConnections();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(`handover example failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
