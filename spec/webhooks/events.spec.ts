// Every event type of the spec's `x-webhooks`, parsed from the document's own delivery examples and checked
// against its event schemas: the right model per payload key, bound to the parsing connection.
import { expect } from 'chai';
import nock from 'nock';
import { configure, Connection } from '../../lib/connection/connection.js';
import { ConfigurationError } from '../../lib/errors.js';
import type { Model } from '../../lib/model.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Client } from '../../lib/models/client.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Message } from '../../lib/models/message.js';
import { webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import type { WebhookEvent } from '../../lib/webhooks/events.js';
import { Notification } from '../../lib/webhooks/notification.js';
import { WEBHOOK_TRIGGERS } from '../../lib/webhooks/triggers.js';
import { BASE, BASIC, testConnection } from '../support/fixtures.js';
import { describeWithDocument, webhookDocument } from './spec-document.js';

type Plain = Record<string, unknown>;
type ModelClass = new () => Model;

const client = { conversation: Conversation, user: AppUser, client: Client };
const withUser = { conversation: Conversation, user: AppUser };
const delivery = { ...withUser, message: Message };
const switchboard = { conversation: Conversation };

/** Which payload keys must come out as which model: written from the spec's schemas, independently of lib/. */
const MODELS: Record<string, Record<string, ModelClass>> = {
  'client:add': client,
  'client:remove': client,
  'client:update': client,
  'conversation:create': withUser,
  'conversation:join': withUser,
  'conversation:leave': withUser,
  'conversation:remove': { conversation: Conversation },
  'conversation:message': { conversation: Conversation, message: Message },
  'conversation:message:delivery:channel': delivery,
  'conversation:message:delivery:failure': delivery,
  'conversation:message:delivery:user': delivery,
  'conversation:postback': withUser,
  'conversation:read': { conversation: Conversation },
  'conversation:referral': withUser,
  'conversation:typing': { conversation: Conversation },
  'switchboard:acceptControl': switchboard,
  'switchboard:acceptControl:failure': switchboard,
  'switchboard:offerControl': switchboard,
  'switchboard:offerControl:failure': switchboard,
  'switchboard:passControl': switchboard,
  'switchboard:passControl:failure': switchboard,
  'switchboard:releaseControl': switchboard,
  'user:merge': {},
  'user:update': { user: AppUser },
  'user:remove': { user: AppUser },
};

function expectModels(event: WebhookEvent, payload: Plain, connection: Connection, appId: string): void {
  for (const [key, Class] of Object.entries(MODELS[event.type]!)) {
    if (payload[key] === undefined) continue;
    const model = (event as unknown as Record<string, Model & { id: string }>)[key]!;
    expect(model, `${event.type} ${key}`).to.be.instanceOf(Class);
    expect(model.id).to.equal((payload[key] as Plain).id);
    expect(model.connection).to.equal(connection);
    expect(model.appId).to.equal(appId);
  }
  // Every other payload field is on the event as sent.
  for (const [key, value] of Object.entries(payload)) {
    if (!(key in MODELS[event.type]!) && !['mergedUsers', 'recentNotifications'].includes(key)) {
      expect((event as unknown as Plain)[key], `${event.type} ${key}`).to.deep.equal(value);
    }
  }
}

describeWithDocument('webhook events from the OpenAPI document', () => {
  it('knows exactly the 26 triggers of the Webhooks tag, and has an example for each schema', () => {
    const doc = webhookDocument();
    expect([...doc.triggerTable].sort()).to.deep.equal([...WEBHOOK_TRIGGERS].sort());
    expect([...doc.payloadKeys.keys()].sort()).to.deep.equal(
      WEBHOOK_TRIGGERS.filter((t) => t !== 'passthrough:messaging').sort(),
    );
    expect([...doc.examples.keys()].sort()).to.deep.equal([...doc.payloadKeys.keys()].sort());
  });

  it('hydrates only payload keys the event schemas declare', () => {
    for (const [type, keys] of webhookDocument().payloadKeys) {
      expect(keys, type).to.include.members(Object.keys(MODELS[type]!));
    }
  });

  for (const trigger of WEBHOOK_TRIGGERS.filter((t) => t !== 'passthrough:messaging')) {
    it(`parses the ${trigger} example into models`, () => {
      const example = webhookDocument().examples.get(trigger)!;
      const raw = (example.events as Plain[])[0]!;
      const connection = testConnection();
      const notification = Notification.parse(JSON.stringify(example), { verify: false, connection });
      const appId = (example.app as Plain).id as string;

      expect(notification.version).to.equal('v2');
      expect(notification.app).to.deep.equal(example.app);
      expect(notification.webhook).to.deep.equal(example.webhook);
      expect(notification.events).to.have.length(1);
      const [event] = notification.events;
      expect(event!.type).to.equal(trigger);
      expect(event!.trigger).to.equal(trigger);
      expect(event!.id).to.equal(raw.id);
      expect(event!.payload).to.deep.equal(raw.payload);
      if (raw.createdAt) expect(event!.createdAt).to.deep.equal(new Date(raw.createdAt as string));
      else expect(event!.createdAt).to.equal(undefined);
      expectModels(event!, raw.payload as Plain, connection, appId);
    });
  }

  it('conversation:message: message content, the author as event.user, the message knowing its conversation', () => {
    const example = webhookDocument().examples.get('conversation:message')!;
    const [event] = Notification.parse(example, { verify: false, connection: testConnection() }).events;
    if (event?.type !== 'conversation:message') throw new Error('expected a conversation:message event');
    expect(event.message.content.type).to.equal('text');
    expect(event.message.content).to.include({ text: 'hello' });
    expect(event.message.author.type).to.equal('user');
    expect(event.message.received).to.deep.equal(new Date('2020-09-30T18:00:56.820Z'));
    expect(event.message.conversationId).to.equal(event.conversation.id);
    expect(event.user).to.be.instanceOf(AppUser);
    expect(event.user!.id).to.equal('26508c10541a4b0ff472e5e2');
    expect(event.recentNotifications).to.deep.equal([]);
  });

  it('conversation:read / typing: the activity author as event.user', () => {
    for (const trigger of ['conversation:read', 'conversation:typing'] as const) {
      const [event] = Notification.parse(webhookDocument().examples.get(trigger)!, { verify: false }).events;
      if (event?.type !== trigger) throw new Error(`expected ${trigger}`);
      expect(event.activity.type).to.equal(
        trigger === 'conversation:read' ? 'conversation:read' : 'typing:start',
      );
      expect(event.user).to.be.instanceOf(AppUser);
      expect(event.user!.id).to.equal((event.activity.author as Plain).userId);
    }
  });

  it('user:merge: both users as AppUser', () => {
    const [event] = Notification.parse(webhookDocument().examples.get('user:merge')!, {
      verify: false,
    }).events;
    if (event?.type !== 'user:merge') throw new Error('expected user:merge');
    expect(event.mergedUsers.surviving).to.be.instanceOf(AppUser);
    expect(event.mergedUsers.discarded).to.be.instanceOf(AppUser);
    expect(event.mergedUsers.surviving!.externalId).to.equal('912382197');
    expect(event.mergedUsers.discarded!.id).to.equal('1a64f7f75028fef55f815007');
    expect(event.mergedConversations).to.equal(undefined);
    expect(event.reason).to.equal('api');
  });
});

describe('webhook events built by the testing kit', () => {
  for (const trigger of WEBHOOK_TRIGGERS.filter((t) => t !== 'passthrough:messaging')) {
    it(`${trigger}: default payload parses into the same models`, () => {
      const { json } = webhookDelivery(trigger);
      const connection = testConnection();
      const [event] = Notification.parse(json, { verify: false, connection }).events;
      expect(event!.type).to.equal(trigger);
      expectModels(event!, json.events[0]!.payload, connection, json.app.id);
    });
  }

  describeWithDocument('against the event schemas', () => {
    it('uses only payload keys the schemas declare', () => {
      for (const [type, keys] of webhookDocument().payloadKeys) {
        expect(keys, type).to.include.members(Object.keys(webhookEvent(type).payload));
      }
    });
  });

  it('user:merge with merged conversations and clients', () => {
    const event = webhookEvent('user:merge', {
      payload: {
        mergedConversations: { surviving: { id: 'c1' }, discarded: { id: 'c2' } },
        mergedClients: { surviving: { id: 'k1', type: 'sdk' } },
      },
    });
    const [parsed] = Notification.parse(webhookDelivery(event).json, { verify: false }).events;
    if (parsed?.type !== 'user:merge') throw new Error('expected user:merge');
    expect(parsed.mergedConversations!.surviving).to.be.instanceOf(Conversation);
    expect(parsed.mergedConversations!.discarded!.id).to.equal('c2');
    expect(parsed.mergedClients!.surviving).to.be.instanceOf(Client);
    expect(parsed.mergedClients).to.not.have.property('discarded');
  });

  it('conversation:message with recent notifications: each a Message of the conversation', () => {
    const notificationMessage = {
      id: 'n1',
      author: { type: 'business' },
      content: { type: 'text', text: 'Sale!' },
    };
    const event = webhookEvent('conversation:message', {
      payload: { recentNotifications: [notificationMessage] },
    });
    const [parsed] = Notification.parse(webhookDelivery(event).json, { verify: false }).events;
    if (parsed?.type !== 'conversation:message') throw new Error('expected conversation:message');
    expect(parsed.recentNotifications).to.have.length(1);
    expect(parsed.recentNotifications[0]).to.be.instanceOf(Message);
    expect(parsed.recentNotifications[0]!.conversationId).to.equal(parsed.conversation.id);
  });

  it('passthrough:messaging: a generic event with the raw payload', () => {
    const event = webhookEvent('passthrough:messaging', { payload: { interactiveData: { ref: 'x1' } } });
    const [parsed] = Notification.parse(webhookDelivery(event).json, { verify: false }).events;
    expect(parsed!.type).to.equal('passthrough:messaging');
    expect(parsed!.payload).to.deep.equal({ interactiveData: { ref: 'x1' } });
    expect((parsed as Plain).interactiveData).to.deep.equal({ ref: 'x1' });
  });

  it('an unknown type: type "unknown", the API name in trigger, the raw payload; never an exception', () => {
    const body = webhookDelivery([
      webhookEvent('conversation:brandNew', { payload: { conversation: { id: 'c1' }, extra: 1 } }),
      'conversation:remove',
    ]).json;
    const [unknown, known] = Notification.parse(body, { verify: false }).events;
    expect(unknown!.type).to.equal('unknown');
    expect(unknown!.trigger).to.equal('conversation:brandNew');
    expect(unknown!.payload).to.deep.equal({ conversation: { id: 'c1' }, extra: 1 });
    expect((unknown as Plain).conversation).to.not.be.instanceOf(Conversation);
    expect(known!.type).to.equal('conversation:remove');
  });

  it('events without createdAt or id: createdAt absent, a stable id', () => {
    const body = { app: { id: 'a1' }, webhook: {}, events: [{ type: 'conversation:remove', payload: {} }] };
    const [first] = Notification.parse(JSON.stringify(body), { verify: false }).events;
    const [again] = Notification.parse(JSON.stringify(body), { verify: false }).events;
    expect(first!).to.not.have.property('createdAt');
    expect(first!.id).to.match(/^[0-9a-f]{24}$/);
    expect(again!.id).to.equal(first!.id);
    // A resource the schema always sends is still a model, so handlers never need `?.` on it.
    if (first?.type !== 'conversation:remove') throw new Error('expected conversation:remove');
    expect(first.conversation).to.be.instanceOf(Conversation);
  });

  it('narrows on type at compile time', () => {
    const texts: string[] = [];
    for (const event of Notification.parse(webhookDelivery('conversation:message').json, { verify: false })
      .events) {
      if (event.type === 'conversation:message') texts.push(String(event.message.content.type));
      else if (event.type === 'user:merge') texts.push(event.mergedUsers.surviving?.id ?? '');
    }
    expect(texts).to.deep.equal(['text']);
  });
});

describe('webhook event models and connections', () => {
  it('parses with no connection configured; models find the connection configured later', async () => {
    const [event] = Notification.parse(webhookDelivery('conversation:message').json, {
      verify: false,
    }).events;
    if (event?.type !== 'conversation:message') throw new Error('expected conversation:message');
    expect(() => event.conversation.connection).to.throw(ConfigurationError);
    configure({ keyId: 'app_test', secret: 'test-secret-not-real', auth: 'basic' });
    expect(event.conversation.connection).to.equal(Connection.current());
    expect(event.conversation.appId).to.equal(webhookDelivery('conversation:message').json.app.id);
  });

  it('binds to the current connection when one is configured', () => {
    configure({ keyId: 'app_test', secret: 'test-secret-not-real', appId: 'other-app', auth: 'basic' });
    const current = Connection.current();
    const [event] = Notification.parse(webhookDelivery('conversation:remove').json, { verify: false }).events;
    if (event?.type !== 'conversation:remove') throw new Error('expected conversation:remove');
    expect(event.conversation.connection).to.equal(current);
    // The app is the one the delivery names, not the connection's default.
    expect(event.conversation.appId).to.equal(webhookDelivery('conversation:remove').json.app.id);
  });

  it('event.conversation.reply() posts through the given connection to the delivery app', async () => {
    const delivery = webhookDelivery('conversation:message', { appId: 'app-from-delivery' });
    const [event] = Notification.parse(delivery.body, { verify: false, connection: testConnection() }).events;
    if (event?.type !== 'conversation:message') throw new Error('expected conversation:message');
    const api = nock(BASE, { reqheaders: { authorization: BASIC } })
      .post(`/v2/apps/app-from-delivery/conversations/${event.conversation.id}/messages`, {
        author: { type: 'business' },
        content: { type: 'text', text: 'Got it' },
      })
      .reply(201, {
        messages: [{ id: 'm2', author: { type: 'business' }, content: { type: 'text', text: 'Got it' } }],
      });
    const reply = await event.conversation.reply('Got it');
    expect(reply).to.be.instanceOf(Message);
    expect(reply.id).to.equal('m2');
    api.done();
  });

  it('serialises events without the connection', () => {
    const { json } = webhookDelivery('conversation:message');
    const notification = Notification.parse(json, { verify: false, connection: testConnection() });
    const text = JSON.stringify(notification);
    expect(text).to.not.include('test-secret-not-real');
    expect(JSON.parse(text).events[0].conversation).to.deep.equal(json.events[0]!.payload.conversation);
  });
});

// python-intercom's webhook flow: `payload.model`, `payload.model_type`, `payload.load()`.
describe('event.model, event.modelType and the loaders', () => {
  const connection = testConnection();
  const APP = '5d8cff3cd55b040010928b5b';
  const USER_ID = '5963c0d619a30a2e00de36b8';

  function parse(json: unknown) {
    return Notification.parse(JSON.stringify(json), { verify: false, connection }).events[0]!;
  }

  it('names the main model of each trigger and gives it as event.model, without enumerating either', () => {
    const kinds: Record<string, string | undefined> = {
      'conversation:message': 'message',
      'conversation:message:delivery:user': 'message',
      'conversation:join': 'conversation',
      'switchboard:passControl': 'conversation',
      'client:add': 'client',
      'user:update': 'user',
      'user:merge': undefined,
    };
    for (const [trigger, kind] of Object.entries(kinds)) {
      const event = parse(webhookDelivery(trigger as never, { appId: APP }).json);
      expect(event.modelType, trigger).to.equal(kind);
      if (kind) expect(event.model, trigger).to.equal((event as unknown as Plain)[kind]);
      else expect(event.model, trigger).to.equal(undefined);
      expect(Object.keys(event), trigger).to.not.include.members(['model', 'modelType', 'loadUser']);
    }
  });

  it('loadUser() GETs the whole user an author names by id, with the delivery app and connection', async () => {
    const json = webhookDelivery(
      webhookEvent('conversation:message', {
        payload: { message: { author: { type: 'user', userId: USER_ID, user: undefined } } },
      }),
      { appId: APP },
    ).json;
    const event = parse(json);
    const scope = nock(BASE, { reqheaders: { authorization: BASIC } })
      .get(`/v2/apps/${APP}/users/${USER_ID}`)
      .twice()
      .reply(200, { user: { id: USER_ID, profile: { email: 'bob@example.com' }, metadata: {} } });
    const user = await event.loadUser();
    expect(user).to.be.instanceOf(AppUser);
    expect(user.profile.email).to.equal('bob@example.com');
    if (event.type !== 'conversation:message') throw new Error('narrowing');
    const same = await event.message.author.loadUser();
    expect(same.id).to.equal(USER_ID);
    scope.done();
  });

  it('loadConversation() GETs the conversation; an event naming no user refuses loadUser() before any request', async () => {
    const event = parse(webhookDelivery('conversation:remove', { appId: APP }).json);
    const id = event.type === 'conversation:remove' ? event.conversation.id : '';
    const scope = nock(BASE)
      .get(`/v2/apps/${APP}/conversations/${id}`)
      .reply(200, { conversation: { id, type: 'personal' } });
    const conversation = await event.loadConversation();
    scope.done();
    expect(conversation).to.be.instanceOf(Conversation);
    const error = await event.loadUser().catch((e: unknown) => e);
    expect(error)
      .to.be.instanceOf(TypeError)
      .with.property('message')
      .that.matches(/names no user/);
  });
});
