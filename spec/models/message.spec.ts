import { inspect } from 'node:util';
import { expect } from 'chai';
import nock from 'nock';
import { NotFoundError } from '../../lib/errors.js';
import { hydrate } from '../../lib/model.js';
import { ImageContent, TextContent } from '../../lib/models/content/index.js';
import { Author, Message, withConversation } from '../../lib/models/message.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';
import { rejectionOf } from '../support/rejection.js';

const CONVO = '67a0ecf8f0305f4a391e9db1';
const plain = {
  id: '5f74c7d84a146f3abd72af1d',
  received: '2020-09-30T18:00:56.820Z',
  author: {
    type: 'user',
    userId: '26508c10541a4b0ff472e5e2',
    displayName: 'Steve Rogers',
    user: { id: 'u1' },
  },
  content: { type: 'text', text: 'hello', actions: [{ type: 'reply', text: 'Yes', payload: 'YES' }] },
  source: { type: 'telegram', integrationId: '5ec69c6e12dda33be985cb1a', originalMessageId: '374' },
  quotedMessage: null,
  metadata: { lang: 'en' },
  futureField: { kept: true },
};

describe('Message', () => {
  const connection = testConnection();
  const message = () => withConversation(hydrate(Message, plain, { connection, appId: APP_ID }), CONVO);

  it('hydrates a typed author, typed content and a Date, keeping every other field', () => {
    const m = message();
    expect(m.author).to.be.instanceOf(Author);
    expect(m.author.displayName).to.equal('Steve Rogers');
    expect(m.content).to.be.instanceOf(TextContent);
    expect((m.content as TextContent).actions).to.deep.equal(plain.content.actions);
    expect(m.received).to.be.instanceOf(Date);
    expect(m.received!.toISOString()).to.equal(plain.received);
    expect(m.toJSON()).to.deep.equal(plain);
  });

  it('picks the content class by content.type', () => {
    const image = hydrate(
      Message,
      { ...plain, content: { type: 'image', mediaUrl: 'https://example.org/a.jpg', mediaSize: 10 } },
      { connection, appId: APP_ID },
    );
    expect(image.content).to.be.instanceOf(ImageContent);
    expect((image.content as ImageContent).mediaSize).to.equal(10);
  });

  it('knows its conversation without showing it as a wire field', () => {
    const m = message();
    expect(m.conversationId).to.equal(CONVO);
    expect(Object.keys(m)).to.not.include('conversationId');
    expect(JSON.stringify(m)).to.not.include(CONVO);
    expect(inspect(m)).to.not.include(CONVO);
    expect(() => {
      (m as { conversationId: string }).conversationId = 'other';
    }).to.throw(TypeError);
    expect(m.conversationId).to.equal(CONVO);
    expect(Object.getOwnPropertySymbols(m)).to.deep.equal([]);
  });

  it('has no find: the API has no "get one message"', () => {
    expect((Message as unknown as Record<string, unknown>).find).to.equal(undefined);
  });

  describe('#delete', () => {
    it('DELETEs the message in its conversation', async () => {
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .delete(`/v2/apps/${APP_ID}/conversations/${CONVO}/messages/${plain.id}`)
        .reply(200, {});
      await message().delete();
      expect(scope.isDone()).to.equal(true);
    });

    it('surfaces a 404 as NotFoundError', async () => {
      nock(BASE)
        .delete(`/v2/apps/${APP_ID}/conversations/${CONVO}/messages/${plain.id}`)
        .reply(404, { errors: [{ code: 'conversation_not_found', title: 'Conversation not found' }] });
      const error = await message()
        .delete()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).to.be.instanceOf(NotFoundError);
    });

    it('refuses to guess a conversation it was not given (a rejection, before any request)', async () => {
      const orphan = hydrate(Message, plain, { connection, appId: APP_ID });
      const error = await rejectionOf(orphan.delete());
      expect(error)
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.includes('does not know its conversation');
    });
  });
});
