import { expect } from 'chai';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import nock from 'nock';
import { basicAuthorization } from '../../lib/auth.js';
import { configure, Connection } from '../../lib/connection/connection.js';
import { ConfigurationError } from '../../lib/errors.js';
import { App } from '../../lib/models/app.js';
import { Key } from '../../lib/models/key.js';
import { APP_ID, BASE, TEST_SECRET, testConnection } from '../support/fixtures.js';
import { trap } from '../support/nock-traps.js';
import { rejectionOf } from '../support/rejection.js';

const account = testConnection({ keyId: 'act_test', appId: undefined });
const AUTH = basicAuthorization('act_test', TEST_SECRET);
const KEYS = `/v2/apps/${APP_ID}/keys`;
const KEY_SECRET = 'key-secret-not-real';
const WIRE_KEY = { id: 'app_5735dcf248011972d621dc01', displayName: 'Acme backend', secret: KEY_SECRET };

async function createdKey(connection: Connection = account): Promise<Key> {
  nock(BASE).post(KEYS).reply(201, { key: WIRE_KEY });
  return Key.create({ displayName: 'Acme backend' }, { connection, appId: APP_ID });
}

describe('Key', () => {
  describe('.create', () => {
    it('POSTs {displayName} to the app given per call and hydrates the key with its secret', async () => {
      const scope = nock(BASE)
        .post(KEYS, { displayName: 'Acme backend' })
        .matchHeader('authorization', AUTH)
        .reply(201, { key: WIRE_KEY });
      const key = await Key.create({ displayName: 'Acme backend' }, { connection: account, appId: APP_ID });
      scope.done();
      expect(key).to.be.instanceOf(Key);
      expect(key.toJSON()).to.deep.equal(WIRE_KEY);
      expect(key.appId).to.equal(APP_ID);
    });

    it('takes the app from the configuration when none is given per call', async () => {
      configure(testConnection({ keyId: 'act_test' }));
      const scope = nock(BASE).post(KEYS, { displayName: 'bot' }).reply(201, { key: WIRE_KEY });
      await Key.create({ displayName: 'bot' });
      scope.done();
    });

    it('rejects with a ConfigurationError before any request when there is no app', async () => {
      const scope = trap(nock(BASE).post(/.*/).reply(201, {}));
      const created = await Key.create({ displayName: 'bot' }, { connection: account }).catch(
        (e: unknown) => e,
      );
      expect(created).to.be.instanceOf(ConfigurationError).with.property('message').that.matches(/appId/);
      // A Collection is lazy: its call still throws at once.
      expect(() => Key.all({ connection: account })).to.throw(ConfigurationError);
      const found = await rejectionOf(Key.find('app_1', { connection: account }));
      expect(found).to.be.instanceOf(ConfigurationError);
      expect(scope.isDone()).to.equal(false);
      expect(scope.pendingMocks()).to.have.length(1);
    });
  });

  describe('.find and .all', () => {
    it('GETs one key by its encoded id', async () => {
      const scope = nock(BASE)
        .get(`${KEYS}/app_1%2F..`)
        .matchHeader('authorization', AUTH)
        .reply(200, { key: WIRE_KEY });
      const key = await Key.find('app_1/..', { connection: account, appId: APP_ID });
      scope.done();
      expect(key).to.be.instanceOf(Key);
      expect(key.secret).to.equal(KEY_SECRET);
    });

    it('lists the keys of the app in one request', async () => {
      const other = { id: 'app_2', displayName: 'two', secret: 'other-secret-not-real' };
      const scope = nock(BASE)
        .get(KEYS)
        .matchHeader('authorization', AUTH)
        .reply(200, { keys: [WIRE_KEY, other] });
      const keys = await Key.all({ connection: account, appId: APP_ID }).toArray({ limit: 10 });
      scope.done();
      expect(keys.map((k) => k.id)).to.deep.equal([WIRE_KEY.id, 'app_2']);
      expect(keys.every((k) => k instanceof Key && k.appId === APP_ID)).to.equal(true);
    });
  });

  describe('#delete', () => {
    it('DELETEs the key of the app it came from', async () => {
      const key = await createdKey();
      const scope = nock(BASE)
        .delete(`${KEYS}/${WIRE_KEY.id}`)
        .matchHeader('authorization', AUTH)
        .reply(200, {});
      await key.delete();
      scope.done();
    });

    it('has no save(): the API cannot update a key', () => {
      expect((Key.prototype as unknown as Record<string, unknown>).save).to.equal(undefined);
    });
  });

  describe('#jwt', () => {
    it('signs an app-scope token locally with the key (no request)', async () => {
      const key = await createdKey();
      const { header, payload } = jwt.verify(key.jwt(), KEY_SECRET, {
        complete: true,
        algorithms: ['HS256'],
      });
      expect(header).to.include({ alg: 'HS256', kid: WIRE_KEY.id });
      expect((payload as JwtPayload).scope).to.equal('app');
      const expiring = jwt.decode(key.jwt({ expiresIn: 60 })) as JwtPayload;
      expect(expiring.exp! - expiring.iat!).to.equal(60);
    });

    it('needs the secret', () => {
      const key = new Key().bind({ connection: account, appId: APP_ID }, { id: 'app_1' });
      key.id = 'app_1';
      expect(() => key.jwt()).to.throw(TypeError, /no secret/);
      expect(() => key.connect()).to.throw(TypeError, /no secret/);
    });
  });

  describe('#connect', () => {
    it('gives a Connection that acts as the app with this key (Basic when the account used Basic)', async () => {
      const key = await createdKey();
      const asApp = key.connect();
      expect(asApp).to.be.instanceOf(Connection).and.not.equal(account);
      expect([asApp.keyId, asApp.appId, asApp.scope, asApp.baseUrl]).to.deep.equal([
        WIRE_KEY.id,
        APP_ID,
        'app',
        BASE,
      ]);
      const scope = nock(BASE)
        .get(`/v2/apps/${APP_ID}`)
        .matchHeader('authorization', basicAuthorization(WIRE_KEY.id, KEY_SECRET))
        .reply(200, { app: { id: APP_ID } });
      const app = await App.find(APP_ID, { connection: asApp });
      scope.done();
      expect(app.connection).to.equal(asApp);
    });

    it('signs app-scope JWTs with the key when the account used JWT', async () => {
      const jwtAccount = new Connection({ keyId: 'act_test', secret: TEST_SECRET, retry: { limit: 0 } });
      const key = await createdKey(jwtAccount);
      let seen: string | null = null;
      nock(BASE)
        .get(`/v2/apps/${APP_ID}`)
        .reply((req: Request) => {
          seen = req.headers.get('authorization');
          return [200, { app: { id: APP_ID } }];
        });
      await App.find(APP_ID, { connection: key.connect() });
      const token = String(seen).replace(/^Bearer /, '');
      const { header, payload } = jwt.verify(token, KEY_SECRET, { complete: true });
      expect(header.kid).to.equal(WIRE_KEY.id);
      expect((payload as JwtPayload).scope).to.equal('app');
    });

    it('takes changes, such as another auth mode', async () => {
      const key = await createdKey();
      expect(key.connect({ auth: 'jwt', timeout: 5000 }).authorizer.header()).to.match(/^Bearer /);
    });
  });
});
