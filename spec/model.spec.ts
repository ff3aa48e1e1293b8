import util from 'node:util';
import { expect } from 'chai';
import { Type } from 'class-transformer';
import nock from 'nock';
import { ConfigurationError } from '../lib/errors.js';
import { bindingOf, callOptions, hydrate, hydrateReceived, Model, requireAppId } from '../lib/model.js';
import { App } from '../lib/models/app.js';
import { resource } from '../lib/resource.js';
import { configure } from '../lib/connection/connection.js';
import { APP_ID, BASE, BASIC, TEST_SECRET, testConnection } from './support/fixtures.js';
import { trap } from './support/nock-traps.js';

/** A nested typed object, as models declare them (esbuild emits no metadata: @Type is explicit). */
class Profile {
  givenName?: string;
  email?: string;
  greet(): string {
    return `Hi ${this.givenName}`;
  }
}

const NOTES = resource({ path: '/v2/notes', one: 'note', many: 'notes', operations: ['save'] });

/** A tiny model with the field kinds the real ones have: dates, a typed nested object, arrays, metadata. */
class Note extends Model {
  static override readonly writable = ['title', 'done', 'tags', 'profile', 'dueAt', 'metadata'];
  id!: string;
  title!: string;
  done?: boolean;
  tags?: string[];
  @Type(() => Profile) profile!: Profile;
  @Type(() => Date) createdAt!: Date;
  @Type(() => Date) dueAt?: Date;
  metadata?: Record<string, unknown> | null;

  save(): Promise<this> {
    return this.saveTo(NOTES);
  }
}

const NOTE = {
  id: 'n1',
  title: 'Call Bob',
  done: true,
  tags: ['a'],
  profile: { givenName: 'Bob', email: 'bob@example.com' },
  createdAt: '2026-01-02T03:04:05.678Z',
  dueAt: '2026-02-01T00:00:00.000Z',
  metadata: { tier: 'gold', tags: ['x'] },
  surprise: { addedLater: true },
};

const APP = {
  id: APP_ID,
  displayName: 'Acme',
  settings: { maskCreditCardNumbers: true, useAnimalNames: false },
  metadata: { tier: 'gold', tags: ['a'] },
  subdomain: 'acme',
};

const connection = testConnection();
const binding = { connection, appId: APP_ID };
const note = () => hydrate(Note, structuredClone(NOTE), binding);
const app = () => hydrate(App, structuredClone(APP), binding);

describe('Model', () => {
  describe('hydrate', () => {
    it('makes a real instance: dates as Date, typed nested objects, unknown fields kept', () => {
      const n = note();
      expect(n).to.be.instanceOf(Note).and.instanceOf(Model);
      expect(n.createdAt).to.be.instanceOf(Date);
      expect(n.createdAt.toISOString()).to.equal(NOTE.createdAt);
      expect(n.profile).to.be.instanceOf(Profile);
      expect(n.profile.greet()).to.equal('Hi Bob');
      expect((n as unknown as typeof NOTE).surprise).to.deep.equal({ addedLater: true });
    });

    it('gives the wire shape back from toJSON(): ISO dates, unknown fields, no connection', () => {
      const n = note();
      expect(n.toJSON()).to.deep.equal(NOTE);
      expect(JSON.parse(JSON.stringify(n))).to.deep.equal(NOTE);
      expect(Object.keys(n)).not.to.include('connection');
      expect(util.inspect(n)).not.to.include(TEST_SECRET);
    });

    it('serialises a Date set by the user as an ISO string', () => {
      const n = note();
      n.dueAt = new Date(Date.UTC(2026, 2, 3));
      expect(n.toJSON().dueAt).to.equal('2026-03-03T00:00:00.000Z');
    });

    it('binds the instance to the connection and app it came from', () => {
      const n = note();
      expect(n.connection).to.equal(connection);
      expect(n.appId).to.equal(APP_ID);
    });

    it('keeps `constructor` and `__proto__` keys of free-form data as plain data, polluting nothing', () => {
      const plain = JSON.parse(
        '{"id":"1","metadata":{"constructor":"c","__proto__":{"polluted":true},"b":1}}',
      );
      const a = hydrate(App, plain, binding);
      expect(a).to.be.instanceOf(App);
      expect(Object.keys(a.metadata!)).to.have.members(['constructor', '__proto__', 'b']);
      expect(a.metadata!.constructor).to.equal('c');
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(a.isDirty).to.equal(false);
      expect(JSON.stringify(a)).to.equal(
        '{"id":"1","metadata":{"b":1,"constructor":"c","__proto__":{"polluted":true}}}',
      );
    });

    it('keeps nested keys named like Object.prototype members, clean and in toJSON()', async () => {
      const metadata = { valueOf: 1, toString: 'x', hasOwnProperty: true, plan: 'free' };
      const a = hydrate(App, { id: '1', metadata }, binding);
      expect(a.isDirty).to.equal(false);
      expect(a.toJSON()).to.deep.equal({ id: '1', metadata });
      expect(a.metadata!.valueOf).to.equal(1);
      const scope = nock(BASE)
        .patch('/v2/apps/1', { metadata: { plan: 'pro' } })
        .reply(200, { app: { id: '1', metadata: { ...metadata, plan: 'pro' } } });
      a.metadata!.plan = 'pro';
      expect(a.changes()).to.deep.equal({ metadata: { plan: 'pro' } });
      await a.save();
      scope.done();
      expect(a.isDirty).to.equal(false);
      expect(a.metadata!.hasOwnProperty).to.equal(true);
    });

    it('ignores top-level `constructor` and `__proto__` keys: an instance keeps its class', () => {
      const a = hydrate(App, JSON.parse('{"id":"1","constructor":"x","__proto__":{"save":1}}'), binding);
      expect(a).to.be.instanceOf(App);
      expect(a.constructor).to.equal(App);
      expect(a.save).to.equal(App.prototype.save);
    });
  });

  describe('dirty tracking', () => {
    it('sees no change right after hydration', () => {
      expect(app().isDirty).to.equal(false);
      expect(app().changes()).to.equal(undefined);
      expect(note().changes()).to.equal(undefined);
    });

    it('diffs nested objects key by key', () => {
      const a = app();
      a.settings.maskCreditCardNumbers = false;
      a.settings.echoPostback = true;
      expect(a.changes()).to.deep.equal({ settings: { maskCreditCardNumbers: false, echoPostback: true } });
      const n = note();
      n.profile.email = 'robert@example.com';
      expect(n.changes()).to.deep.equal({ profile: { email: 'robert@example.com' } });
    });

    it('counts false, null and empty string as changes', () => {
      const n = note();
      n.done = false;
      n.title = '';
      n.metadata = null;
      expect(n.changes()).to.deep.equal({ done: false, title: '', metadata: null });
    });

    it('tracks in-place edits of arrays, sending the whole array', () => {
      const a = app();
      (a.metadata!.tags as string[]).push('vip');
      expect(a.changes()).to.deep.equal({ metadata: { tags: ['a', 'vip'] } });
      const n = note();
      n.tags!.splice(0, 1);
      expect(n.changes()).to.deep.equal({ tags: [] });
    });

    it('sends null for a removed metadata key', () => {
      const a = app();
      delete a.metadata!.tier;
      expect(a.changes()).to.deep.equal({ metadata: { tier: null } });
    });

    it('compares dates by value: an equal Date is no change, another one is sent as ISO', () => {
      const n = note();
      n.dueAt = new Date(NOTE.dueAt);
      expect(n.isDirty).to.equal(false);
      n.dueAt = new Date(Date.UTC(2026, 5, 1));
      expect(n.changes()).to.deep.equal({ dueAt: '2026-06-01T00:00:00.000Z' });
    });

    it('ignores fields the model does not write (ids, read-only and unknown fields)', () => {
      const a = app() as App & { surprise?: number };
      a.id = 'other';
      a.subdomain = 'other';
      a.surprise = 1;
      expect(a.isDirty).to.equal(false);
    });
  });

  describe('save', () => {
    it('makes no request when nothing changed', async () => {
      const scope = trap(nock(BASE).patch(/.*/).reply(200, {}));
      const a = app();
      expect(await a.save()).to.equal(a);
      expect(scope.isDone()).to.equal(false);
      expect(nock.pendingMocks()).to.have.length(1);
    });

    it('PATCHes exactly the changed fields, then rehydrates from the answer', async () => {
      const answer = {
        ...APP,
        displayName: 'Acme Support',
        metadata: { tags: ['a', 'vip'] },
        addedByServer: 1,
      };
      const scope = nock(BASE)
        .patch(`/v2/apps/${APP_ID}`, {
          displayName: 'Acme Support',
          metadata: { tier: null, tags: ['a', 'vip'] },
        })
        .matchHeader('authorization', BASIC)
        .reply(200, { app: answer });
      const a = app();
      a.displayName = 'Acme Support';
      delete a.metadata!.tier;
      (a.metadata!.tags as string[]).push('vip');
      expect(await a.save()).to.equal(a);
      scope.done();
      expect(a).to.be.instanceOf(App);
      expect(a.toJSON()).to.deep.equal(answer);
      expect(a.isDirty).to.equal(false);
      a.settings.useAnimalNames = true;
      expect(a.changes()).to.deep.equal({ settings: { useAnimalNames: true } });
    });

    it('rehydrates dates and typed objects from the answer', async () => {
      nock(BASE)
        .patch('/v2/notes/n1', { title: 'Call Robert' })
        .reply(200, { note: { ...NOTE, title: 'Call Robert', createdAt: '2027-01-01T00:00:00.000Z' } });
      const n = note();
      n.title = 'Call Robert';
      await n.save();
      expect(n.createdAt).to.be.instanceOf(Date);
      expect(n.createdAt.getUTCFullYear()).to.equal(2027);
      expect(n.profile).to.be.instanceOf(Profile);
      expect(n.isDirty).to.equal(false);
    });
  });

  describe('no shared state', () => {
    it('gives two instances hydrated from the same body their own objects', () => {
      const body = structuredClone(APP);
      const a = hydrate(App, body, binding);
      const b = hydrate(App, body, binding);
      a.settings.useAnimalNames = true;
      (a.metadata!.tags as string[]).push('x');
      expect(b.settings.useAnimalNames).to.equal(false);
      expect(b.metadata!.tags).to.deep.equal(['a']);
      expect(b.isDirty).to.equal(false);
      expect(body).to.deep.equal(APP);
    });

    it('is not affected when the body it came from changes later', () => {
      const body = structuredClone(APP);
      const a = hydrate(App, body, binding);
      body.settings.useAnimalNames = true;
      body.metadata.tags.push('later');
      expect(a.isDirty).to.equal(false);
    });
  });

  describe('hydrateReceived (a body the library parsed, kept as the snapshot)', () => {
    it('tracks changes like hydrate(): the instance shares no object with the body it keeps', () => {
      const body = JSON.parse(JSON.stringify(NOTE)) as typeof NOTE;
      const a = hydrateReceived(Note, body, binding);
      expect(a.isDirty).to.equal(false);
      expect(a.profile).not.to.equal(body.profile);
      expect(a.tags).not.to.equal(body.tags);
      a.profile.email = 'robert@example.com';
      a.tags!.push('b');
      (a.metadata!.tags as string[]).push('y');
      expect(a.changes()).to.deep.equal({
        profile: { email: 'robert@example.com' },
        tags: ['a', 'b'],
        metadata: { tags: ['x', 'y'] },
      });
      expect(body).to.deep.equal(NOTE);
    });

    it('gives the same instance, snapshot and wire shape as hydrate() for a parsed body', () => {
      const viaHydrate = hydrate(Note, JSON.parse(JSON.stringify(NOTE)), binding);
      const received = hydrateReceived(Note, JSON.parse(JSON.stringify(NOTE)), binding);
      expect(received).to.be.instanceOf(Note);
      expect(received.toJSON()).to.deep.equal(viaHydrate.toJSON());
      expect(received.connection).to.equal(connection);
      received.dueAt = new Date('2026-03-01T00:00:00.000Z');
      viaHydrate.dueAt = new Date('2026-03-01T00:00:00.000Z');
      expect(received.changes()).to.deep.equal(viaHydrate.changes());
    });
  });

  describe('bindings', () => {
    it('bindingOf takes the per-call connection and appId, else the default', () => {
      const other = testConnection({ appId: 'other' });
      expect(bindingOf({ connection: other })).to.deep.equal({ connection: other, appId: 'other' });
      expect(bindingOf({ connection: other, appId: 'given' }).appId).to.equal('given');
      const fallback = configure(testConnection());
      expect(bindingOf()).to.deep.equal({ connection: fallback, appId: APP_ID });
    });

    it('requireAppId throws a ConfigurationError when there is no app', () => {
      const account = testConnection({ appId: undefined, keyId: 'act_1' });
      expect(() => requireAppId({ connection: account, appId: undefined })).to.throw(
        ConfigurationError,
        /appId/,
      );
      expect(requireAppId({ connection: account, appId: 'a' })).to.equal('a');
    });

    it('callOptions keeps only signal, timeout and retry', () => {
      const signal = new AbortController().signal;
      const options = { signal, timeout: 5, retry: true, connection, appId: 'x' };
      expect(callOptions(options)).to.deep.equal({ signal, timeout: 5, retry: true });
    });
  });
});
