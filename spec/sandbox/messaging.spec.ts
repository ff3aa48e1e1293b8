// Users, conversations, messages, participants, clients, devices and attachments, through the library: state
// that persists between calls, and the API's errors (404 codes, 409, 400) as typed errors.
import { expect } from 'chai';
import { BadRequestError, ConflictError, LockedError, NotFoundError } from '../../lib/errors.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Attachment } from '../../lib/models/attachment.js';
import { Client } from '../../lib/models/client.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Device } from '../../lib/models/device.js';
import { Integration } from '../../lib/models/integration.js';
import { path } from '../../lib/path.js';
import { rejectionOf, useSandbox } from './support/fixture.js';
import { PNG } from './support/scenario.js';

describe('sandbox: users, conversations and messages through the library', () => {
  const fixture = useSandbox({ messageLimit: 240 });
  const c = () => ({ connection: fixture().app() });

  it('creates, finds (by id or externalId), updates and deletes users; 409 on a duplicate externalId', async () => {
    const created = await AppUser.create(
      { externalId: 'u-crud', profile: { givenName: 'Una' }, metadata: { a: 1 } },
      c(),
    );
    expect(created.id).to.match(/^[0-9a-f]{24}$/);
    expect(await rejectionOf(AppUser.create({ externalId: 'u-crud' }, c()))).to.be.instanceOf(ConflictError);
    created.profile.surname = 'Crud';
    created.metadata.b = 2;
    await created.save();
    const found = await AppUser.find('u-crud', c());
    expect(found.id).to.equal(created.id);
    expect(found.profile).to.deep.include({ givenName: 'Una', surname: 'Crud' });
    expect(found.metadata).to.deep.equal({ a: 1, b: 2 });
    expect(await AppUser.findByEmail('una@example.com', c())).to.deep.equal([]);
    await found.delete();
    const missing = await rejectionOf(AppUser.find(created.id, c()));
    expect(missing).to.be.instanceOf(NotFoundError);
    expect((missing as NotFoundError).code).to.equal('user_not_found');
  });

  it("gives a user one default personal conversation, and lists a user's conversations", async () => {
    const user = await AppUser.create({ externalId: 'u-convo' }, c());
    const first = await user.conversation();
    const again = await user.conversation();
    expect(first.id).to.equal(again.id);
    expect(first).to.include({ type: 'personal', isDefault: true });
    const listed = await Conversation.all({ userExternalId: 'u-convo' }, c()).toArray({ limit: 10 });
    expect(listed.map((conversation) => conversation.id)).to.deep.equal([first.id]);
    const error = await rejectionOf(first.delete());
    expect(error).to.be.instanceOf(BadRequestError);
    const unknown = await rejectionOf(Conversation.find('000000000000000000000000', c()));
    expect((unknown as NotFoundError).code).to.equal('conversation_not_found');
  });

  it('pages messages newest first, 100 a page, going back with page[before]; 423 locked when full', async () => {
    const user = await AppUser.create({ externalId: 'u-pages' }, c());
    const conversation = await user.conversation();
    for (let i = 1; i <= 230; i++) await conversation.reply(`m${i}`, i % 2 ? { as: user } : {});
    const texts = (await conversation.messages().toArray({ limit: 1000 })).map(
      (m) => (m.content as unknown as { text: string }).text,
    );
    expect(texts).to.have.length(230);
    expect(texts.slice(0, 2)).to.deep.equal(['m230', 'm229']);
    expect(texts.at(-1)).to.equal('m1');
    const url = path`/v2/apps/${fixture().sandbox.appId}/conversations/${conversation.id}/messages`;
    type Page = { messages: Array<{ id: string; content: { text: string } }>; meta: Record<string, unknown> };
    const newest = await fixture().app().request<Page>({ method: 'GET', path: url });
    expect(newest.messages).to.have.length(100);
    expect(newest.messages[0]!.content.text).to.equal('m131');
    expect(newest.meta).to.deep.equal({ hasMore: true, beforeCursor: newest.messages[0]!.id });
    const before = (cursor: string) =>
      fixture()
        .app()
        .request<Page>({ method: 'GET', path: url, query: { 'page[before]': cursor } });
    const middle = await before(newest.meta.beforeCursor as string);
    expect(middle.messages.map((m) => m.content.text).slice(0, 1)).to.deep.equal(['m31']);
    expect(middle.meta).to.deep.equal({
      hasMore: true,
      beforeCursor: middle.messages[0]!.id,
      afterCursor: middle.messages[99]!.id,
    });
    const oldest = await before(middle.meta.beforeCursor as string);
    expect(oldest.messages.map((m) => m.content.text)).to.deep.equal(
      Array.from({ length: 30 }, (_, i) => `m${i + 1}`),
    );
    expect(oldest.meta.hasMore).to.equal(false);
    for (let i = 231; i <= 240; i++) await conversation.reply(`m${i}`);
    const locked = await rejectionOf(conversation.reply('one too many'));
    expect(locked).to.be.instanceOf(LockedError);
    expect((locked as LockedError).title).to.equal('Message limit of 240 per conversation reached.');
    await conversation.deleteMessages();
    await conversation.reply('room again');
  });

  it('refuses a user author who is not a participant, and a conversation list without a user filter', async () => {
    const owner = await AppUser.create({ externalId: 'u-owner' }, c());
    const stranger = await AppUser.create({ externalId: 'u-stranger' }, c());
    const conversation = await owner.conversation();
    expect(await rejectionOf(conversation.reply('hi', { as: stranger }))).to.be.instanceOf(BadRequestError);
    const error = await rejectionOf(
      fixture()
        .app()
        .request({ method: 'GET', path: path`/v2/apps/${fixture().sandbox.appId}/conversations` }),
    );
    expect((error as BadRequestError).code).to.equal('bad_request');
  });

  it('runs group conversations: participants join and leave, read receipts reset unread counts', async () => {
    const [ada, bea] = [
      await AppUser.create({ externalId: 'ada' }, c()),
      await AppUser.create({ externalId: 'bea' }, c()),
    ];
    const group = await Conversation.create(
      { type: 'sdkGroup', participants: [{ userId: ada.id }], displayName: 'G', metadata: { a: 1, b: 2 } },
      c(),
    );
    group.metadata!.b = 3;
    await group.save();
    expect((await Conversation.find(group.id, c())).metadata).to.deep.equal({ a: 1, b: 3 });
    await group.join(bea);
    await group.reply('Hello group');
    let participants = await group.participants().toArray({ limit: 10 });
    expect(participants.map((p) => [p.userId, p.unreadCount])).to.deep.equal([
      [ada.id, 1],
      [bea.id, 1],
    ]);
    await group.markRead({ as: bea });
    participants = await group.participants().toArray({ limit: 10 });
    expect(participants.find((p) => p.userId === bea.id)!.unreadCount).to.equal(0);
    await group.leave(ada);
    expect((await group.participants().toArray({ limit: 10 })).map((p) => p.userId)).to.deep.equal([bea.id]);
    await group.delete();
    expect(await rejectionOf(Conversation.find(group.id, c()))).to.be.instanceOf(NotFoundError);
  });

  it('stores uploads in memory, serves them at their mediaUrl, and forgets them when removed', async () => {
    const attachment = await Attachment.upload(PNG, { ...c(), filename: 'dot.png', mediaType: 'image/png' });
    expect(attachment.mediaUrl.startsWith(`${fixture().sandbox.url}/`)).to.equal(true);
    const served = await fetch(attachment.mediaUrl);
    expect(served.headers.get('content-type')).to.equal('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).to.equal(true);
    await Attachment.delete(attachment.mediaUrl, c());
    expect((await fetch(attachment.mediaUrl)).status).to.equal(404);
  });

  it('links clients (pending, then active with immediate confirmation) and lists SDK devices', async () => {
    const user = await AppUser.create({ externalId: 'u-clients' }, c());
    const conversation = await user.conversation();
    const whatsapp = await Integration.create({ type: 'whatsapp' } as never, c());
    const criteria = { type: 'whatsapp', integrationId: whatsapp.id, phoneNumber: '+15550101' };
    const client = await Client.create(
      user,
      {
        matchCriteria: criteria,
        confirmation: { type: 'immediate' },
        target: { conversationId: conversation.id },
      },
      c(),
    );
    expect(client).to.include({ type: 'whatsapp', status: 'pending', externalId: '+15550101' });
    const [listed] = await Client.all(user, c()).toArray({ limit: 10 });
    expect(listed).to.include({ id: client.id, status: 'active' });
    await listed!.delete();
    const gone = await rejectionOf(listed!.delete());
    expect((gone as NotFoundError).code).to.equal('client_not_found');
    fixture().sandbox.simulateSdkLogin('u-clients', { platform: 'ios' });
    const [device] = await Device.all(user, c()).toArray({ limit: 10 });
    expect(device).to.include({ type: 'ios', status: 'active' });
    expect((await Device.find(user, device!.id, c())).id).to.equal(device!.id);
    const [sdk] = await Client.all(user, c()).toArray({ limit: 10 });
    expect(await rejectionOf(sdk!.delete())).to.be.instanceOf(BadRequestError);
    expect(
      ((await rejectionOf(Device.find(user, '000000000000000000000000', c()))) as NotFoundError).code,
    ).to.equal('device_not_found');
  });
});
