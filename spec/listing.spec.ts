import { expect } from 'chai';
import nock from 'nock';
import { ParseError } from '../lib/errors.js';
import { cursorList, plainList } from '../lib/listing.js';
import { App } from '../lib/models/app.js';
import { Key } from '../lib/models/key.js';
import { APP_ID, BASE, BASIC, testConnection } from './support/fixtures.js';
import { trap } from './support/nock-traps.js';
import { rejectionOf } from './support/rejection.js';

const connection = testConnection();
const binding = { connection, appId: APP_ID };
const app = (id: string) => ({ id, displayName: `App ${id}`, settings: {}, metadata: null });

/** Three pages of ListApps, two apps each, linked by page[after] and meta.afterCursor / hasMore. */
function threePages(size = 2): nock.Scope[] {
  const query = (after?: string) => ({
    'page[size]': String(size),
    ...(after ? { 'page[after]': after } : {}),
  });
  const page = (ids: string[], after: string | undefined, cursor?: string) =>
    nock(BASE)
      .get('/v2/apps')
      .query(query(after))
      .matchHeader('authorization', BASIC)
      .reply(200, {
        apps: ids.map(app),
        meta: { hasMore: cursor !== undefined, ...(cursor ? { afterCursor: cursor } : {}) },
        links: cursor ? { next: `${BASE}/v2/apps?page[after]=${cursor}` } : {},
      });
  return [page(['a1', 'a2'], undefined, 'a2'), page(['a3', 'a4'], 'a2', 'a4'), page(['a5', 'a6'], 'a4')];
}

const ids = (apps: App[]) => apps.map((a) => a.id);

describe('listing', () => {
  describe('cursorList', () => {
    it('requests nothing until iterated', async () => {
      const scopes = threePages();
      const list = App.all({}, { connection, pageSize: 2 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(nock.pendingMocks()).to.have.length(3);
      expect(ids(await list.toArray({ limit: 10 }))).to.deep.equal(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
      for (const scope of scopes) scope.done();
    });

    it('walks three pages with for await, hydrating bound instances', async () => {
      threePages();
      const seen: App[] = [];
      for await (const each of App.all({}, { connection, pageSize: 2 })) seen.push(each);
      expect(ids(seen)).to.deep.equal(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
      expect(seen.every((a) => a instanceof App && a.connection === connection)).to.equal(true);
      expect(nock.pendingMocks()).to.deep.equal([]);
    });

    it('stops fetching when the loop is left early', async () => {
      threePages().slice(1).forEach(trap);
      for await (const each of App.all({}, { connection, pageSize: 2 })) if (each.id === 'a2') break;
      expect(nock.pendingMocks()).to.have.length(2);
    });

    it('walks pages with .pages(), and .first(n) fetches only what it needs', async () => {
      threePages();
      const pages: string[][] = [];
      for await (const page of App.all({}, { connection, pageSize: 2 }).pages()) pages.push(ids(page));
      expect(pages).to.deep.equal([
        ['a1', 'a2'],
        ['a3', 'a4'],
        ['a5', 'a6'],
      ]);
      threePages().slice(2).forEach(trap);
      expect(ids(await App.all({}, { connection, pageSize: 2 }).first(3))).to.deep.equal(['a1', 'a2', 'a3']);
      expect(nock.pendingMocks()).to.have.length(1);
    });

    it('bounds .toArray({ limit })', async () => {
      threePages().slice(2).forEach(trap);
      expect(ids(await App.all({}, { connection, pageSize: 2 }).toArray({ limit: 4 }))).to.deep.equal([
        'a1',
        'a2',
        'a3',
        'a4',
      ]);
      expect(nock.pendingMocks()).to.have.length(1);
    });

    it('stops when hasMore is false even if a cursor is given, and when hasMore has no cursor', async () => {
      nock(BASE)
        .get('/v2/apps')
        .reply(200, { apps: [app('x')], meta: { hasMore: false, afterCursor: 'x' } });
      expect(ids(await App.all({}, { connection }).toArray({ limit: 10 }))).to.deep.equal(['x']);
      nock(BASE)
        .get('/v2/apps')
        .reply(200, { apps: [app('y')], meta: { hasMore: true } });
      expect(ids(await App.all({}, { connection }).toArray({ limit: 10 }))).to.deep.equal(['y']);
    });

    it('rejects with a ParseError when a page repeats the cursor it was fetched with', async () => {
      nock(BASE)
        .get('/v2/apps')
        .query({})
        .reply(200, { apps: [app('a1')], meta: { hasMore: true, afterCursor: 'a1' } });
      const loop = nock(BASE)
        .get('/v2/apps')
        .query({ 'page[after]': 'a1' })
        .times(20)
        .reply(200, { apps: [app('a2')], meta: { hasMore: true, afterCursor: 'a1' } });
      const error = await rejectionOf(App.all({}, { connection }).toArray({ limit: 10 }));
      expect(error).to.be.instanceOf(ParseError);
      expect((error as Error).message).to.include('the API returned the same cursor twice');
      // One request per page: the repeated cursor is fetched once, not until the limit.
      expect(loop.pendingMocks()).to.have.length(1);
      nock.cleanAll();
    });

    it('refuses page sizes 0, 101 and 1.5 with a RangeError before any request', () => {
      const scope = trap(nock(BASE).get('/v2/apps').query(true).reply(200, { apps: [] }));
      for (const pageSize of [0, 101, 1.5]) {
        expect(() => App.all({}, { connection, pageSize }), String(pageSize)).to.throw(RangeError);
      }
      expect(scope.isDone()).to.equal(false);
    });

    it('walks backwards with page[before] and meta.beforeCursor, without page[size] when unsized', async () => {
      const path = `/v2/apps/${APP_ID}/conversations/c1/messages`;
      nock(BASE)
        .get(path)
        .query({})
        .reply(200, { apps: [app('m3')], meta: { hasMore: true, beforeCursor: 'm3' } });
      nock(BASE)
        .get(path)
        .query({ 'page[before]': 'm3' })
        .reply(200, { apps: [app('m1')], meta: { hasMore: false } });
      const list = cursorList(
        App,
        binding,
        { path, key: 'apps', direction: 'before', sized: false },
        { pageSize: 50 },
      );
      expect(ids(await list.toArray({ limit: 10 }))).to.deep.equal(['m3', 'm1']);
    });

    it('sends filters beside the page parameters and leaves out undefined ones', async () => {
      const scope = nock(BASE)
        .get('/v2/apps')
        .query({ 'filter[serviceAccountId]': 'svc1', 'page[size]': '5' })
        .reply(200, { apps: [] });
      await App.all({ serviceAccountId: 'svc1' }, { connection, pageSize: 5 }).first(1);
      scope.done();
      nock(BASE).get('/v2/apps').query({}).reply(200, { apps: [] });
      expect(await App.all({}, { connection }).first(1)).to.deep.equal([]);
    });
  });

  describe('plainList', () => {
    it('makes one request for a list the API does not paginate', async () => {
      const path = `/v2/apps/${APP_ID}/keys`;
      const scope = nock(BASE)
        .get(path)
        .reply(200, {
          keys: [
            { id: 'app_1', displayName: 'one' },
            { id: 'app_2', displayName: 'two' },
          ],
        });
      const list = plainList(Key, binding, { path, key: 'keys' });
      expect(scope.isDone()).to.equal(false);
      const keys = await list.toArray({ limit: 10 });
      expect(keys.map((k) => k.id)).to.deep.equal(['app_1', 'app_2']);
      expect(keys[0]).to.be.instanceOf(Key);
      scope.done();
    });
  });
});
