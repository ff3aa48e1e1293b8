// The shared CRUD suite: for every model that declares a resource, each declared operation sends the request
// its declaration says (method, path with encoded ids, wire keys), returns the subclass it was called on, and
// refuses bad ids before any request; each operation it does not declare is absent from the class.
import { expect } from 'chai';
import nock from 'nock';
import type { Collection } from '../lib/collection.js';
import * as lib from '../lib/index.js';
import { hydrate, type InstanceCallOptions, Model } from '../lib/model.js';
import { find, type Operation, type Resource, resource } from '../lib/resource.js';
import { APP_ID, BASE, testConnection } from './support/fixtures.js';

const connection = testConnection();
const APP = `/v2/apps/${APP_ID}`;
/** An id that must be percent-encoded to stay one path segment. */
const ODD_ID = 'a/b c';
const ODD_SEGMENT = 'a%2Fb%20c';
const PARENT = 'p1';

type Options = { connection: typeof connection; integrationId?: string };
type Found = Promise<Model>;
/** A model class as this suite sees it: its declaration, and whatever statics it has. */
type Declared = typeof Model & { resource: Resource<Operation, unknown> };

/** How one model's statics are called (their signatures differ by parent), and what it sends and answers. */
interface Entry<C> {
  Model: C;
  /** The list path the declaration must give, with the parent `p1`. */
  path: string;
  /** An item as the API answers it. */
  item: Record<string, unknown>;
  find?: (Class: C, id: string, options: Options) => Found;
  create?: { call: (Class: C, options: Options) => Found; body: nock.DataMatcherMap | undefined };
  all?: (Class: C, options: Options) => Collection<Model>;
  /** A writable field to change before `save()`, which must be the whole PATCH body. */
  change?: nock.DataMatcherMap;
  /** The query every call carries (a user's brand). */
  query?: Record<string, string>;
  /** The filter query of `all`. */
  filter?: Record<string, string>;
  /** Extra call options (a webhook's integration). */
  options?: Partial<Options>;
}

function entry<C>(spec: Entry<C>): Entry<C> {
  return spec;
}

const ENTRIES = [
  entry({
    Model: lib.App,
    path: '/v2/apps',
    item: { id: 'app1', displayName: 'Acme', settings: {}, metadata: null },
    find: (C, id, o) => C.find(id, o),
    create: { call: (C, o) => C.create({ displayName: 'Acme' }, o), body: { displayName: 'Acme' } },
    all: (C, o) => C.all({}, o),
    change: { displayName: 'Acme 2' },
  }),
  entry({
    Model: lib.AppUser,
    path: `${APP}/users`,
    item: { id: 'u1', externalId: 'b6518', profile: {}, metadata: {}, toBeRetained: false },
    find: (C, id, o) => C.find(id, o),
    create: { call: (C, o) => C.create({ externalId: 'b6518' }, o), body: { externalId: 'b6518' } },
    change: { toBeRetained: true },
  }),
  entry({
    Model: lib.Conversation,
    path: `${APP}/conversations`,
    item: { id: 'c1', type: 'personal' },
    find: (C, id, o) => C.find(id, o),
    create: { call: (C, o) => C.create({ type: 'sdkGroup' }, o), body: { type: 'sdkGroup' } },
    all: (C, o) => C.all({ userId: 'u1' }, o),
    filter: { 'filter[userId]': 'u1' },
    change: { displayName: 'VIP' },
  }),
  entry({
    Model: lib.Integration,
    path: `${APP}/integrations`,
    item: { id: 'i1', type: 'custom', displayName: 'crm' },
    find: (C, id, o) => C.find(id, o),
    create: {
      call: (C, o) => C.create({ type: 'telegram', token: 't' }, o),
      body: { type: 'telegram', token: 't' },
    },
    all: (C, o) => C.all({}, o),
    change: { displayName: 'crm 2' },
  }),
  entry({
    Model: lib.Key,
    path: `${APP}/keys`,
    item: { id: 'app_1', displayName: 'bot' },
    find: (C, id, o) => C.find(id, o),
    create: { call: (C, o) => C.create({ displayName: 'bot' }, o), body: { displayName: 'bot' } },
    all: (C, o) => C.all(o),
  }),
  entry({
    Model: lib.Switchboard,
    path: `${APP}/switchboards`,
    item: { id: 's1', enabled: false },
    create: { call: (C, o) => C.create(o), body: undefined },
    all: (C, o) => C.all(o),
    change: { enabled: true },
  }),
  entry({
    Model: lib.IntegrationKey,
    path: `${APP}/integrations/${PARENT}/keys`,
    item: { id: 'int_1', displayName: 'crm' },
    find: (C, id, o) => C.find(PARENT, id, o),
    create: { call: (C, o) => C.create(PARENT, { displayName: 'crm' }, o), body: { displayName: 'crm' } },
    all: (C, o) => C.all(PARENT, o),
  }),
  entry({
    Model: lib.SwitchboardIntegration,
    path: `${APP}/switchboards/${PARENT}/switchboardIntegrations`,
    item: { id: 'si1', name: 'bot', integrationId: 'i1' },
    create: {
      call: (C, o) => C.create(PARENT, { name: 'bot', integrationId: 'i1' }, o),
      body: { name: 'bot', integrationId: 'i1' },
    },
    all: (C, o) => C.all(PARENT, o),
    change: { name: 'bot 2' },
  }),
  entry({
    Model: lib.Client,
    path: `${APP}/users/${PARENT}/clients`,
    item: { id: 'cl1', type: 'whatsapp', status: 'pending' },
    create: {
      call: (C, o) => C.create(PARENT, CLIENT, { ...o, brandId: 'brand1' }),
      body: CLIENT_BODY(),
    },
    all: (C, o) => C.all(PARENT, { ...o, brandId: 'brand1' }),
    query: { brandId: 'brand1' },
  }),
  entry({
    Model: lib.Device,
    path: `${APP}/users/${PARENT}/devices`,
    item: { id: 'd1', type: 'web' },
    find: (C, id, o) => C.find(PARENT, id, { ...o, brandId: 'brand1' }),
    all: (C, o) => C.all(PARENT, { ...o, brandId: 'brand1' }),
    query: { brandId: 'brand1' },
  }),
  entry({
    Model: lib.Webhook,
    path: `${APP}/integrations/${PARENT}/webhooks`,
    item: { id: 'w1', target: 'https://example.com/hooks', triggers: ['conversation:message'] },
    options: { integrationId: PARENT },
    find: (C, id, o) => C.find(id, o),
    create: {
      call: (C, o) =>
        C.create({ target: 'https://example.com/hooks', triggers: ['conversation:message'] }, o),
      body: { target: 'https://example.com/hooks', triggers: ['conversation:message'] },
    },
    all: (C, o) => C.all(o),
    change: { target: 'https://example.com/other' },
  }),
  entry({
    Model: lib.Message,
    path: `${APP}/conversations/${PARENT}/messages`,
    item: { id: 'm1', author: { type: 'business' }, content: { type: 'text', text: 'Hi' } },
  }),
] as unknown as Entry<Declared>[];

function CLIENT_BODY() {
  return {
    matchCriteria: { type: 'whatsapp', integrationId: 'i1', phoneNumber: '+15551234567' },
    confirmation: { type: 'immediate' },
    target: { conversationId: 'c1' },
  } as const;
}
const CLIENT = CLIENT_BODY();

/** Models with a declaration but none of the generic operations (upload and removal by media URL). */
const NOT_CRUD = new Set(['Attachment']);
const STATICS = ['find', 'create', 'all'] as const;
const METHODS = ['save', 'delete'] as const;

/** A fresh subclass: what comes back must be an instance of it, not of the model. */
function subclassOf(Base: Declared): Declared {
  return class Sub extends (Base as unknown as new () => Model) {} as unknown as Declared;
}

/** An instance as loaded under the parent, with the parent (and brand) remembered as the library does. */
function loaded(Class: Declared, item: Record<string, unknown>, query?: Record<string, string>): Model {
  const binding = { connection, appId: APP_ID };
  const instance = hydrate(Class as unknown as new () => Model, item, binding);
  const { resource } = Class;
  return resource.parent === undefined
    ? instance
    : resource.remember(instance, { binding, id: PARENT, brandId: query?.brandId });
}

/** Runs `call` with every route trapped and asserts it rejects with a TypeError before any request. */
async function refusedBeforeRequest(call: () => Promise<unknown>): Promise<void> {
  const trap = nock(BASE).get(/.*/).reply(200, {}).post(/.*/).reply(200, {});
  trap.patch(/.*/).reply(200, {}).delete(/.*/).reply(200, {});
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(TypeError);
  expect(trap.pendingMocks()).to.have.length(4);
  nock.cleanAll();
}

const instanceCall = (instance: Model, method: (typeof METHODS)[number]) =>
  (instance as unknown as Record<string, (o?: InstanceCallOptions) => Promise<unknown>>)[method]!.call(
    instance,
  );

describe('declared resources: the shared CRUD suite', () => {
  it('covers every exported model that declares a resource', () => {
    const declared = Object.entries(lib)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Model)
      .filter(([, value]) => 'resource' in (value as object))
      .map(([name]) => name)
      .filter((name) => !NOT_CRUD.has(name));
    expect(ENTRIES.map((e) => e.Model.name)).to.have.members(declared);
  });

  for (const spec of ENTRIES) {
    const { Model: Base } = spec;
    const declared = Base.resource.operations;
    const options = { connection, ...spec.options } as Options;
    const query = spec.query ?? {};

    describe(Base.name, () => {
      it(`has exactly the declared operations (${[...declared].join(', ') || 'none'})`, () => {
        for (const name of STATICS) {
          expect(typeof (Base as unknown as Record<string, unknown>)[name], `${Base.name}.${name}`).to.equal(
            declared.has(name) ? 'function' : 'undefined',
          );
          expect(Boolean(spec[name]), `the suite calls ${Base.name}.${name}`).to.equal(declared.has(name));
        }
        for (const name of METHODS) {
          expect(typeof (Base.prototype as unknown as Record<string, unknown>)[name], `#${name}`).to.equal(
            declared.has(name) ? 'function' : 'undefined',
          );
        }
        expect(declared.has('save'), 'a change to save').to.equal(spec.change !== undefined);
      });

      const one = Base.resource.one;
      const many = Base.resource.many;
      const id = String(spec.item.id);

      if (spec.find) {
        const find = spec.find;
        it(`find GETs ${spec.path}/{id} (encoded) and returns the subclass`, async () => {
          const Sub = subclassOf(Base);
          const scope = nock(BASE)
            .get(`${spec.path}/${ODD_SEGMENT}`)
            .query(query)
            .reply(200, { [one]: { ...spec.item, id: ODD_ID } });
          const found = await find(Sub, ODD_ID, options);
          scope.done();
          expect(found).to.be.instanceOf(Sub);
          expect((found as unknown as { id: string }).id).to.equal(ODD_ID);
          const parent = Base.resource.parent;
          if (parent) expect((found as unknown as Record<string, unknown>)[parent]).to.equal(PARENT);
        });

        it('find refuses an empty id, `..`, and a missing app before any request', async () => {
          await refusedBeforeRequest(() => find(subclassOf(Base), '', options));
          await refusedBeforeRequest(() => find(subclassOf(Base), '..', options));
          const noApp = testConnection({ keyId: 'act_test', appId: undefined });
          if (spec.path.startsWith(APP)) {
            const error = await find(Base, id, { ...options, connection: noApp }).catch((e: unknown) => e);
            expect(error).to.be.instanceOf(lib.ConfigurationError);
          }
        });
      }

      if (spec.create) {
        const create = spec.create;
        it(`create POSTs to ${spec.path} and returns the subclass`, async () => {
          const Sub = subclassOf(Base);
          const scope = nock(BASE)
            .post(spec.path, create.body ?? ((body: unknown) => body === '' || body === undefined))
            .query(query)
            .reply(201, { [one]: spec.item });
          const created = await create.call(Sub, options);
          scope.done();
          expect(created).to.be.instanceOf(Sub);
          expect(created.toJSON()).to.deep.equal(spec.item);
        });
      }

      if (spec.all) {
        const all = spec.all;
        it(`all GETs ${spec.path} lazily, reads "${many}", and returns the subclass`, async () => {
          const Sub = subclassOf(Base);
          const scope = nock(BASE)
            .get(spec.path)
            .query({ ...query, ...spec.filter })
            .reply(200, { [many]: [spec.item], meta: { hasMore: false } });
          const list = all(Sub, options);
          expect(scope.isDone(), 'no request before iterating').to.equal(false);
          const items = await list.toArray({ limit: 10 });
          scope.done();
          expect(items).to.have.length(1);
          expect(items[0]).to.be.instanceOf(Sub);
          const parent = Base.resource.parent;
          if (parent) expect((items[0] as unknown as Record<string, unknown>)[parent]).to.equal(PARENT);
        });
      }

      if (spec.change) {
        const change = spec.change;
        it(`save PATCHes only the change to ${spec.path}/{id} and refreshes from "${one}"`, async () => {
          const instance = loaded(subclassOf(Base), spec.item, spec.query);
          Object.assign(instance, change);
          const scope = nock(BASE)
            .patch(`${spec.path}/${id}`, change)
            .query(query)
            .reply(200, { [one]: { ...spec.item, ...change } });
          const saved = await instanceCall(instance, 'save');
          scope.done();
          expect(saved).to.equal(instance);
          expect(instance.isDirty).to.equal(false);
        });
      }

      if (declared.has('delete')) {
        it(`delete DELETEs ${spec.path}/{id}`, async () => {
          const instance = loaded(subclassOf(Base), spec.item, spec.query);
          const scope = nock(BASE).delete(`${spec.path}/${id}`).query(query).reply(200, {});
          await instanceCall(instance, 'delete');
          scope.done();
        });
      }

      for (const method of METHODS.filter((m) => declared.has(m))) {
        it(`#${method} refuses an instance whose id is \`..\` before any request`, async () => {
          const instance = loaded(Base, { ...spec.item, id: '..' }, spec.query);
          Object.assign(instance, spec.change ?? {});
          await refusedBeforeRequest(() => instanceCall(instance, method));
        });
      }
    });
  }
});

describe('resource(): the declaration itself', () => {
  const binding = { connection, appId: APP_ID };
  const keys = resource({
    path: '/v2/apps/{appId}/integrations/{integrationId}/keys',
    one: 'key',
    many: 'keys',
    operations: ['find'],
  });

  it('reads the parent from the path and fills each parameter with an encoded segment', () => {
    expect(keys.parent).to.equal('integrationId');
    expect(keys.collectionPath(binding, 'i/1')).to.equal(`${APP}/integrations/i%2F1/keys`);
    expect(keys.itemPath(binding, 'i1', 'k 1')).to.equal(`${APP}/integrations/i1/keys/k%201`);
    expect(keys.operations.has('find')).to.equal(true);
    expect(keys.operations.has('save')).to.equal(false);
  });

  it('refuses a missing parent or app, and a path with two parents', () => {
    expect(() => keys.collectionPath(binding)).to.throw(TypeError, /non-empty string id/);
    expect(() => keys.collectionPath({ connection, appId: undefined }, 'i1')).to.throw(
      lib.ConfigurationError,
      /No appId/,
    );
    expect(() =>
      resource({ path: '/v2/apps/{appId}/a/{a}/b/{b}', one: 'b', many: 'bs', operations: [] }),
    ).to.throw(TypeError, /at most one parent/);
  });

  it('keeps undeclared operations out of the types (npm run typecheck fails if they get in)', () => {
    const listOnly = resource({ path: '/v2/x', one: 'x', many: 'xs', operations: ['all'] });
    // @ts-expect-error: the declaration lists no 'find', so the generic find refuses it
    const findUndeclared = () => find(lib.Key, listOnly, 'x1', { connection });
    expect(findUndeclared).to.be.a('function');
    // @ts-expect-error: the API has no update of keys, so Key has no save()
    expect(lib.Key.prototype.save).to.equal(undefined);
    // @ts-expect-error: nor a "get one message"
    expect(lib.Message.find).to.equal(undefined);
  });

  it('needs no app for a path without {appId}', () => {
    const apps = resource({ path: '/v2/apps', one: 'app', many: 'apps', operations: ['find'] });
    expect(apps.itemPath({ connection, appId: undefined }, undefined, 'x')).to.equal('/v2/apps/x');
  });
});
