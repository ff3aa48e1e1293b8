// Every conversation, message, activity and participant operation, sent to a Prism mock of the official
// OpenAPI document: Prism rejects any request the document does not allow, so each call proves its wire shape.
import { expect } from 'chai';
import { Conversation } from '../../lib/models/conversation.js';
import { Content, TextContent } from '../../lib/models/content/index.js';
import { Message } from '../../lib/models/message.js';
import { Participant } from '../../lib/models/participant.js';
import { describeContract } from './prism.js';

const USER_ID = '5963c0d619a30a2e00de36b8';

describeContract('conversations', (ctx) => {
  const options = () => ({ connection: ctx.connection(), appId: ctx.appId });
  const conversation = () => Conversation.find('67a0ecf8f0305f4a391e9db1', options());

  it('CreateConversation, GetConversation, ListConversations, UpdateConversation, DeleteConversation', async () => {
    const created = await Conversation.create(
      {
        type: 'personal',
        participants: [{ userId: USER_ID }],
        displayName: 'Support',
        metadata: { tier: 'gold' },
      },
      options(),
    );
    expect(created).to.be.instanceOf(Conversation);
    expect(created.id).to.be.a('string');

    const found = await Conversation.find(created.id, options());
    expect(found.createdAt).to.be.instanceOf(Date);

    const listed = await Conversation.all({ userId: USER_ID }, options()).first(5);
    expect(listed[0]).to.be.instanceOf(Conversation);
    await Conversation.all({ userExternalId: 'b6518' }, { ...options(), pageSize: 10 }).first(1);

    found.displayName = 'VIP';
    found.metadata = { tier: 'platinum' };
    await found.save();
    await found.delete();
  });

  it('PostMessage as business and as user, with content classes and plain objects', async () => {
    const c = await conversation();
    const message = await c.reply('Hello!');
    expect(message).to.be.instanceOf(Message);
    expect(message.content).to.be.instanceOf(Content);
    await c.reply(TextContent.of('Pick one', { actions: [{ type: 'reply', text: 'Yes', payload: 'YES' }] }), {
      as: { userId: USER_ID },
      metadata: { source: 'contract' },
    });
    await c.reply(
      { type: 'location', coordinates: { lat: 45.5, long: -73.5 } },
      {
        destination: { integrationType: 'none' },
      },
    );
  });

  it('ListMessages, DeleteMessage, DeleteAllMessages', async () => {
    const c = await conversation();
    const [newest] = await c.messages().first(1);
    expect(newest).to.be.instanceOf(Message);
    expect(newest!.received).to.be.instanceOf(Date);
    await newest!.delete();
    await c.deleteMessages();
  });

  it('PostActivity: typing and read', async () => {
    const c = await conversation();
    await c.typing(true);
    await c.typing(false);
    await c.markRead();
    await c.markRead({ as: { userId: USER_ID } });
  });

  it('ListParticipants, JoinConversation, LeaveConversation', async () => {
    const c = await conversation();
    const [first] = await c.participants().first(1);
    expect(first).to.be.instanceOf(Participant);
    const joined = await c.join({ userId: USER_ID }, { subscribeSDKClient: true });
    expect(joined).to.be.instanceOf(Participant);
    await c.leave(joined);
    await c.leave({ userExternalId: 'b6518' });
    await c.leave({ userId: USER_ID });
  });

  it('UploadAttachment then PostMessage (replyWithMedia)', async () => {
    const c = await conversation();
    const message = await c.replyWithMedia(Buffer.from('fake-jpeg-bytes'), {
      filename: 'photo.jpg',
      altText: 'A photo',
    });
    expect(message).to.be.instanceOf(Message);
  });
});
