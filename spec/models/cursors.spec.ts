// Seed 001 passes `page[after]`: every paged list takes `after` / `before` and starts there, then walks on.
import { expect } from 'chai';
import nock from 'nock';
import { App } from '../../lib/models/app.js';
import { Client } from '../../lib/models/client.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Integration } from '../../lib/models/integration.js';
import { Key } from '../../lib/models/key.js';
import { hydrate } from '../../lib/model.js';
import { APP_ID, BASE, testConnection } from '../support/fixtures.js';

const CONVERSATION = '6124e3d1b1c9f5c8d9b0e6a1';
const USER = '5963c0d619a30a2e00de36b8';

describe('after / before cursors on paged lists', () => {
  const connection = testConnection();
  const options = { connection, appId: APP_ID };

  it('Integration.all({}, { after }) sends page[after], then walks on with meta.afterCursor', async () => {
    const path = `/v2/apps/${APP_ID}/integrations`;
    const scope = nock(BASE)
      .get(path)
      .query({ 'page[after]': 'i1' })
      .reply(200, {
        integrations: [{ id: 'i2', type: 'custom' }],
        meta: { hasMore: true, afterCursor: 'i2' },
      })
      .get(path)
      .query({ 'page[after]': 'i2' })
      .reply(200, { integrations: [{ id: 'i3', type: 'custom' }], meta: { hasMore: false } });
    const ids = (await Integration.all({}, { ...options, after: 'i1' }).toArray({ limit: 10 })).map(
      (i) => i.id,
    );
    scope.done();
    expect(ids).to.deep.equal(['i2', 'i3']);
  });

  it('App.all({}, { before }) sends page[before] and walks back with meta.beforeCursor', async () => {
    const scope = nock(BASE)
      .get('/v2/apps')
      .query({ 'page[before]': 'a9', 'page[size]': 1 })
      .reply(200, { apps: [{ id: 'a8' }], meta: { hasMore: true, beforeCursor: 'a8', afterCursor: 'a8' } })
      .get('/v2/apps')
      .query({ 'page[before]': 'a8', 'page[size]': 1 })
      .reply(200, { apps: [{ id: 'a7' }], meta: { hasMore: false } });
    const apps = await App.all({}, { connection, before: 'a9', pageSize: 1 }).toArray({ limit: 10 });
    scope.done();
    expect(apps.map((a) => a.id)).to.deep.equal(['a8', 'a7']);
  });

  it('iterating the same list twice starts at the cursor both times', async () => {
    const path = `/v2/apps/${APP_ID}/users/${USER}/clients`;
    const scope = nock(BASE)
      .get(path)
      .query({ 'page[after]': 'c1' })
      .twice()
      .reply(200, { clients: [{ id: 'c2', type: 'sdk', status: 'active' }], meta: { hasMore: false } });
    const list = Client.all(USER, { ...options, after: 'c1' });
    expect((await list.first(5)).map((c) => c.id)).to.deep.equal(['c2']);
    expect((await list.first(5)).map((c) => c.id)).to.deep.equal(['c2']);
    scope.done();
  });

  it('conversation.participants({ after }) and Conversation.all(filter, { before }) take cursors', async () => {
    const conversation = hydrate(
      Conversation,
      { id: CONVERSATION, type: 'personal' },
      { connection, appId: APP_ID },
    );
    const scope = nock(BASE)
      .get(`/v2/apps/${APP_ID}/conversations/${CONVERSATION}/participants`)
      .query({ 'page[after]': 'p1' })
      .reply(200, { participants: [{ id: 'p2', userId: USER }], meta: { hasMore: false } })
      .get(`/v2/apps/${APP_ID}/conversations`)
      .query({ 'filter[userId]': USER, 'page[before]': 'c9' })
      .reply(200, { conversations: [{ id: 'c8', type: 'personal' }], meta: { hasMore: false } });
    expect((await conversation.participants({ after: 'p1' }).first(5)).map((p) => p.id)).to.deep.equal([
      'p2',
    ]);
    const found = await Conversation.all({ userId: USER }, { ...options, before: 'c9' }).first(5);
    expect(found.map((c) => c.id)).to.deep.equal(['c8']);
    scope.done();
  });

  it('conversation.messages({ before }) resumes newest first; { after } catches up oldest first', async () => {
    const conversation = hydrate(
      Conversation,
      { id: CONVERSATION, type: 'personal' },
      { connection, appId: APP_ID },
    );
    const path = `/v2/apps/${APP_ID}/conversations/${CONVERSATION}/messages`;
    const page = { messages: [{ id: 'm2' }, { id: 'm3' }], meta: { hasMore: false } };
    const scope = nock(BASE)
      .get(path)
      .query({ 'page[before]': 'm4' })
      .reply(200, page)
      .get(path)
      .query({ 'page[after]': 'm1' })
      .reply(200, page);
    expect((await conversation.messages({ before: 'm4' }).first(5)).map((m) => m.id)).to.deep.equal([
      'm3',
      'm2',
    ]);
    expect((await conversation.messages({ after: 'm1' }).first(5)).map((m) => m.id)).to.deep.equal([
      'm2',
      'm3',
    ]);
    scope.done();
  });

  it('refuses both cursors, empty or non-string ones, and cursors on unpaged lists, before any request', () => {
    const bad: [() => unknown, RegExp][] = [
      [() => Integration.all({}, { ...options, after: 'a', before: 'b' }), /not both/],
      [() => Integration.all({}, { ...options, after: '' }), /after must be a non-empty cursor/],
      [
        () => App.all({}, { connection, before: 42 as unknown as string }),
        /before must be a non-empty cursor/,
      ],
      [() => Key.all({ ...options, after: 'k1' } as never), /not paged/],
    ];
    for (const [call, message] of bad) {
      expect(call, String(message)).to.throw(TypeError, message);
    }
    expect(nock.pendingMocks()).to.deep.equal([]);
  });
});
