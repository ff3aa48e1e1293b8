// Hostile bodies: prototype keys anywhere stay inert; too large or too deeply nested bodies are refused fast.
import { expect } from 'chai';
import { ParseError } from '../../lib/errors.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Message } from '../../lib/models/message.js';
import { webhookDelivery } from '../../lib/testing/index.js';
import { Notification } from '../../lib/webhooks/notification.js';
import { DEFAULT_BODY_LIMIT, safeJsonParse, sanitize } from '../../lib/webhooks/safe-json.js';

type Plain = Record<string, unknown>;

const POISON = '{"polluted":"yes"}';
const hostile = `{
  "__proto__": ${POISON},
  "constructor": {"prototype": ${POISON}},
  "app": {"id": "a1", "__proto__": ${POISON}},
  "webhook": {"id": "w1", "version": "v2"},
  "events": [{
    "id": "e1", "type": "conversation:message", "createdAt": "2020-09-30T15:14:29.834Z",
    "__proto__": ${POISON},
    "payload": {
      "__proto__": ${POISON},
      "conversation": {"id": "c1", "type": "personal", "__proto__": ${POISON}, "constructor": {"prototype": ${POISON}}},
      "message": {
        "id": "m1", "author": {"type": "user", "__proto__": ${POISON}},
        "content": {"type": "text", "text": "hi", "__proto__": ${POISON}, "prototype": ${POISON}},
        "metadata": {"list": [{"__proto__": ${POISON}}, [{"constructor": {"prototype": ${POISON}}}]]}
      },
      "user": {"id": "u1", "profile": {"__proto__": ${POISON}}}
    }
  }]
}`;

function expectClean(): void {
  expect(({} as Plain).polluted).to.equal(undefined);
  expect((Object.prototype as Plain).polluted).to.equal(undefined);
  expect((Array.prototype as unknown as Plain).polluted).to.equal(undefined);
  for (const Class of [Conversation, Message, AppUser]) {
    expect((Class.prototype as unknown as Plain).polluted).to.equal(undefined);
  }
}

describe('webhook parsing safety', () => {
  afterEach(() => {
    // A failing test must not leave a polluted prototype behind for the others.
    delete (Object.prototype as Plain).polluted;
  });

  for (const [name, body] of [
    ['a string', () => hostile],
    ['a Buffer', () => Buffer.from(hostile)],
    ['an object a body parser made', () => JSON.parse(hostile) as Plain],
  ] as const) {
    it(`keeps __proto__ / constructor / prototype keys inert in ${name}`, () => {
      const notification = Notification.parse(body(), { verify: false });
      expectClean();
      const [event] = notification.events;
      if (event?.type !== 'conversation:message') throw new Error('expected conversation:message');
      expect(event.message.content).to.include({ type: 'text', text: 'hi' });
      expect((event.message.content as unknown as Plain).polluted).to.equal(undefined);
      expect((event.conversation as unknown as Plain).polluted).to.equal(undefined);
      expect(Object.getPrototypeOf(event.conversation)).to.equal(Conversation.prototype);
      expect(Object.getPrototypeOf(event.payload)).to.equal(Object.prototype);
      expect(Object.keys(event.payload)).to.not.include('__proto__');
      expect(JSON.stringify(event.payload)).to.not.include('polluted');
      expect(JSON.stringify(notification)).to.not.include('polluted');
    });
  }

  it('keeps hostile keys inert in legacy v1 bodies too', () => {
    const v1 = `{"trigger":"message:appUser","__proto__":${POISON},"app":{"_id":"a1"},
      "appUser":{"_id":"u1","properties":{"__proto__":${POISON}}},
      "messages":[{"_id":"m1","role":"appUser","text":"hi","constructor":{"prototype":${POISON}}}]}`;
    const [event] = Notification.parse(v1, { verify: false }).events;
    expectClean();
    expect(JSON.stringify(event)).to.not.include('polluted');
  });

  it('refuses a body over the limit with a clear ParseError, before parsing it', () => {
    const big = JSON.stringify({ events: [], padding: 'x'.repeat(DEFAULT_BODY_LIMIT) });
    expect(() => Notification.parse(big, { verify: false })).to.throw(
      ParseError,
      /larger than the 1048576-byte limit/,
    );
    expect(() => Notification.parse(Buffer.from(big), { verify: false })).to.throw(ParseError, /larger than/);
    const small = webhookDelivery('conversation:remove').body;
    expect(() => Notification.parse(small, { verify: false, limit: 100 })).to.throw(
      ParseError,
      /100-byte limit/,
    );
  });

  it('refuses nesting deeper than 64 levels (text and objects), accepts 64', () => {
    const nested = (depth: number) => `{"events":[],"deep":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(() => Notification.parse(nested(64), { verify: false })).to.not.throw();
    expect(() => Notification.parse(nested(65), { verify: false })).to.throw(
      ParseError,
      /nested deeper than 64 levels/,
    );
    let deep: Plain = {};
    const root = { events: [], deep };
    for (let i = 0; i < 100; i++) deep = (deep.next = {}) as Plain;
    expect(() => Notification.parse(root, { verify: false })).to.throw(ParseError, /nested deeper/);
    expect(() => Notification.parse(nested(10), { verify: false, maxDepth: 5 })).to.throw(
      ParseError,
      /deeper than 5 levels/,
    );
  });

  it('refuses a cyclic object instead of overflowing the stack', () => {
    const cyclic: Plain = { events: [] };
    cyclic.self = cyclic;
    expect(() => Notification.parse(cyclic, { verify: false })).to.throw(ParseError, /nested deeper/);
  });

  it('refuses a nesting bomb of a whole megabyte quickly', () => {
    const bomb = '['.repeat(DEFAULT_BODY_LIMIT - 10);
    const start = Date.now();
    expect(() => Notification.parse(bomb, { verify: false })).to.throw(ParseError, /nested deeper/);
    expect(Date.now() - start).to.be.below(1000);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = `{"events":[],"s":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`;
    expect((safeJsonParse(text) as Plain).s).to.have.length(201);
  });

  it('says what is wrong with malformed bodies', () => {
    expect(() => Notification.parse('{"events": [', { verify: false })).to.throw(
      ParseError,
      /not valid JSON/,
    );
    expect(() => Notification.parse('[1,2]', { verify: false })).to.throw(ParseError, /not a JSON object/);
    expect(() => Notification.parse('{"hello":"world"}', { verify: false })).to.throw(
      ParseError,
      /neither `events` \(v2\) nor `trigger`/,
    );
    expect(() => Notification.parse('{"events":[1]}', { verify: false })).to.throw(
      ParseError,
      /events must be objects/,
    );
  });

  it('sanitize copies into fresh plain objects and keeps dates', () => {
    const at = new Date(0);
    const input = JSON.parse('{"a":{"__proto__":{"x":1},"b":[{"constructor":1,"c":2}]}}') as Plain;
    const out = sanitize({ ...input, at }) as Plain;
    expect(out).to.deep.equal({ a: { b: [{ c: 2 }] }, at });
    expect(out.a).to.not.equal(input.a);
  });
});
