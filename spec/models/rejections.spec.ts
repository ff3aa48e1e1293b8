// Every call that returns a Promise rejects on bad input instead of throwing synchronously, so that
// `X.find(id).catch(...)` and `Promise.all([...])` see every failure; and it does so before any request.
import { expect } from 'chai';
import nock from 'nock';
import * as lib from '../../lib/index.js';
import {
  App,
  AppUser,
  Attachment,
  Client,
  ConfigurationError,
  Conversation,
  Device,
  Integration,
  IntegrationKey,
  Key,
  Message,
  Model,
  ReadOnlyFieldError,
  Switchboard,
  SwitchboardIntegration,
  Webhook,
} from '../../lib/index.js';
import { hydrate } from '../../lib/model.js';
import { BASE, testConnection } from '../support/fixtures.js';
import { trap } from '../support/nock-traps.js';

const connection = testConnection();
/** An account-scope connection with no app: every app-scope call must refuse it. */
const noApp = testConnection({ keyId: 'act_test', appId: undefined });
const INTEGRATION = '5e4af71a81966cfff3ef6550';
const TARGET = 'https://example.com/hooks';
const MEDIA_URL = 'https://media.smooch.io/apps/x/photo.jpg';
const whatsapp = {
  matchCriteria: { type: 'whatsapp', integrationId: INTEGRATION, phoneNumber: '+15551234567' },
  confirmation: { type: 'immediate' },
  target: { conversationId: 'c1' },
} as const;

type ErrorClass = new (...args: never[]) => Error;
const EMPTY_ID = /non-empty string id/;
const NO_APP = /No appId/;

/** One bad call: what it is called, the call, and the error it must reject with. */
type Case = [name: string, call: () => Promise<unknown>, error: ErrorClass, message: RegExp];

const statics: Case[] = [
  ['App.find', () => App.find('', { connection: noApp }), TypeError, EMPTY_ID],
  // App calls need no app; with no connection configured at all they must reject too.
  ['App.create', () => App.create({ displayName: 'Acme' }), ConfigurationError, /No connection/],
  ['App.find', () => App.find('5d8c'), ConfigurationError, /No connection/],
  ['Key.create', () => Key.create({ displayName: 'bot' }, { connection: noApp }), ConfigurationError, NO_APP],
  ['Key.find', () => Key.find('', { connection }), TypeError, EMPTY_ID],
  ['Key.find', () => Key.find('app_1', { connection: noApp }), ConfigurationError, NO_APP],
  [
    'Integration.create',
    () => Integration.create({ type: 'fax' } as never, { connection }),
    TypeError,
    /Unknown integration type "fax"/,
  ],
  [
    'Integration.create',
    () => Integration.create({ type: 'telegram', token: 't' }, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['Integration.find', () => Integration.find('', { connection }), TypeError, EMPTY_ID],
  [
    'Integration.find',
    () => Integration.find(INTEGRATION, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  [
    'IntegrationKey.create',
    () => IntegrationKey.create('', { displayName: 'crm' }, { connection }),
    TypeError,
    EMPTY_ID,
  ],
  [
    'IntegrationKey.create',
    () => IntegrationKey.create(INTEGRATION, { displayName: 'crm' }, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['IntegrationKey.find', () => IntegrationKey.find(INTEGRATION, '', { connection }), TypeError, EMPTY_ID],
  [
    'IntegrationKey.find',
    () => IntegrationKey.find(INTEGRATION, 'int_1', { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['AppUser.find', () => AppUser.find('', { connection }), TypeError, EMPTY_ID],
  ['AppUser.find', () => AppUser.find('b6518', { connection: noApp }), ConfigurationError, NO_APP],
  ['AppUser.create', () => AppUser.create({ externalId: '' }, { connection }), TypeError, /externalId/],
  [
    'AppUser.create',
    () => AppUser.create({ externalId: 'b6518' }, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['AppUser.findOrCreate', () => AppUser.findOrCreate({} as never, { connection }), TypeError, /externalId/],
  [
    'AppUser.findOrCreate',
    () => AppUser.findOrCreate({ externalId: 'b6518' }, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['AppUser.findByEmail', () => AppUser.findByEmail('bob', { connection }), TypeError, /email address/],
  [
    'AppUser.findByEmail',
    () => AppUser.findByEmail('bob@example.com', { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  [
    'Attachment.upload',
    () => Attachment.upload(Buffer.from('x'), { connection, for: 'thread' as never }),
    TypeError,
    /for must be 'message'/,
  ],
  [
    'Attachment.upload',
    () => Attachment.upload(Buffer.from('x'), { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['Attachment.delete', () => Attachment.delete('photo.jpg', { connection }), TypeError, /http\(s\) URL/],
  [
    'Attachment.delete',
    () => Attachment.delete(MEDIA_URL, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['Client.create', () => Client.create('', whatsapp, { connection }), TypeError, /user id or externalId/],
  [
    'Client.create',
    () => Client.create('b6518', whatsapp, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['Conversation.create', () => Conversation.create({} as never, { connection }), TypeError, /needs a type/],
  [
    'Conversation.create',
    () => Conversation.create({ type: 'personal' }, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['Conversation.find', () => Conversation.find('', { connection }), TypeError, EMPTY_ID],
  ['Conversation.find', () => Conversation.find('c1', { connection: noApp }), ConfigurationError, NO_APP],
  ['Device.find', () => Device.find('b6518', '', { connection }), TypeError, EMPTY_ID],
  ['Device.find', () => Device.find('b6518', 'd1', { connection: noApp }), ConfigurationError, NO_APP],
  ['Switchboard.create', () => Switchboard.create({ connection: noApp }), ConfigurationError, NO_APP],
  [
    'SwitchboardIntegration.create',
    () => SwitchboardIntegration.create('sb1', {} as never, { connection }),
    TypeError,
    /needs a name/,
  ],
  [
    'SwitchboardIntegration.create',
    () =>
      SwitchboardIntegration.create(
        '',
        { name: 'bot', integrationType: 'zd:agentWorkspace' },
        { connection },
      ),
    TypeError,
    EMPTY_ID,
  ],
  [
    'SwitchboardIntegration.create',
    () =>
      SwitchboardIntegration.create(
        'sb1',
        { name: 'bot', integrationId: INTEGRATION },
        { connection: noApp },
      ),
    ConfigurationError,
    NO_APP,
  ],
  [
    'Webhook.create',
    () =>
      Webhook.create(
        { target: '', triggers: ['conversation:message'] },
        { connection, integrationId: INTEGRATION },
      ),
    TypeError,
    /target/,
  ],
  [
    'Webhook.create',
    () => Webhook.create({ target: TARGET, triggers: ['conversation:message'] }, { connection }),
    TypeError,
    /integrationId/,
  ],
  [
    'Webhook.create',
    () =>
      Webhook.create(
        { target: TARGET, triggers: ['conversation:message'] },
        { connection: noApp, integrationId: INTEGRATION },
      ),
    ConfigurationError,
    NO_APP,
  ],
  ['Webhook.find', () => Webhook.find('', { connection, integrationId: INTEGRATION }), TypeError, EMPTY_ID],
  [
    'Webhook.find',
    () => Webhook.find('w1', { connection: noApp, integrationId: INTEGRATION }),
    ConfigurationError,
    NO_APP,
  ],
  ['Webhook.deleteAll', () => Webhook.deleteAll({ connection, integrationId: '' }), TypeError, EMPTY_ID],
  ['Webhook.find', () => Webhook.find('', { connection }), TypeError, EMPTY_ID],
  ['Webhook.delete', () => Webhook.delete('', { connection }), TypeError, EMPTY_ID],
  ['Webhook.delete', () => Webhook.delete('w1', { connection: noApp }), ConfigurationError, NO_APP],
  ['Webhook.update', () => Webhook.update('', { target: TARGET }, { connection }), TypeError, EMPTY_ID],
  [
    'Webhook.update',
    () => Webhook.update('w1', { triggers: ['message:appMaker' as never] }, { connection }),
    TypeError,
    /v1 trigger: in v2 it is 'conversation:message'/,
  ],
  [
    'Webhook.update',
    () => Webhook.update('w1', null as never, { connection }),
    TypeError,
    /object of fields/,
  ],
  ['AppUser.update', () => AppUser.update('', { metadata: {} }, { connection }), TypeError, EMPTY_ID],
  ['AppUser.update', () => AppUser.update('b6518', {}, { connection }), TypeError, /at least one field/],
  [
    'AppUser.update',
    () => AppUser.update('b6518', { externalId: 'x' } as never, { connection }),
    ReadOnlyFieldError,
    /AppUser cannot write externalId/,
  ],
  ['App.update', () => App.update('5d8c', 'x' as never, { connection }), TypeError, /object of the fields/],
  [
    'Conversation.update',
    () => Conversation.update('c1', { displayName: 'VIP' }, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
  ['Client.delete', () => Client.delete('', 'c1', { connection }), TypeError, /user id or externalId/],
  ['Client.delete', () => Client.delete('b6518', '', { connection }), TypeError, EMPTY_ID],
  ['Webhook.deleteAll', () => Webhook.deleteAll({ connection: noApp }), ConfigurationError, NO_APP],
  [
    'Webhook.ensure',
    () => Webhook.ensure({ target: TARGET, triggers: [] }, { connection }),
    TypeError,
    /non-empty array/,
  ],
  [
    'Webhook.ensure',
    () => Webhook.ensure({ target: TARGET, triggers: ['conversation:message'] }, { connection: noApp }),
    ConfigurationError,
    NO_APP,
  ],
];

/** An instance as the API would send it, bound to a connection with no app. */
function orphan<M extends Model>(Class: new () => M, plain: Record<string, unknown> = { id: 'x1' }): M {
  return hydrate(Class, plain, { connection: noApp, appId: undefined });
}

const instances: Case[] = [
  ['App#save', () => orphan(App, { id: '' }).save(), TypeError, EMPTY_ID],
  ['App#delete', () => orphan(App, { id: '' }).delete(), TypeError, EMPTY_ID],
  ['AppUser#save', () => orphan(AppUser).save(), ConfigurationError, NO_APP],
  ['AppUser#delete', () => orphan(AppUser).delete(), ConfigurationError, NO_APP],
  [
    'Attachment#delete',
    () => orphan(Attachment, { mediaUrl: MEDIA_URL }).delete(),
    ConfigurationError,
    NO_APP,
  ],
  ['Client#delete', () => orphan(Client).delete(), ConfigurationError, NO_APP],
  ['Conversation#save', () => orphan(Conversation).save(), ConfigurationError, NO_APP],
  ['Conversation#delete', () => orphan(Conversation).delete(), ConfigurationError, NO_APP],
  [
    'Conversation#passControl',
    () => orphan(Conversation).passControl(''),
    TypeError,
    /switchboard integration/,
  ],
  ['Conversation#offerControl', () => orphan(Conversation).offerControl('next'), ConfigurationError, NO_APP],
  ['Conversation#acceptControl', () => orphan(Conversation).acceptControl(), ConfigurationError, NO_APP],
  ['Conversation#releaseControl', () => orphan(Conversation).releaseControl(), ConfigurationError, NO_APP],
  [
    'Conversation#downloadMessageRef',
    () => orphan(Conversation).downloadMessageRef('u1', {} as never),
    TypeError,
    /needs interactiveDataRef\.url/,
  ],
  ['Integration#save', () => orphan(Integration).save(), ConfigurationError, NO_APP],
  ['Integration#delete', () => orphan(Integration).delete(), ConfigurationError, NO_APP],
  ['IntegrationKey#delete', () => orphan(IntegrationKey).delete(), ConfigurationError, NO_APP],
  ['Key#delete', () => orphan(Key).delete(), ConfigurationError, NO_APP],
  ['Message#delete', () => orphan(Message).delete(), TypeError, /does not know its conversation/],
  ['Switchboard#save', () => orphan(Switchboard).save(), ConfigurationError, NO_APP],
  ['Switchboard#delete', () => orphan(Switchboard).delete(), ConfigurationError, NO_APP],
  ['SwitchboardIntegration#save', () => orphan(SwitchboardIntegration).save(), ConfigurationError, NO_APP],
  [
    'SwitchboardIntegration#delete',
    () => orphan(SwitchboardIntegration).delete(),
    ConfigurationError,
    NO_APP,
  ],
  ['Webhook#save', () => orphan(Webhook).save(), ConfigurationError, NO_APP],
  ['Webhook#reload', () => orphan(Webhook).reload(), ConfigurationError, NO_APP],
  ['AppUser#reload', () => orphan(AppUser).reload(), ConfigurationError, NO_APP],
  ['App#reload', () => orphan(App, {}).reload(), TypeError, EMPTY_ID],
  ['Conversation#reload', () => orphan(Conversation).reload(), ConfigurationError, NO_APP],
  ['Integration#reload', () => orphan(Integration).reload(), ConfigurationError, NO_APP],
  ['Key#reload', () => orphan(Key).reload(), ConfigurationError, NO_APP],
  ['IntegrationKey#reload', () => orphan(IntegrationKey).reload(), ConfigurationError, NO_APP],
  ['Device#reload', () => orphan(Device).reload(), ConfigurationError, NO_APP],
  ['Webhook#delete', () => orphan(Webhook).delete(), ConfigurationError, NO_APP],
];

/** Statics that return a Collection (lazy): they keep throwing bad input at once, by design. */
const COLLECTION_STATICS = new Set(['all']);

/**
 * Runs `call`, failing on a synchronous throw, and asserts the promise rejects with `Class` and `message`
 * without a request: nock blocks the network, and interceptors for every verb and path stay unconsumed.
 */
async function expectRejection(
  call: () => Promise<unknown>,
  Class: ErrorClass,
  message: RegExp,
): Promise<void> {
  const traps = trap(
    nock(BASE).get(/.*/).reply(200, {}).post(/.*/).reply(200, {}).patch(/.*/).reply(200, {}),
  );
  traps.delete(/.*/).reply(200, {});
  let promise: Promise<unknown>;
  try {
    promise = call();
  } catch (error) {
    expect.fail(`threw synchronously: ${String(error)}`);
  }
  expect(promise).to.be.instanceOf(Promise);
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  expect(outcome).to.have.property('rejected');
  const { rejected } = outcome as { rejected: unknown };
  expect(rejected).to.be.instanceOf(Class);
  expect((rejected as Error).message).to.match(message);
  expect(traps.pendingMocks()).to.have.length(4);
}

describe('bad input rejects, never throws synchronously', () => {
  describe('model statics', () => {
    for (const [name, call, Class, message] of statics) {
      it(`${name} rejects with ${Class.name} ${message}`, () => expectRejection(call, Class, message));
    }

    it('covers every promise-returning static of every model class exported from lib/index.ts', () => {
      const models = Object.entries(lib).filter(
        ([, value]) => typeof value === 'function' && value.prototype instanceof Model,
      ) as [string, object][];
      expect(models.map(([name]) => name)).to.include.members(['App', 'AppUser', 'Conversation', 'Webhook']);
      const covered = new Set(statics.map(([name]) => name));
      const missing = models.flatMap(([name, Class]) =>
        Object.getOwnPropertyNames(Class)
          .filter((key) => typeof (Class as Record<string, unknown>)[key] === 'function')
          .filter((key) => !COLLECTION_STATICS.has(key))
          .map((key) => `${name}.${key}`)
          .filter((call) => !covered.has(call)),
      );
      expect(missing).to.deep.equal([]);
    });
  });

  describe('model instance methods', () => {
    for (const [name, call, Class, message] of instances) {
      it(`${name} rejects with ${Class.name} ${message}`, () => expectRejection(call, Class, message));
    }
  });

  describe('connection calls', () => {
    // request() and requestWithResponse() are not `async` themselves (one promise less per call): what they
    // hand to must still turn bad options into a rejection.
    const big = { text: 'x'.repeat(101 * 1024) };
    const calls: [string, () => Promise<unknown>, ErrorClass, RegExp][] = [
      [
        'request',
        () => connection.request({ method: 'GET', path: '/v2/apps', timeout: -1 }),
        ConfigurationError,
        /timeout must be/,
      ],
      [
        'request',
        () => connection.request({ method: 'POST', path: '/v2/apps', json: big }),
        RangeError,
        /100/,
      ],
      [
        'requestWithResponse',
        () =>
          connection.requestWithResponse({ method: 'GET', path: '/v2/apps', timeout: { nap: 1 } as never }),
        ConfigurationError,
        /Unknown timeout phase nap/,
      ],
    ];
    for (const [name, call, Class, message] of calls) {
      it(`connection.${name} rejects with ${Class.name} ${message}`, () =>
        expectRejection(call, Class, message));
    }
  });

  describe('Collection statics stay synchronous', () => {
    it('Key.all, Conversation.all and Webhook.all throw at once, before any request', () => {
      expect(() => Key.all({ connection: noApp })).to.throw(ConfigurationError, NO_APP);
      expect(() => Conversation.all({} as never, { connection })).to.throw(TypeError, /needs exactly one/);
      expect(() => Webhook.all({ connection: noApp })).to.throw(ConfigurationError, NO_APP);
    });
  });
});
