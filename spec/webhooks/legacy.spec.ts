// Legacy v1 / v1.1 deliveries (API-NOTES E4: `trigger`, `appUser`, `messages`, `_id`, `role`, unix seconds)
// parse into the same events and models as v2 ones.
import { expect } from 'chai';
import nock from 'nock';
import { AppUser } from '../../lib/models/app-user.js';
import { Client } from '../../lib/models/client.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Message } from '../../lib/models/message.js';
import { Notification } from '../../lib/webhooks/notification.js';
import { BASE, testConnection } from '../support/fixtures.js';

type Plain = Record<string, unknown>;

const app = { _id: '5698edbf2a43bd081be982f1' };
const appUser = {
  _id: 'c7f6e6d6c3a637261bd9656f',
  userId: 'bob@example.com',
  givenName: 'Bob',
  surname: 'Smith',
  email: 'bob@example.com',
  properties: { plan: 'pro' },
  signedUpAt: '2015-10-06T03:38:02.346Z',
  conversationStarted: true,
  clients: [{ _id: 'e1', platform: 'messenger', active: true }],
};
const userMessage = {
  _id: '55c8c1498590aa1900b9b9b1',
  type: 'text',
  text: 'Hi! Do you have time to chat?',
  role: 'appUser',
  authorId: 'c7f6e6d6c3a637261bd9656f',
  name: 'Steve',
  received: 1444348338.704,
  source: { type: 'messenger' },
  actions: [],
};
const businessImage = {
  _id: '55c8c1498590aa1900b9b9b2',
  type: 'image',
  text: 'Our menu',
  mediaUrl: 'https://example.com/menu.png',
  mediaType: 'image/png',
  role: 'appMaker',
  authorId: 'biz-1',
  name: 'Acme',
  avatarUrl: 'https://example.com/acme.png',
  received: 1444348340,
};

function parse(body: Plain) {
  return Notification.parse(JSON.stringify(body), { verify: false, connection: testConnection() });
}

describe('legacy v1 webhook deliveries', () => {
  it('message:appUser (v1): one conversation:message event per message, with v2-shaped models', () => {
    const body = { trigger: 'message:appUser', app, appUser, messages: [userMessage, businessImage] };
    const notification = parse(body);
    expect(notification.version).to.equal('v1');
    expect(notification.webhook).to.deep.equal({ version: 'v1' });
    expect(notification.app).to.deep.equal({ id: app._id });
    expect(notification.events.map((e) => e.type)).to.deep.equal([
      'conversation:message',
      'conversation:message',
    ]);

    const [first, second] = notification.events;
    if (first?.type !== 'conversation:message' || second?.type !== 'conversation:message')
      throw new Error('types');
    expect(first.trigger).to.equal('message:appUser');
    expect(first.createdAt).to.deep.equal(new Date(1444348338704));
    expect(first.message).to.be.instanceOf(Message);
    expect(first.message.id).to.equal(userMessage._id);
    expect(first.message.received).to.deep.equal(new Date(1444348338704));
    expect(first.message.author).to.include({ type: 'user', userId: appUser._id, displayName: 'Steve' });
    expect(first.message.content).to.include({ type: 'text', text: 'Hi! Do you have time to chat?' });
    expect(first.message.source).to.deep.equal({ type: 'messenger' });

    expect(first.user).to.be.instanceOf(AppUser);
    expect(first.user!.id).to.equal(appUser._id);
    expect(first.user!.externalId).to.equal('bob@example.com');
    expect(first.user!.profile).to.include({ givenName: 'Bob', surname: 'Smith', email: 'bob@example.com' });
    expect(first.user!.metadata).to.deep.equal({ plan: 'pro' });
    expect(first.user!.signedUpAt).to.deep.equal(new Date('2015-10-06T03:38:02.346Z'));
    // `clients` is a method of AppUser: the v1 list stays in the payload, ids renamed (and is event.clients).
    expect((first.payload.user as Plain).clients).to.deep.equal([
      { id: 'e1', platform: 'messenger', active: true },
    ]);

    expect(second.message.author).to.include({ type: 'business', displayName: 'Acme' });
    expect(second.message.author.userId).to.equal(undefined);
    expect(second.message.content).to.include({
      type: 'image',
      mediaUrl: 'https://example.com/menu.png',
      text: 'Our menu',
    });
    expect(first.id).to.not.equal(second.id);
  });

  it('gives v1 events stable ids: a retried delivery has the same ids', () => {
    const body = { trigger: 'message:appUser', app, appUser, messages: [userMessage] };
    expect(parse(body).events[0]!.id).to.equal(parse(body).events[0]!.id);
    const other = { ...body, messages: [{ ...userMessage, _id: 'another' }] };
    expect(parse(other).events[0]!.id).to.not.equal(parse(body).events[0]!.id);
  });

  it('message:appMaker v1.1 with conversation and version: the conversation model, the message knowing it', () => {
    const body = {
      trigger: 'message:appMaker',
      app,
      appUser,
      conversation: { _id: 'c0nv' },
      messages: [businessImage],
      version: 'v1.1',
    };
    const notification = parse(body);
    expect(notification.version).to.equal('v1');
    expect(notification.webhook).to.deep.equal({ version: 'v1.1' });
    const [event] = notification.events;
    if (event?.type !== 'conversation:message') throw new Error('expected conversation:message');
    expect(event.conversation).to.be.instanceOf(Conversation);
    expect(event.conversation.id).to.equal('c0nv');
    expect(event.message.conversationId).to.equal('c0nv');
    expect(event.conversation.appId).to.equal(app._id);
  });

  it('a v1 message without a conversation still has a Conversation (with no id: v1 bodies did not name it)', () => {
    const [event] = parse({ trigger: 'message', app, appUser, messages: [userMessage] }).events;
    if (event?.type !== 'conversation:message') throw new Error('expected conversation:message');
    expect(event.conversation).to.be.instanceOf(Conversation);
    expect(event.conversation.id).to.equal(undefined);
  });

  it('postback: one conversation:postback per postback, payload from the action', () => {
    const body = {
      trigger: 'postback',
      app,
      appUser,
      postbacks: [
        { message: userMessage, action: { _id: 'a1', type: 'postback', text: 'Buy', payload: 'BUY_NOW' } },
        { action: { _id: 'a2', type: 'postback', text: 'Menu', payload: 'MENU' } },
      ],
    };
    const events = parse(body).events;
    expect(events.map((e) => e.type)).to.deep.equal(['conversation:postback', 'conversation:postback']);
    const [first, second] = events;
    if (first?.type !== 'conversation:postback' || second?.type !== 'conversation:postback')
      throw new Error('types');
    expect(first.postback.payload).to.equal('BUY_NOW');
    expect((first.postback.action as Plain).id).to.equal('a1');
    expect(first.createdAt).to.deep.equal(new Date(1444348338704));
    expect(second.postback.payload).to.equal('MENU');
    expect(first.user).to.be.instanceOf(AppUser);
  });

  it('merge:appUser: user:merge with surviving and discarded users', () => {
    const body = {
      trigger: 'merge:appUser',
      app,
      surviving: { _id: 'u-surviving', userId: 'bob', conversationStarted: true },
      discarded: [{ _id: 'u-discarded', conversationStarted: false }],
    };
    const [event] = parse(body).events;
    if (event?.type !== 'user:merge') throw new Error('expected user:merge');
    expect(event.mergedUsers.surviving).to.be.instanceOf(AppUser);
    expect(event.mergedUsers.surviving!.id).to.equal('u-surviving');
    expect(event.mergedUsers.surviving!.externalId).to.equal('bob');
    expect(event.mergedUsers.discarded!.id).to.equal('u-discarded');
  });

  it('delivery:failure: conversation:message:delivery:failure with destination and error', () => {
    const body = {
      trigger: 'delivery:failure',
      app,
      appUser,
      destination: { type: 'messenger' },
      messages: [businessImage],
      timestamp: 1480001711.941,
      error: { code: 'unauthorized', underlyingError: { message: 'blocked' } },
    };
    const [event] = parse(body).events;
    if (event?.type !== 'conversation:message:delivery:failure')
      throw new Error('expected a delivery failure');
    expect(event.createdAt).to.deep.equal(new Date(1480001711941));
    expect(event.destination).to.deep.equal({ type: 'messenger' });
    expect(event.error).to.deep.equal({ code: 'unauthorized', underlyingError: { message: 'blocked' } });
    expect(event.message.id).to.equal(businessImage._id);
  });

  it('link:success, link:failure, link:match, client:add: client events with a Client (platform -> type)', () => {
    const client = { _id: 'k1', platform: 'twilio', active: false, displayName: '+1 555' };
    const cases = [
      ['link:success', 'client:add', 'channelLinking'],
      ['link:failure', 'client:remove', 'linkFailed'],
      ['link:match', 'client:update', 'matched'],
      ['client:add', 'client:add', undefined],
    ] as const;
    for (const [trigger, type, reason] of cases) {
      const [event] = parse({ trigger, app, appUser, client }).events;
      expect(event!.type, trigger).to.equal(type);
      expect(event!.trigger).to.equal(trigger);
      const parsed = (event as unknown as { client: Client }).client;
      expect(parsed).to.be.instanceOf(Client);
      expect(parsed).to.include({ id: 'k1', type: 'twilio', status: 'inactive', displayName: '+1 555' });
      expect((event as unknown as Plain).reason).to.equal(reason);
    }
  });

  it('conversation:start, conversation:read, typing:appUser, appUser:delete, conversation:referral', () => {
    const source = { type: 'messenger' };
    const types = [
      'conversation:start',
      'conversation:read',
      'typing:appUser',
      'appUser:delete',
      'conversation:referral',
    ].map(
      (trigger) =>
        parse({ trigger, app, appUser, source, timestamp: 1480001711, referral: { code: 'r1' } }).events[0]!,
    );
    expect(types.map((e) => e.type)).to.deep.equal([
      'conversation:create',
      'conversation:read',
      'conversation:typing',
      'user:remove',
      'conversation:referral',
    ]);
    const [start, read, typing, removed, referral] = types;
    expect((start as unknown as Plain).creationReason).to.equal('startConversation');
    if (read?.type !== 'conversation:read' || typing?.type !== 'conversation:typing')
      throw new Error('types');
    expect(read.activity).to.deep.include({ type: 'conversation:read', source });
    expect(read.user!.id).to.equal(appUser._id);
    expect(typing.activity.type).to.equal('typing:start');
    if (removed?.type !== 'user:remove' || referral?.type !== 'conversation:referral')
      throw new Error('types');
    expect(removed.user.externalId).to.equal('bob@example.com');
    expect(referral.referral).to.deep.equal({ code: 'r1' });
  });

  it('payment:success and unknown v1 triggers: a generic event keeping the body', () => {
    const body = {
      trigger: 'payment:success',
      app,
      appUser,
      payments: [{ charge: { id: 'ch_1' } }],
      timestamp: 1,
    };
    const [event] = parse(body).events;
    expect(event!.type).to.equal('unknown');
    expect(event!.trigger).to.equal('payment:success');
    expect(event!.payload.payments).to.deep.equal([{ charge: { id: 'ch_1' } }]);
    expect(event!.createdAt).to.deep.equal(new Date(1000));
  });

  it('a v1 body with no messages yields no events (not an error)', () => {
    expect(parse({ trigger: 'message:appUser', app, appUser, messages: [] }).events).to.deep.equal([]);
  });
});

// Issue 16, item 12: what v1 deliveries used to lose on the way to v2 events.
describe('legacy v1 deliveries keep what they carry', () => {
  it('link:* keep channel and criteria, and build the client from the channel when no client is sent', () => {
    const criteria = { type: 'twilio', integrationId: 'i-twilio', phoneNumber: '+15551234567' };
    for (const trigger of ['link:success', 'link:match', 'link:failure']) {
      const [event] = parse({ trigger, app, appUser, channel: 'twilio', criteria }).events;
      const fields = event as unknown as Plain & { client: Client };
      expect(fields.channel, trigger).to.equal('twilio');
      expect(fields.criteria, trigger).to.deep.equal(criteria);
      expect(event!.payload.criteria, trigger).to.deep.equal(criteria);
      expect(fields.client, trigger).to.be.instanceOf(Client);
      expect(fields.client).to.include({ type: 'twilio', integrationId: 'i-twilio' });
    }
  });

  it('a v1 postback message is a Message, and a business authorId stays readable', () => {
    const postback = { message: businessImage, action: { type: 'postback', payload: 'MENU' } };
    const [event] = parse({ trigger: 'postback', app, appUser, postbacks: [postback] }).events;
    if (event!.type !== 'conversation:postback') throw new Error(`got ${event!.type}`);
    expect(event.message).to.be.instanceOf(Message);
    expect(event.message!.author).to.include({ type: 'business', authorId: 'biz-1', displayName: 'Acme' });
    expect(event.postback.payload).to.equal('MENU');
  });
});

describe('legacy v1 deliveries: clients and replies', () => {
  it('appUser.clients arrive as event.clients, Client models (platform -> type)', () => {
    const [event] = parse({ trigger: 'message:appUser', app, appUser, messages: [userMessage] }).events;
    expect(event!.clients).to.have.length(1);
    expect(event!.clients![0])
      .to.be.instanceOf(Client)
      .and.include({ id: 'e1', type: 'messenger', status: 'active' });
  });

  it('replying to a v1 event: loadConversation() resolves the user default conversation in one request', async () => {
    const connection = testConnection();
    const [event] = Notification.parse(
      JSON.stringify({ trigger: 'message:appUser', app, appUser, messages: [userMessage] }),
      { verify: false, connection },
    ).events;
    const scope = nock(BASE)
      .get(`/v2/apps/${app._id}/conversations`)
      .query({ 'filter[userId]': appUser._id })
      .reply(200, {
        conversations: [{ id: 'c-default', type: 'personal', isDefault: true }],
        meta: { hasMore: false },
      })
      .post(`/v2/apps/${app._id}/conversations/c-default/messages`, {
        author: { type: 'business' },
        content: { type: 'text', text: 'Thanks!' },
      })
      .reply(201, {
        messages: [{ id: 'm9', author: { type: 'business' }, content: { type: 'text', text: 'Thanks!' } }],
      });
    const conversation = await event!.loadConversation();
    expect(conversation.id).to.equal('c-default');
    await conversation.reply('Thanks!');
    scope.done();
  });
});
