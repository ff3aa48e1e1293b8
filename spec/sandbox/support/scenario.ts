// Drives every operation the sandbox serves through the library (and a few raw requests for the errors the
// library refuses to send), so the conformance suite can check each response the wire carried.
import type { Connection } from '../../../lib/connection/connection.js';
import { App } from '../../../lib/models/app.js';
import { AppUser } from '../../../lib/models/app-user.js';
import { Attachment } from '../../../lib/models/attachment.js';
import { Client } from '../../../lib/models/client.js';
import { Conversation } from '../../../lib/models/conversation.js';
import { Device } from '../../../lib/models/device.js';
import { Integration } from '../../../lib/models/integration.js';
import { IntegrationKey } from '../../../lib/models/integration-key.js';
import { Key } from '../../../lib/models/key.js';
import { Webhook } from '../../../lib/models/webhook.js';
import { path } from '../../../lib/path.js';
import type { SandboxFixture } from './fixture.js';

/** A 1x1 transparent PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

const EVENTS = [
  'conversation:create',
  'conversation:message',
  'conversation:join',
  'conversation:leave',
  'conversation:remove',
  'conversation:read',
  'client:add',
  'client:remove',
  'user:remove',
] as const;

/** Every success path, in the order of the seed flows. */
export async function everyOperation(f: SandboxFixture, target: string): Promise<void> {
  const account = f.account();
  const app = await App.create(
    { displayName: 'Conformance', metadata: { team: 'qa' } },
    { connection: account },
  );
  await App.all({}, { connection: account, pageSize: 1 }).toArray({ limit: 3 });
  const found = await App.find(app.id, { connection: account });
  found.settings.multiConvoEnabled = true;
  await found.save();
  const key = await Key.create({ displayName: 'backend' }, { connection: account, appId: app.id });
  await Key.all({ connection: account, appId: app.id }).toArray({ limit: 100 });
  await (await Key.find(key.id, { connection: account, appId: app.id })).jwt();
  await (await Key.create({ displayName: 'spare' }, { connection: account, appId: app.id })).delete();
  await (await App.create({ displayName: 'Throwaway' }, { connection: account })).delete();

  const c = { connection: key.connect() };
  await Integration.create({ type: 'telegram', token: 'test-token-not-real' }, c);
  const twilio = await Integration.create(
    { type: 'twilio', accountSid: 'AC-test', authToken: 'test-token-not-real', phoneNumberSid: 'PN-test' },
    c,
  );
  const whatsapp = await Integration.create({ type: 'whatsapp', displayName: 'WhatsApp' } as never, c);
  await Integration.all({ types: ['twilio', 'whatsapp'] }, { ...c, pageSize: 1 }).toArray({ limit: 5 });
  const sms = await Integration.find(twilio.id, c);
  sms.displayName = 'SMS';
  await sms.save();
  await twilio.delete();

  const hook = await Webhook.ensure({ target, triggers: [...EVENTS], includeFullUser: true }, c);
  const integrationId = hook.integrationId;
  const extra = await Webhook.create(
    { target: `${target}/extra`, triggers: ['user:remove'] },
    { ...c, integrationId },
  );
  await Webhook.all({ ...c, integrationId }).toArray({ limit: 100 });
  const again = await Webhook.find(extra.id, { ...c, integrationId });
  again.triggers = ['conversation:remove'];
  await again.save();
  await again.delete();
  const intKey = await IntegrationKey.create(integrationId, { displayName: 'crm' }, c);
  await IntegrationKey.all(integrationId, c).toArray({ limit: 100 });
  await IntegrationKey.find(integrationId, intKey.id, c);
  const viaIntegration = {
    connection: c.connection.with({ keyId: intKey.id, secret: intKey.secret!, scope: 'integration' }),
  };
  await Webhook.all(viaIntegration).toArray({ limit: 100 });
  await intKey.delete();

  const bob = await AppUser.create(
    { externalId: 'bob', profile: { givenName: 'Bob' }, metadata: { plan: 'free' } },
    c,
  );
  await AppUser.findOrCreate({ externalId: 'bob' }, c);
  bob.profile.email = 'bob@example.com';
  bob.metadata.plan = 'pro';
  await bob.save();
  await AppUser.findByEmail('bob@example.com', c);
  const sue = await AppUser.create({ externalId: 'sue', signedUpAt: new Date('2024-01-02T03:04:05Z') }, c);
  const ann = await AppUser.create({ externalId: 'ann' }, c);
  await (await AppUser.find('sue', c)).deletePersonalInformation();

  const convo = await bob.conversation();
  await AppUser.find(bob.id, c).then((user) => user.conversations().toArray({ limit: 10 }));
  await convo.reply('Hello from Bob', { as: bob });
  const reply = await convo.reply('Hello Bob!');
  await convo.replyWithMedia(PNG, { filename: 'dot.png', mediaType: 'image/png', text: 'A dot' });
  await convo.messages().toArray({ limit: 10 });
  await reply.delete();
  await convo.typing(true);
  await convo.typing(false);
  await convo.markRead();
  await convo.markRead({ as: bob });

  const group = await Conversation.create(
    { type: 'sdkGroup', participants: [{ userId: bob.id }, { userExternalId: 'sue' }], displayName: 'Team' },
    c,
  );
  const fetched = await Conversation.find(group.id, c);
  fetched.description = 'The whole team';
  fetched.metadata = { topic: 'launch' };
  await fetched.save();
  await Conversation.all({ userId: sue.id }, c).toArray({ limit: 10 });
  await group.join(ann, { subscribeSDKClient: false });
  await group.participants({ pageSize: 2 }).toArray({ limit: 10 });
  await group.reply('Welcome, team');
  await group.leave({ userExternalId: 'ann' });
  await group.deleteMessages();
  await group.delete();

  const upload = await Attachment.upload(PNG, { ...c, filename: 'dot.png', mediaType: 'image/png' });
  await Attachment.delete(upload.mediaUrl, c);
  const client = await Client.create(
    bob,
    {
      matchCriteria: { type: 'whatsapp', integrationId: whatsapp.id, phoneNumber: '+15550100' },
      confirmation: { type: 'immediate' },
      target: { conversationId: convo.id },
    },
    c,
  );
  await Client.all(bob, { ...c, pageSize: 5 }).toArray({ limit: 10 });
  await client.delete();
  f.sandbox.simulateSdkLogin(bob.id, { appId: app.id });
  const [device] = await Device.all(bob, c).toArray({ limit: 100 });
  await Device.find(bob, device!.id, c);
  await ann.delete();
  await c.connection.request({ method: 'GET', path: path`/v2/apps/${app.id}/users/${sue.id}` });
}

/** The error paths: 400, 401, 403, 404, 409 (each through a raw request, so nothing is refused client-side). */
export async function everyError(f: SandboxFixture): Promise<void> {
  const appConnection = f.app();
  const a = f.sandbox.appId;
  const attempts: Array<[Connection, 'GET' | 'POST' | 'DELETE', string, object?]> = [
    [f.app({ secret: 'wrong-secret-not-real' }), 'GET', path`/v2/apps/${a}`],
    [f.app({ auth: 'basic', secret: 'wrong-secret-not-real' }), 'GET', path`/v2/apps/${a}`],
    [appConnection, 'POST', '/v2/apps', { displayName: 'Nope' }],
    [appConnection, 'GET', '/v2/apps'],
    [appConnection, 'GET', path`/v2/apps/${a}/keys`],
    [f.account(), 'GET', path`/v2/apps/${'000000000000000000000000'}`],
    [f.account(), 'POST', '/v2/apps', {}],
    [appConnection, 'GET', path`/v2/apps/${a}/users/${'nobody'}`],
    [appConnection, 'GET', path`/v2/apps/${a}/users`],
    [appConnection, 'POST', path`/v2/apps/${a}/users`, { externalId: 'dup' }],
    [appConnection, 'POST', path`/v2/apps/${a}/users`, { externalId: 'dup' }],
    [appConnection, 'GET', path`/v2/apps/${a}/conversations`],
    [appConnection, 'GET', path`/v2/apps/${a}/conversations/${'000000000000000000000001'}`],
    [appConnection, 'GET', path`/v2/apps/${a}/conversations/${'000000000000000000000001'}/messages`],
    [appConnection, 'GET', path`/v2/apps/${a}/integrations?page[size]=500`],
    [appConnection, 'GET', path`/v2/apps/${a}/integrations/${'000000000000000000000002'}`],
    [appConnection, 'POST', path`/v2/apps/${a}/integrations`, { type: 'carrier-pigeon' }],
    [appConnection, 'GET', path`/v2/apps/${a}/users/${'dup'}/devices/${'000000000000000000000003'}`],
    [appConnection, 'DELETE', path`/v2/apps/${a}/users/${'dup'}/clients/${'000000000000000000000004'}`],
    [appConnection, 'POST', path`/v2/apps/${a}/users/${'dup'}/sync`, {}],
  ];
  for (const [connection, method, url, json] of attempts) {
    const [pathname, search] = url.split('?');
    const query = Object.fromEntries(new URLSearchParams(search ?? ''));
    await connection.request({ method, path: pathname!, query, json }).catch(() => undefined);
  }
}
