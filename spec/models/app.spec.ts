import { expect } from 'chai';
import nock from 'nock';
import { basicAuthorization } from '../../lib/auth.js';
import { configure } from '../../lib/connection/connection.js';
import { NotFoundError } from '../../lib/errors.js';
import { App } from '../../lib/models/app.js';
import { APP_ID, BASE, TEST_SECRET, testConnection } from '../support/fixtures.js';
import { trap } from '../support/nock-traps.js';
import { rejectionOf } from '../support/rejection.js';

// Provisioning uses an account key, often without a default app.
const account = testConnection({ keyId: 'act_test', appId: undefined });
const AUTH = basicAuthorization('act_test', TEST_SECRET);

const WIRE_APP = {
  id: APP_ID,
  displayName: 'Acme',
  settings: { conversationRetentionSeconds: 0, maskCreditCardNumbers: true, useAnimalNames: false },
  metadata: { tier: 'gold' },
};

describe('App', () => {
  describe('.create', () => {
    it('POSTs /v2/apps with the fields and hydrates the app', async () => {
      const fields = {
        displayName: 'Acme',
        settings: { maskCreditCardNumbers: true },
        metadata: { tier: 'gold' },
      };
      const scope = nock(BASE)
        .post('/v2/apps', fields)
        .matchHeader('authorization', AUTH)
        .matchHeader('content-type', /application\/json/)
        .reply(201, { app: WIRE_APP });
      const app = await App.create(fields, { connection: account });
      scope.done();
      expect(app).to.be.instanceOf(App);
      expect(app.toJSON()).to.deep.equal(WIRE_APP);
      expect(app.connection).to.equal(account);
    });

    it('uses the default connection when none is given', async () => {
      configure(account);
      const scope = nock(BASE).post('/v2/apps', { displayName: 'Acme' }).reply(201, { app: WIRE_APP });
      expect((await App.create({ displayName: 'Acme' })).id).to.equal(APP_ID);
      scope.done();
    });
  });

  describe('.find', () => {
    it('GETs the app by its encoded id, with the subdomain GetApp adds', async () => {
      const scope = nock(BASE)
        .get('/v2/apps/a%2Fb')
        .matchHeader('authorization', AUTH)
        .reply(200, { app: { ...WIRE_APP, id: 'a/b', subdomain: 'acme' } });
      const app = await App.find('a/b', { connection: account });
      scope.done();
      expect(app).to.be.instanceOf(App);
      expect([app.id, app.subdomain, app.displayName]).to.deep.equal(['a/b', 'acme', 'Acme']);
    });

    it('rejects an empty id before any request', async () => {
      const scope = trap(nock(BASE).get(/.*/).reply(200, {}));
      const error = await rejectionOf(App.find('', { connection: account }));
      expect(error).to.be.instanceOf(TypeError);
      expect(scope.isDone()).to.equal(false);
      expect(scope.pendingMocks()).to.have.length(1);
    });

    it('rejects with NotFoundError for an unknown app', async () => {
      nock(BASE)
        .get('/v2/apps/nope')
        .reply(404, { errors: [{ code: 'app_not_found', title: 'App not found' }] });
      let error: unknown;
      await App.find('nope', { connection: account }).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(NotFoundError).and.include({ code: 'app_not_found' });
    });
  });

  describe('.all', () => {
    it('GETs /v2/apps lazily with filter[serviceAccountId] and page[size]', async () => {
      const list = App.all({ serviceAccountId: 'svc1' }, { connection: account, pageSize: 10 });
      const scope = nock(BASE)
        .get('/v2/apps')
        .query({ 'filter[serviceAccountId]': 'svc1', 'page[size]': '10' })
        .matchHeader('authorization', AUTH)
        .reply(200, { apps: [WIRE_APP], meta: { hasMore: false } });
      const apps = await list.toArray({ limit: 50 });
      scope.done();
      expect(apps).to.have.length(1);
      expect(apps[0]).to.be.instanceOf(App);
      expect(apps[0]!.toJSON()).to.deep.equal(WIRE_APP);
    });
  });

  describe('#save', () => {
    it('PATCHes the changed settings and metadata, then takes the answer', async () => {
      nock(BASE).get(`/v2/apps/${APP_ID}`).reply(200, { app: WIRE_APP });
      const app = await App.find(APP_ID, { connection: account });
      const answer = {
        ...WIRE_APP,
        settings: { ...WIRE_APP.settings, maskCreditCardNumbers: false },
        metadata: null,
      };
      const scope = nock(BASE)
        .patch(`/v2/apps/${APP_ID}`, { settings: { maskCreditCardNumbers: false }, metadata: null })
        .matchHeader('authorization', AUTH)
        .reply(200, { app: answer });
      app.settings.maskCreditCardNumbers = false;
      app.metadata = null;
      expect(await app.save()).to.equal(app);
      scope.done();
      expect(app.toJSON()).to.deep.equal(answer);
      expect(app.isDirty).to.equal(false);
    });
  });

  describe('#delete', () => {
    it('DELETEs the app with the connection it came from', async () => {
      nock(BASE).get(`/v2/apps/${APP_ID}`).reply(200, { app: WIRE_APP });
      const app = await App.find(APP_ID, { connection: account });
      configure(testConnection({ baseUrl: 'https://elsewhere.example' }));
      const scope = nock(BASE).delete(`/v2/apps/${APP_ID}`).matchHeader('authorization', AUTH).reply(200, {});
      expect(await app.delete()).to.equal(undefined);
      scope.done();
    });
  });
});
