import { expect } from 'chai';
import { Exclude, Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { App } from '../lib/models/app.js';
import { AppUser, Profile } from '../lib/models/app-user.js';
import { Attachment } from '../lib/models/attachment.js';
import { Client } from '../lib/models/client.js';
import { Content, CONTENT_TYPES } from '../lib/models/content/index.js';
import { Conversation } from '../lib/models/conversation.js';
import { Device } from '../lib/models/device.js';
import { Integration } from '../lib/models/integration.js';
import { IntegrationKey } from '../lib/models/integration-key.js';
import { Key } from '../lib/models/key.js';
import { Author, Message } from '../lib/models/message.js';
import { Participant } from '../lib/models/participant.js';
import { Switchboard } from '../lib/models/switchboard.js';
import { SwitchboardIntegration } from '../lib/models/switchboard-integration.js';
import { Webhook } from '../lib/models/webhook.js';
import { MAX_DEPTH } from '../lib/hydrator.js';
import { ParseError } from '../lib/errors.js';
import { type Binding, hydrate, Model, type ModelClass } from '../lib/model.js';
import { testConnection } from './support/fixtures.js';

type Plain = Record<string, unknown>;
const AT = '2020-05-21T15:53:30.197Z';

/** Free-form data every body carries: nulls, arrays, nested objects. */
const extras = (): Plain => ({
  metadata: { b: 1, c: { d: [1, { e: null }] } },
  list: [1, 'two', null, [3], { a: [{ b: null }] }],
  nothing: null,
  unknownField: { deep: { deeper: [true, false] } },
});

/** A body as parsed from a response. */
const parsed = (body: Plain): Plain => JSON.parse(JSON.stringify({ ...extras(), ...body }));

const content = (type: string, fields: Plain = {}): Plain => ({ type, ...fields });
const CONTENTS: Plain[] = [
  content('text', {
    text: 'Hi',
    actions: [{ type: 'reply', text: 'Yes', payload: 'Y', metadata: { a: 1 } }],
  }),
  content('image', { mediaUrl: 'https://example.com/a.png', altText: 'a' }),
  content('file', { mediaUrl: 'https://example.com/a.pdf', mediaSize: 3 }),
  content('carousel', { items: [{ title: 'T', actions: [{ type: 'postback', text: 'Go', payload: 'P' }] }] }),
  content('list', { items: [{ title: 'T', size: 'large', actions: [] }], actions: [] }),
  content('location', { coordinates: { lat: 1.5, long: -2 }, location: { address: 'Here' } }),
  content('template', { template: { name: 'hello', language: { code: 'en' } } }),
  content('form', { fields: [{ type: 'text', name: 'n', label: 'Name' }], blockChatInput: true }),
  content('formResponse', {
    fields: [{ type: 'select', name: 's', label: 'S', select: [{ label: 'A', name: 'a' }] }],
  }),
  content('fromTheFuture', { hologram: { depth: 3 }, when: AT }),
];

const BODIES: [ModelClass<Model>, Plain][] = [
  [App, { id: 'a1', displayName: 'Acme', settings: { maskCreditCardNumbers: true } }],
  [Key, { id: 'k1', displayName: 'Key', secret: 'test-secret-not-real' }],
  [IntegrationKey, { id: 'k2', displayName: 'Key', secret: 'test-secret-not-real' }],
  [Integration, { id: 'i1', type: 'messenger', status: 'active', pageId: 'p1' }],
  [
    Integration,
    { id: 'i2', type: 'web', displayName: 'Web', brandColor: '65758e', whitelistedDomains: ['a.com'] },
  ],
  [
    AppUser,
    {
      id: 'u1',
      externalId: 'b6518',
      signedUpAt: AT,
      profile: { givenName: 'Bob', email: 'bob@example.com', localeOrigin: 'apiRequest' },
      identities: [{ type: 'email', value: 'bob@example.com' }],
    },
  ],
  [AppUser, { id: 'u2', signedUpAt: null, profile: null }],
  [AppUser, { id: 'u3', signedUpAt: 1590076410197, profile: 'odd' }],
  [
    Client,
    {
      id: 'c1',
      type: 'web',
      status: 'active',
      lastSeen: AT,
      linkedAt: 1590076410197,
      info: {},
      raw: { a: 1 },
    },
  ],
  [Device, { id: 'd1', type: 'android', guid: 'g', lastSeen: AT, info: { model: 'x' } }],
  [
    Participant,
    {
      id: 'p1',
      userId: 'u1',
      unreadCount: 0,
      lastRead: AT,
      clientAssociations: [{ type: 'web', clientId: 'c1' }],
    },
  ],
  [Participant, { id: 'p2', lastRead: null }],
  [
    Conversation,
    {
      id: 'v1',
      type: 'personal',
      businessLastRead: AT,
      lastUpdatedAt: null,
      createdAt: AT,
      activeSwitchboardIntegration: { id: 's' },
    },
  ],
  [Attachment, { mediaUrl: 'https://example.com/a.png', mediaType: 'image/png' }],
  [
    Webhook,
    {
      id: 'w1',
      version: 'v2',
      target: 'https://example.com/hook',
      triggers: ['conversation:message'],
      secret: 'test-secret-not-real',
    },
  ],
  [Switchboard, { id: 's1', enabled: true, defaultSwitchboardIntegrationId: 'si1' }],
  [
    SwitchboardIntegration,
    { id: 'si1', name: 'bot', integrationType: 'zd:agentWorkspace', deliverStandbyEvents: false },
  ],
  ...CONTENTS.map((c, i): [ModelClass<Model>, Plain] => [
    Message,
    {
      id: `m${i}`,
      received: AT,
      author: { type: 'user', userId: 'u1', subtypes: ['AI'] },
      content: c,
      source: { type: 'web' },
    },
  ]),
  [
    Message,
    {
      id: 'mx',
      received: null,
      author: null,
      content: [content('text', { text: 'a' }), content('nope'), 'str'],
    },
  ],
  [Message, { id: 'my', content: 'not an object', quotedMessage: null, deleted: null }],
];

/** Every level of `value`: its prototype's constructor name, own keys in order, and the values. */
function shape(value: unknown): unknown {
  if (value instanceof Date) return { Date: String(value.getTime()) };
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value) as object | null;
  const out: Plain = { '[proto]': proto?.constructor.name ?? 'null' };
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: shape((value as Plain)[key]), enumerable: true });
  }
  return out;
}

describe('hydrator (lib/hydrator.ts) against class-transformer', () => {
  let binding: Binding;
  beforeEach(() => {
    binding = { connection: testConnection(), appId: 'app1' };
  });

  for (const [Class, body] of BODIES) {
    it(`builds the same ${Class.name} as plainToInstance (${String(body.id ?? body.mediaUrl)})`, () => {
      const built = hydrate(Class, parsed(body), binding);
      const oracle = plainToInstance(Class, parsed(body)).bind(binding, parsed(body));
      expect(Object.getPrototypeOf(built)).to.equal(Class.prototype);
      expect(shape(built)).to.deep.equal(shape(oracle));
      // Key order too, and the snapshot.
      expect(JSON.stringify(built)).to.equal(JSON.stringify(oracle));
      expect(built.changes()).to.equal(undefined);
    });
  }

  it('picks each content class by type, an unknown type staying a Content with every field', () => {
    for (const c of CONTENTS) {
      const message = hydrate(Message, { id: 'm', content: c }, binding) as Message;
      const known = CONTENT_TYPES.find((t) => t.name === c.type)?.value ?? Content;
      expect(Object.getPrototypeOf(message.content)).to.equal(known.prototype);
      expect(message.content).to.deep.include(c);
    }
  });

  it('builds nested classes and dates, and keeps what is null as null', () => {
    const user = hydrate(
      AppUser,
      { id: 'u', signedUpAt: AT, profile: { email: 'e' }, brandId: null },
      binding,
    );
    expect(user.profile).to.be.instanceOf(Profile);
    expect(user.signedUpAt).to.be.instanceOf(Date).and.deep.equal(new Date(AT));
    expect(user.brandId).to.equal(null);
    const message = hydrate(Message, { id: 'm', author: { type: 'business' } }, binding);
    expect(message.author).to.be.instanceOf(Author);
  });

  it("shares no object with the caller's data: changing it later changes neither the instance nor its snapshot", () => {
    const plain = parsed({
      id: 'u',
      signedUpAt: AT,
      profile: { email: 'e' },
      identities: [{ type: 't', value: 'v' }],
    });
    const user = hydrate(AppUser, plain, binding);
    const before = JSON.stringify(user);
    (plain.profile as Plain).email = 'changed';
    (plain.metadata as Plain).b = 2;
    (plain.identities as Plain[])[0]!.value = 'changed';
    (plain.list as unknown[]).push('more');
    expect(JSON.stringify(user)).to.equal(before);
    expect(user.isDirty).to.equal(false);
    user.profile.email = 'new';
    expect(user.changes()).to.deep.equal({ profile: { email: 'new' } });
  });

  it('takes prototype-named keys as data below the model, and never as machinery at its top', () => {
    const body = JSON.parse(
      '{"id":"u","__proto__":{"polluted":1},"constructor":"c","toString":"x","save":1,"isDirty":true,' +
        '"appId":"fb-app","metadata":{"b":1,"constructor":"c","__proto__":{"p":1},"valueOf":{"toString":[1]}}}',
    ) as Plain;
    const user = hydrate(AppUser, body, binding);
    expect(Object.getPrototypeOf(user)).to.equal(AppUser.prototype);
    // Methods and read-only accessors are not taken; an accessor with a setter becomes an own data field.
    expect(Object.keys(user)).to.deep.equal(['id', 'metadata', 'appId']);
    expect(user.appId).to.equal('fb-app');
    expect(typeof user.save).to.equal('function');
    const metadata = user.metadata as Plain;
    expect(Object.keys(metadata)).to.deep.equal(['b', 'constructor', '__proto__', 'valueOf']);
    expect(Object.getPrototypeOf(metadata)).to.equal(Object.prototype);
    expect(metadata.valueOf).to.deep.equal({ toString: [1] });
    expect(({} as Plain).polluted).to.equal(undefined);
    expect(user.changes()).to.equal(undefined);
  });

  it('keeps a date that is no time as an Invalid Date that serialises as sent', () => {
    const user = hydrate(AppUser, { id: 'u', signedUpAt: 'garbage' }, binding);
    expect(user.signedUpAt).to.be.instanceOf(Date);
    expect(Number.isNaN(user.signedUpAt!.getTime())).to.equal(true);
    expect(user.toJSON()).to.deep.equal({ id: 'u', signedUpAt: 'garbage' });
    expect(user.changes()).to.equal(undefined);
    // As class-transformer builds it, apart from the serialisation.
    expect(shape(user)).to.deep.equal(shape(plainToInstance(AppUser, { id: 'u', signedUpAt: 'garbage' })));
  });

  it(`refuses data nested deeper than ${MAX_DEPTH} levels with a ParseError and an excerpt`, () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = i % 2 ? [deep] : { a: deep };
    const error = (() => {
      try {
        return hydrate(AppUser, { id: 'u', metadata: deep }, binding);
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.be.instanceOf(ParseError);
    expect((error as ParseError).excerpt).to.match(/^\{"id":"u","metadata":\[\{"a":\[/);
    let fits: unknown = 'bottom';
    for (let i = 0; i < MAX_DEPTH - 1; i++) fits = { a: fits };
    expect(hydrate(AppUser, { id: 'u', metadata: fits }, binding).toJSON().metadata).to.deep.equal(fits);
  });

  it('refuses, with a TypeError naming it, a class using class-transformer features it does not run', () => {
    class Exposed extends Model {
      @Expose({ name: 'wire_name' })
      wireName?: string;
    }
    class Excluded extends Model {
      @Exclude()
      hidden?: string;
    }
    class Transformed extends Model {
      @Transform(({ value }) => String(value).toUpperCase())
      shout?: string;
    }
    class Mapped extends Model {
      @Type(() => String)
      name?: string;
    }
    expect(() => hydrate(Exposed, { wire_name: 'w' }, binding)).to.throw(TypeError, /Exposed uses @Expose/);
    expect(() => hydrate(Excluded, {}, binding)).to.throw(TypeError, /Excluded uses @Exclude/);
    expect(() => hydrate(Transformed, { shout: 'hey' }, binding)).to.throw(TypeError, /Transformed.shout/);
    expect(() => hydrate(Mapped, { name: 'n' }, binding)).to.throw(TypeError, /Mapped.name/);
  });
});
