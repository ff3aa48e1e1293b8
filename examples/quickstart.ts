/**
 * The seed flows of smooch-record, in order: provision an app, key and integration; pre-create and update a
 * user; post as the user and as the business; send an image; ensure a webhook and receive its delivery; link
 * a client; show a typed error. `examples/run.ts` runs it against the sandbox (or the real API).
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import {
  App,
  AppUser,
  Client,
  type Connection,
  Integration,
  Key,
  Notification,
  NotFoundError,
  Webhook,
} from '../lib/index.js';

/** What the quickstart runs with: an account key to provision with (optional), else an app connection. */
export interface QuickstartOptions {
  /** Account-scope connection: provisions a new app, key and integration and uses them. */
  account?: Connection;
  /** App-scope connection to use when there is no account connection (real API with an app key). */
  app?: Connection;
  /** Whether deliveries can reach a listener on 127.0.0.1 (true for the sandbox, not for the real API). */
  localWebhooks: boolean;
  log?: (line: string) => void;
}

/** Runs the seed flows and resolves when done (rejects on the first unexpected error). */
export async function quickstart(options: QuickstartOptions): Promise<void> {
  const log = options.log ?? console.log;
  const connection = options.account ? await provision(options.account, log) : options.app!;
  const c = { connection };

  const user = await AppUser.findOrCreate({ externalId: 'b6518', profile: { givenName: 'Bob' } }, c);
  user.profile.email = 'bob@example.com';
  await user.save();
  log(`2. user ${user.externalId} (${user.id}) pre-created; profile.email saved: ${user.profile.email}`);

  const conversation = await user.conversation();
  const asked = await conversation.reply('Is Smooch any good?', { as: user });
  log(`3. ${user.profile.givenName} said: "${text(asked.content)}"`);
  const answer = await conversation.reply({ type: 'text', text: 'Yes!' });
  log(`4. the business replied: "${text(answer.content)}"`);

  const image = await conversation.replyWithMedia(tinyPng(), {
    filename: 'pixel.png',
    mediaType: 'image/png',
  });
  const media = image.content as { mediaUrl?: string; mediaType?: string };
  log(`5. sent an image (${media.mediaType}): ${media.mediaUrl}`);

  if (options.localWebhooks) await webhookRoundTrip(conversation, user, c, log);
  else log('6. webhook: skipped (the real API cannot reach a listener on 127.0.0.1)');

  const [channel] = await Integration.all({ types: ['twilio'] }, c).first(1);
  if (channel) {
    const client = await Client.create(
      user,
      {
        matchCriteria: { type: 'twilio', integrationId: channel.id, phoneNumber: '+15550100' },
        confirmation: { type: 'immediate' },
        target: { conversationId: conversation.id },
      },
      c,
    );
    log(`7. linked a ${client.type} client (${client.externalId}): ${client.status}`);
  } else {
    log('7. client: skipped (the app has no twilio integration to link)');
  }

  try {
    await AppUser.find('no-such-user', c);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    log(`8. typed error: ${error.name} ${error.status} ${error.code}`);
  }
}

/** Provisions with the account key: a new app, an app key, a Twilio integration; answers the app's connection. */
async function provision(account: Connection, log: (line: string) => void): Promise<Connection> {
  const app = await App.create({ displayName: 'smooch-record quickstart' }, { connection: account });
  const key = await Key.create({ displayName: 'quickstart' }, { connection: account, appId: app.id });
  const connection = key.connect();
  const twilio = await Integration.create(
    {
      type: 'twilio',
      accountSid: 'AC-sandbox',
      authToken: 'sandbox-token-not-real',
      phoneNumberSid: 'PN-sandbox',
    },
    { connection },
  );
  log(`1. provisioned app ${app.id} with key ${key.id} and a ${twilio.type} integration`);
  return connection;
}

/** Ensures a webhook to a local listener, posts a message, and waits for the delivery, parsed by Notification. */
async function webhookRoundTrip(
  conversation: Awaited<ReturnType<AppUser['conversation']>>,
  user: AppUser,
  c: { connection: Connection },
  log: (line: string) => void,
): Promise<void> {
  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  const listener = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  try {
    const target = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/hooks`;
    const webhook = await Webhook.ensure({ target, triggers: ['conversation:message'] }, c);
    const received = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no webhook delivery within 5 s')), 5000);
      handle = Notification.handler({
        secret: webhook.secret!,
        connection: c.connection,
        on: {
          'conversation:message': (event) => {
            clearTimeout(timer);
            resolve(`${event.message.author.type} "${text(event.message.content)}"`);
          },
        },
      });
    });
    await conversation.reply('Ping for the webhook', { as: user });
    log(`6. webhook ${webhook.id} received conversation:message from ${await received} (X-API-Key verified)`);
  } finally {
    listener.close();
    listener.closeAllConnections(); // the sandbox keeps its delivery connection alive; do not wait for it
  }
}

function text(content: unknown): string {
  return String((content as { text?: unknown } | undefined)?.text ?? '');
}

/** A 2x2 PNG made in memory (signature, IHDR, IDAT, IEND), so the example needs no file. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255]);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
