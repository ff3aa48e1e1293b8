import { expect } from 'chai';
import { LockedError } from '../../lib/errors.js';
import { hydrate } from '../../lib/model.js';
import { AppUser } from '../../lib/models/app-user.js';
import { FileContent, ImageContent, TextContent } from '../../lib/models/content/index.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Author, Message } from '../../lib/models/message.js';
import { Participant } from '../../lib/models/participant.js';
import { api, APP_ID, testConnection } from '../support/fixtures.js';
import { trap } from '../support/nock-traps.js';
import { rejectionOf } from '../support/rejection.js';

const CONVO = '67a0ecf8f0305f4a391e9db1';
const USER_ID = '5963c0d619a30a2e00de36b8';
const URL = `/v2/apps/${APP_ID}/conversations/${CONVO}`;
const MEDIA_URL = 'https://subdomain.zendesk.com/sc/attachments/v2/01JK699PBZ645YAFJW2RF45F0B/photo.jpg';

const conversationPlain = {
  id: CONVO,
  type: 'personal',
  isDefault: false,
  displayName: 'Support',
  metadata: { tier: 'gold' },
  lastUpdatedAt: '2025-02-03T16:21:12.308Z',
  createdAt: '2025-02-03T16:21:12.308Z',
};

function messagePlain(
  id: string,
  content: Record<string, unknown>,
  author: Record<string, unknown> = { type: 'business' },
) {
  return { id, received: '2020-09-30T13:46:02.733Z', author, content, source: { type: 'api:conversations' } };
}

describe('Conversation', () => {
  const connection = testConnection();
  const conversation = () => hydrate(Conversation, conversationPlain, { connection, appId: APP_ID });

  describe('.find', () => {
    it('GETs the conversation and hydrates it with dates', async () => {
      const scope = api().get(URL).reply(200, { conversation: conversationPlain });
      const found = await Conversation.find(CONVO, { connection });
      expect(scope.isDone()).to.equal(true);
      expect(found).to.be.instanceOf(Conversation);
      expect(found.createdAt).to.be.instanceOf(Date);
      expect(found.createdAt!.toISOString()).to.equal('2025-02-03T16:21:12.308Z');
      expect(found.toJSON()).to.deep.equal(conversationPlain);
      expect(found.connection).to.equal(connection);
    });

    it('refuses an empty id before any request', async () => {
      expect(await rejectionOf(Conversation.find('', { connection }))).to.be.instanceOf(TypeError);
    });
  });

  describe('.all', () => {
    it('requires exactly one of userId / userExternalId, before any request', () => {
      for (const filter of [undefined, {}, { userId: '' }, { userId: 'a', userExternalId: 'b' }]) {
        expect(() => Conversation.all(filter as never, { connection }))
          .to.throw(TypeError)
          .with.property('message')
          .that.matches(/needs exactly one of \{ userId \} or \{ userExternalId \}/);
      }
    });

    it('lists a user’s conversations by filter[userId], following cursors', async () => {
      const second = { ...conversationPlain, id: '67a0ecf8f0305f4a391e9db2' };
      const scope = api()
        .get(`/v2/apps/${APP_ID}/conversations`)
        .query({ 'filter[userId]': USER_ID })
        .reply(200, { conversations: [conversationPlain], meta: { hasMore: true, afterCursor: CONVO } })
        .get(`/v2/apps/${APP_ID}/conversations`)
        .query({ 'filter[userId]': USER_ID, 'page[after]': CONVO })
        .reply(200, { conversations: [second], meta: { hasMore: false } });
      const all = await Conversation.all({ userId: USER_ID }, { connection }).toArray({ limit: 10 });
      expect(scope.isDone()).to.equal(true);
      expect(all.map((c) => c.id)).to.deep.equal([CONVO, second.id]);
      expect(all[1]).to.be.instanceOf(Conversation);
    });

    it('filters by filter[userExternalId] with a page size', async () => {
      const scope = api()
        .get(`/v2/apps/${APP_ID}/conversations`)
        .query({ 'filter[userExternalId]': 'b6518', 'page[size]': 10 })
        .reply(200, { conversations: [conversationPlain], meta: { hasMore: false } });
      const [first] = await Conversation.all({ userExternalId: 'b6518' }, { connection, pageSize: 10 }).first(
        1,
      );
      expect(scope.isDone()).to.equal(true);
      expect(first!.id).to.equal(CONVO);
    });
  });

  describe('.create', () => {
    it('POSTs the fields, turning AppUsers into { userId }', async () => {
      const user = hydrate(AppUser, { id: USER_ID, externalId: 'b6518' }, { connection, appId: APP_ID });
      const scope = api()
        .post(`/v2/apps/${APP_ID}/conversations`, {
          type: 'sdkGroup',
          participants: [{ userId: USER_ID }, { userExternalId: 'alice', subscribeSDKClient: true }],
          displayName: 'Team',
          metadata: { lang: 'en' },
        })
        .reply(201, { conversation: { ...conversationPlain, type: 'sdkGroup' } });
      const created = await Conversation.create(
        {
          type: 'sdkGroup',
          participants: [user, { userExternalId: 'alice', subscribeSDKClient: true }],
          displayName: 'Team',
          metadata: { lang: 'en' },
        },
        { connection },
      );
      expect(scope.isDone()).to.equal(true);
      expect(created).to.be.instanceOf(Conversation);
      expect(created.type).to.equal('sdkGroup');
    });

    it('needs a type and well-formed participants, before any request', async () => {
      expect(await rejectionOf(Conversation.create({} as never, { connection }))).to.be.instanceOf(TypeError);
      const bad = { type: 'personal' as const, participants: [{ name: 'bob' } as never] };
      expect(await rejectionOf(Conversation.create(bad, { connection })))
        .to.be.instanceOf(TypeError)
        .with.property('message', 'Each participant must be an AppUser, { userId } or { userExternalId }');
    });
  });

  describe('#save / #delete', () => {
    it('PATCHes only what changed, and nothing when nothing did', async () => {
      const c = conversation();
      expect(c.isDirty).to.equal(false);
      await c.save(); // no interceptor: a request would fail
      c.displayName = 'VIP';
      c.metadata!.tier = 'platinum';
      const scope = api()
        .patch(URL, { displayName: 'VIP', metadata: { tier: 'platinum' } })
        .reply(200, {
          conversation: { ...conversationPlain, displayName: 'VIP', metadata: { tier: 'platinum' } },
        });
      const saved = await c.save();
      expect(scope.isDone()).to.equal(true);
      expect(saved).to.equal(c);
      expect(c.displayName).to.equal('VIP');
      expect(c.isDirty).to.equal(false);
    });

    it('DELETEs the conversation', async () => {
      const scope = api().delete(URL).reply(200, {});
      await conversation().delete();
      expect(scope.isDone()).to.equal(true);
    });
  });

  describe('#reply', () => {
    it('posts a string as a text message from the business and returns the Message', async () => {
      const scope = api()
        .post(`${URL}/messages`, { author: { type: 'business' }, content: { type: 'text', text: 'Yes!' } })
        .reply(201, { messages: [messagePlain('m1', { type: 'text', text: 'Yes!' })] });
      const message = await conversation().reply('Yes!');
      expect(scope.isDone()).to.equal(true);
      expect(message).to.be.instanceOf(Message);
      expect(message.author).to.be.instanceOf(Author);
      expect(message.content).to.be.instanceOf(TextContent);
      expect((message.content as TextContent).text).to.equal('Yes!');
      expect(message.received).to.be.instanceOf(Date);
      expect(message.conversationId).to.equal(CONVO);
      expect(message.connection).to.equal(connection);
      expect(message.toJSON()).to.deep.equal(messagePlain('m1', { type: 'text', text: 'Yes!' }));
    });

    it('posts as a user given an AppUser', async () => {
      const user = hydrate(AppUser, { id: USER_ID, externalId: 'b6518' }, { connection, appId: APP_ID });
      const author = { type: 'user', userId: USER_ID };
      const scope = api()
        .post(`${URL}/messages`, { author, content: { type: 'text', text: 'Is Smooch any good?' } })
        .reply(201, {
          messages: [messagePlain('m1', { type: 'text', text: 'Is Smooch any good?' }, author)],
        });
      const message = await conversation().reply('Is Smooch any good?', { as: user });
      expect(scope.isDone()).to.equal(true);
      expect(message.author.type).to.equal('user');
      expect(message.author.userId).to.equal(USER_ID);
    });

    it('posts as { userId } or { userExternalId, brandId }', async () => {
      const scope = api()
        .post(`${URL}/messages`, {
          author: { type: 'user', userId: USER_ID },
          content: { type: 'text', text: 'a' },
        })
        .reply(201, { messages: [messagePlain('m1', { type: 'text', text: 'a' })] })
        .post(`${URL}/messages`, {
          author: { type: 'user', userExternalId: 'b6518', brandId: '9477922990333' },
          content: { type: 'text', text: 'b' },
        })
        .reply(201, { messages: [messagePlain('m2', { type: 'text', text: 'b' })] });
      await conversation().reply('a', { as: { userId: USER_ID } });
      await conversation().reply('b', { as: { userExternalId: 'b6518', brandId: '9477922990333' } });
      expect(scope.isDone()).to.equal(true);
    });

    it('sends content classes and plain objects alike, with destination, metadata, override and schema', async () => {
      const actions = [{ type: 'reply', text: 'Yes', payload: 'YES' }];
      const content = { type: 'text', text: 'Pick one', actions };
      const extra = {
        destination: { integrationType: 'whatsapp' },
        metadata: { ticket: 42 },
        override: { whatsapp: { payload: { type: 'text' } } },
        schema: 'whatsapp',
      };
      const scope = api()
        .post(`${URL}/messages`, { author: { type: 'business' }, content, ...extra })
        .twice()
        .reply(201, { messages: [messagePlain('m1', content)] });
      await conversation().reply(TextContent.of('Pick one', { actions }), extra);
      await conversation().reply({ type: 'text', text: 'Pick one', actions }, extra);
      expect(scope.isDone()).to.equal(true);
    });

    it('refuses bad content or author before any request', async () => {
      const c = conversation();
      expect(await rejectionOf(c.reply(''))).to.be.instanceOf(TypeError);
      expect(await rejectionOf(c.reply({ text: 'no type' } as never)))
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.matches(/needs a 'type'/);
      expect(await rejectionOf(c.reply(42 as never))).to.be.instanceOf(TypeError);
      expect(await rejectionOf(c.reply('hi', { as: {} as never })))
        .to.be.instanceOf(TypeError)
        .with.property('message', '`as` must be an AppUser, { userId } or { userExternalId }');
    });

    it('turns 423 into a LockedError that names the 30,000-message limit and deleteMessages()', async () => {
      api()
        .post(`${URL}/messages`)
        .reply(423, {
          errors: [{ code: 'locked', title: 'Message limit of 30000 per conversation reached.' }],
        });
      const error = await rejectionOf(conversation().reply('One too many'));
      expect(error).to.be.instanceOf(LockedError);
      expect((error as LockedError).code).to.equal('locked');
      expect(error.message).to.include('30,000-message limit');
      expect(error.message).to.include('conversation.deleteMessages()');
    });
  });

  describe('#replyAll', () => {
    it('returns every message the post created', async () => {
      const template = { type: 'template', template: { name: 'hello_world' } };
      api()
        .post(`${URL}/messages`, { author: { type: 'business' }, content: template, schema: 'whatsapp' })
        .reply(201, {
          messages: [messagePlain('m1', { type: 'text', text: 'Lead' }), messagePlain('m2', template)],
        });
      const messages = await conversation().replyAll(template, { schema: 'whatsapp' });
      expect(messages.map((m) => m.id)).to.deep.equal(['m1', 'm2']);
      expect(messages.every((m) => m.conversationId === CONVO)).to.equal(true);
    });
  });

  describe('#replyWithMedia', () => {
    function upload(mediaType: string, mediaUrl = MEDIA_URL) {
      return api()
        .post(`/v2/apps/${APP_ID}/attachments`)
        .query({ access: 'public', for: 'message', conversationId: CONVO })
        .reply(201, { attachment: { mediaUrl, mediaType } });
    }

    it('uploads an image to the conversation, then posts an image message', async () => {
      const uploaded = upload('image/jpeg');
      const content = { type: 'image', mediaUrl: MEDIA_URL, altText: 'A receipt' };
      const posted = api()
        .post(`${URL}/messages`, { author: { type: 'business' }, content })
        .reply(201, { messages: [messagePlain('m1', { ...content, mediaType: 'image/jpeg' })] });
      const message = await conversation().replyWithMedia(Buffer.from('jpeg'), {
        filename: 'photo.jpg',
        altText: 'A receipt',
      });
      expect(uploaded.isDone() && posted.isDone()).to.equal(true);
      expect(message.content).to.be.instanceOf(ImageContent);
      expect((message.content as ImageContent).mediaType).to.equal('image/jpeg');
    });

    it('posts anything that is not an image as a file message, as a user, with text', async () => {
      const pdfUrl = MEDIA_URL.replace('photo.jpg', 'faq.pdf');
      const uploaded = upload('application/pdf', pdfUrl);
      const content = { type: 'file', mediaUrl: pdfUrl, text: "Here's our FAQ!" };
      const posted = api()
        .post(`${URL}/messages`, { author: { type: 'user', userId: USER_ID }, content })
        .reply(201, { messages: [messagePlain('m1', content)] });
      const message = await conversation().replyWithMedia(Buffer.from('%PDF'), {
        filename: 'faq.pdf',
        text: "Here's our FAQ!",
        as: { userId: USER_ID },
      });
      expect(uploaded.isDone() && posted.isDone()).to.equal(true);
      expect(message.content).to.be.instanceOf(FileContent);
    });
  });

  describe('#messages', () => {
    const page = (ids: string[], meta: Record<string, unknown>) => ({
      messages: ids.map((id) => messagePlain(id, { type: 'text', text: id })),
      meta,
    });
    // Pages come newest page first, but oldest-first inside a page (as ListMessages answers).
    function history() {
      const url = `${URL}/messages`;
      return {
        newest: api()
          .get(url)
          .query({})
          .reply(200, page(['m7', 'm8', 'm9'], { hasMore: true, beforeCursor: 'm7' })),
        middle: api()
          .get(url)
          .query({ 'page[before]': 'm7' })
          .reply(200, page(['m4', 'm5', 'm6'], { hasMore: true, beforeCursor: 'm4' })),
        oldest: api()
          .get(url)
          .query({ 'page[before]': 'm4' })
          .reply(200, page(['m1', 'm2', 'm3'], { hasMore: false, beforeCursor: 'm1' })),
      };
    }

    it('walks 3 pages back in time, newest message first, without page[size]', async () => {
      const scopes = history();
      const ids: string[] = [];
      for await (const message of conversation().messages()) {
        expect(message).to.be.instanceOf(Message);
        expect(message.conversationId).to.equal(CONVO);
        ids.push(message.id);
      }
      expect(ids).to.deep.equal(['m9', 'm8', 'm7', 'm6', 'm5', 'm4', 'm3', 'm2', 'm1']);
      expect(Object.values(scopes).every((s) => s.isDone())).to.equal(true);
    });

    it('fetches nothing before iteration and stops fetching on early exit', async () => {
      const scopes = history();
      const walk = conversation().messages();
      expect(scopes.newest.isDone()).to.equal(false);
      const ids: string[] = [];
      for await (const message of walk) {
        ids.push(message.id);
        if (message.id === 'm5') break;
      }
      expect(ids).to.deep.equal(['m9', 'm8', 'm7', 'm6', 'm5']);
      expect(scopes.middle.isDone()).to.equal(true);
      expect(trap(scopes.oldest).isDone()).to.equal(false);
    });
  });

  describe('#deleteMessages / #typing / #markRead', () => {
    it('DELETEs every message', async () => {
      const scope = api().delete(`${URL}/messages`).reply(200, {});
      await conversation().deleteMessages();
      expect(scope.isDone()).to.equal(true);
    });

    it('posts typing:start / typing:stop as the business', async () => {
      const scope = api()
        .post(`${URL}/activity`, { author: { type: 'business' }, type: 'typing:start' })
        .reply(200, {})
        .post(`${URL}/activity`, { author: { type: 'business' }, type: 'typing:stop' })
        .reply(200, {});
      await conversation().typing(true);
      await conversation().typing(false);
      expect(scope.isDone()).to.equal(true);
      expect(await rejectionOf(conversation().typing('yes' as never))).to.be.instanceOf(TypeError);
    });

    it('posts conversation:read as the business, or as a user', async () => {
      const scope = api()
        .post(`${URL}/activity`, { author: { type: 'business' }, type: 'conversation:read' })
        .reply(200, {})
        .post(`${URL}/activity`, { author: { type: 'user', userId: USER_ID }, type: 'conversation:read' })
        .reply(200, {});
      await conversation().markRead();
      await conversation().markRead({ as: { id: USER_ID } });
      expect(scope.isDone()).to.equal(true);
    });
  });

  describe('#participants / #join / #leave', () => {
    const participant = {
      id: '67a0ee3880e2647cbb7a9c97',
      userId: USER_ID,
      unreadCount: 0,
      lastRead: '2019-01-14T18:55:12.515Z',
      clientAssociations: [{ type: 'sdk', clientId: '67a0ee38f0305f4a391e9def' }],
    };

    it('lists participants as Participant instances', async () => {
      const scope = api()
        .get(`${URL}/participants`)
        .query({ 'page[size]': 50 })
        .reply(200, { participants: [participant], meta: { hasMore: false } });
      const [p] = await conversation().participants({ pageSize: 50 }).toArray({ limit: 5 });
      expect(scope.isDone()).to.equal(true);
      expect(p).to.be.instanceOf(Participant);
      expect(p!.lastRead).to.be.instanceOf(Date);
      expect(p!.toJSON()).to.deep.equal(participant);
    });

    it('joins a user by id or external id and returns the Participant', async () => {
      const user = hydrate(AppUser, { id: USER_ID }, { connection, appId: APP_ID });
      const scope = api()
        .post(`${URL}/join`, { userId: USER_ID })
        .reply(201, { participant })
        .post(`${URL}/join`, { userExternalId: 'b6518', subscribeSDKClient: true })
        .reply(201, { participant });
      const joined = await conversation().join(user);
      await conversation().join({ userExternalId: 'b6518' }, { subscribeSDKClient: true });
      expect(scope.isDone()).to.equal(true);
      expect(joined).to.be.instanceOf(Participant);
      expect(joined.userId).to.equal(USER_ID);
    });

    it('leaves by participant, user, userId or userExternalId', async () => {
      const p = hydrate(Participant, participant, { connection, appId: APP_ID });
      const user = hydrate(AppUser, { id: USER_ID }, { connection, appId: APP_ID });
      const scope = api()
        .post(`${URL}/leave`, { participantId: participant.id })
        .reply(200, {})
        .post(`${URL}/leave`, { userId: USER_ID })
        .twice()
        .reply(200, {})
        .post(`${URL}/leave`, { userExternalId: 'b6518' })
        .reply(200, {});
      await conversation().leave(p);
      await conversation().leave(user);
      await conversation().leave({ userId: USER_ID });
      await conversation().leave({ userExternalId: 'b6518' });
      expect(scope.isDone()).to.equal(true);
      expect(await rejectionOf(conversation().leave({} as never)))
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.matches(/leave\(\) needs/);
    });
  });
});
