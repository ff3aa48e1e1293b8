import util from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import nock from 'nock';
import sinon from 'sinon';
import { configure, Connection } from '../lib/connection/connection.js';
import { ConfigurationError } from '../lib/errors.js';
import { App } from '../lib/models/app.js';
import { Key } from '../lib/models/key.js';
import { VERSION } from '../lib/version.js';
import { APP_ID, BASE, BASIC, TEST_SECRET, testConnection } from './support/fixtures.js';
import { trap } from './support/nock-traps.js';
import { rejectionOf } from './support/rejection.js';

const APP = { id: APP_ID, displayName: 'Acme', settings: {}, metadata: null };

/** The claims and header of a Bearer value, verified with the test secret. */
function bearer(value: string | null): { kid?: string; scope?: string; iat?: number } {
  expect(value).to.match(/^Bearer /);
  const { header, payload } = jwt.verify(value!.slice(7), TEST_SECRET, {
    algorithms: ['HS256'],
    complete: true,
  });
  return { kid: header.kid, ...(payload as JwtPayload) };
}

/** Replies to `times` GETs of /v2/apps/APP_ID on `host`, recording each Authorization header. */
function recordAuth(host: string, times = 1): (string | null)[] {
  const seen: (string | null)[] = [];
  nock(host)
    .get(`/v2/apps/${APP_ID}`)
    .times(times)
    .reply((req: Request) => {
      seen.push(req.headers.get('authorization'));
      return [200, { app: APP }];
    });
  return seen;
}

describe('Connection', () => {
  describe('auth', () => {
    it('sends Basic keyId:secret when auth is basic', async () => {
      const scope = nock(BASE)
        .get(`/v2/apps/${APP_ID}`)
        .matchHeader('authorization', BASIC)
        .reply(200, { app: APP });
      await App.find(APP_ID, { connection: testConnection() });
      scope.done();
    });

    it('sends a Bearer JWT by default: HS256, kid = key id, scope inferred from the prefix', async () => {
      const cases = [
        ['app_1', 'app'],
        ['act_1', 'account'],
        ['svc_1', 'account'],
        ['int_1', 'integration'],
      ] as const;
      for (const [keyId, scope] of cases) {
        const seen = recordAuth(BASE);
        const connection = new Connection({ keyId, secret: TEST_SECRET, appId: APP_ID });
        expect(connection.scope).to.equal(scope);
        await App.find(APP_ID, { connection });
        expect(bearer(seen[0]!)).to.include({ kid: keyId, scope });
      }
    });

    it('lets an explicit scope win over the prefix, and defaults to app for an unknown prefix', async () => {
      const seen = recordAuth(BASE, 2);
      await App.find(APP_ID, {
        connection: new Connection({ keyId: 'app_1', secret: TEST_SECRET, scope: 'account' }),
      });
      await App.find(APP_ID, { connection: new Connection({ keyId: '5d8c', secret: TEST_SECRET }) });
      expect(bearer(seen[0]!).scope).to.equal('account');
      expect(bearer(seen[1]!).scope).to.equal('app');
    });

    it('signs once per connection and reuses the token across requests', async () => {
      const seen = recordAuth(BASE, 3);
      const connection = new Connection({ keyId: 'app_1', secret: TEST_SECRET });
      for (let i = 0; i < 3; i++) await App.find(APP_ID, { connection });
      expect(new Set(seen).size).to.equal(1);
      expect(connection.authorizer.signatures).to.equal(1);
    });

    it('re-signs before a configured expiry', async () => {
      const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ['Date'] });
      try {
        const seen = recordAuth(BASE, 3);
        const connection = new Connection({ keyId: 'app_1', secret: TEST_SECRET, jwtExpiresIn: 300 });
        await App.find(APP_ID, { connection });
        clock.tick(200_000);
        await App.find(APP_ID, { connection });
        clock.tick(100_000); // 300 s after signing: past the re-sign margin
        await App.find(APP_ID, { connection });
        expect(seen[1]).to.equal(seen[0]);
        expect(seen[2]).not.to.equal(seen[0]);
        expect(bearer(seen[2]!).iat).to.equal(Date.UTC(2026, 0, 1) / 1000 + 300);
        expect(connection.authorizer.signatures).to.equal(2);
      } finally {
        clock.restore();
      }
    });
  });

  describe('hosts', () => {
    it('uses the US host by default and for region us', async () => {
      const scope = nock('https://api.smooch.io').get(`/v2/apps/${APP_ID}`).twice().reply(200, { app: APP });
      await App.find(APP_ID, { connection: testConnection() });
      await App.find(APP_ID, { connection: testConnection({ region: 'us' }) });
      scope.done();
    });

    it('uses the EU host for region eu', async () => {
      const scope = nock('https://api.eu-1.smooch.io').get(`/v2/apps/${APP_ID}`).reply(200, { app: APP });
      const connection = testConnection({ region: 'eu' });
      expect(connection.baseUrl).to.equal('https://api.eu-1.smooch.io');
      await App.find(APP_ID, { connection });
      scope.done();
    });

    it('uses https://{subdomain}.zendesk.com/sc for a Zendesk subdomain', async () => {
      const scope = nock('https://acme.zendesk.com').get(`/sc/v2/apps/${APP_ID}`).reply(200, { app: APP });
      await App.find(APP_ID, { connection: testConnection({ region: { subdomain: 'acme' } }) });
      scope.done();
    });

    it('lets baseUrl win over region, with or without a trailing slash', async () => {
      const scope = nock('http://127.0.0.1:4010').get(`/v2/apps/${APP_ID}`).reply(200, { app: APP });
      const connection = testConnection({ baseUrl: 'http://127.0.0.1:4010/', region: 'eu' });
      expect(connection.baseUrl).to.equal('http://127.0.0.1:4010');
      await App.find(APP_ID, { connection });
      scope.done();
    });

    it('refuses an unknown region, a bad subdomain or a non-http baseUrl with a ConfigurationError', () => {
      const bad = [{ region: 'ap' }, { region: { subdomain: 'a.b/c' } }, { baseUrl: 'ftp://example.com' }];
      for (const options of bad) {
        expect(() => testConnection(options as never)).to.throw(ConfigurationError);
      }
      expect(() => testConnection({ region: 'ap' as never })).to.throw(/Unknown region "ap"/);
    });
  });

  describe('options', () => {
    it('refuses missing credentials and bad options before any request', () => {
      const bad: object[] = [
        { keyId: '', secret: TEST_SECRET },
        { keyId: 'app_1' },
        { keyId: 'app_1', secret: TEST_SECRET, auth: 'oauth' },
        { keyId: 'app_1', secret: TEST_SECRET, scope: 'user' },
        { keyId: 'app_1', secret: TEST_SECRET, appId: '' },
        { keyId: 'app_1', secret: TEST_SECRET, timeout: 0 },
        { keyId: 'app_1', secret: TEST_SECRET, jwtExpiresIn: -1 },
      ];
      for (const options of bad) expect(() => new Connection(options as never)).to.throw(ConfigurationError);
      expect(() => new Connection(undefined as never)).to.throw(ConfigurationError);
    });

    it('sends User-Agent smooch-record/<version> node/<version>, plus appInfo', async () => {
      const agents: (string | null)[] = [];
      nock(BASE)
        .get(`/v2/apps/${APP_ID}`)
        .thrice()
        .reply((req: Request) => {
          agents.push(req.headers.get('user-agent'));
          return [200, { app: APP }];
        });
      const base = `smooch-record/${VERSION} node/${process.versions.node}`;
      await App.find(APP_ID, { connection: testConnection() });
      await App.find(APP_ID, { connection: testConnection({ appInfo: 'acme-bot/2.0' }) });
      const appInfo = { name: 'acme-bot', version: '1.2.0', url: 'https://acme.example' };
      await App.find(APP_ID, { connection: testConnection({ appInfo }) });
      expect(agents).to.deep.equal([
        base,
        `${base} acme-bot/2.0`,
        `${base} acme-bot/1.2.0 (https://acme.example)`,
      ]);
    });

    it('with() makes a new connection with some options changed and leaves the original alone', () => {
      const original = testConnection();
      const eu = original.with({ region: 'eu', appId: 'other' });
      expect(eu).to.be.instanceOf(Connection).and.not.equal(original);
      expect([eu.baseUrl, eu.appId, eu.keyId]).to.deep.equal([
        'https://api.eu-1.smooch.io',
        'other',
        'app_test',
      ]);
      expect([original.baseUrl, original.appId]).to.deep.equal([BASE, APP_ID]);
    });

    it('shows neither the secret, the token nor the Basic value when inspected or serialised', async () => {
      const jwtConnection = new Connection({ keyId: 'app_1', secret: TEST_SECRET, appId: APP_ID });
      const token = jwtConnection.authorizer.header();
      for (const connection of [jwtConnection, testConnection()]) {
        for (const shown of [util.inspect(connection), JSON.stringify(connection), String(connection)]) {
          expect(shown).not.to.include(TEST_SECRET);
          expect(shown).not.to.include(token.slice(7));
          expect(shown).not.to.include(BASIC.slice(6));
        }
      }
      expect(util.inspect(jwtConnection)).to.include('app_1').and.include(APP_ID);
    });
  });

  describe('the default connection', () => {
    it('throws a ConfigurationError before any request when nothing is configured', async () => {
      const scope = trap(nock(BASE).get(`/v2/apps/${APP_ID}`).reply(200, { app: APP }));
      expect(() => Connection.current()).to.throw(ConfigurationError, /configure/);
      const error = await rejectionOf(() => App.find(APP_ID));
      expect(error).to.be.instanceOf(ConfigurationError);
      expect(scope.isDone()).to.equal(false);
    });

    it('configure() replaces the default', async () => {
      const a = nock('https://a.example').get(`/v2/apps/${APP_ID}`).reply(200, { app: APP });
      const b = nock('https://b.example').get(`/v2/apps/${APP_ID}`).reply(200, { app: APP });
      const first = configure({ keyId: 'app_a', secret: TEST_SECRET, baseUrl: 'https://a.example' });
      expect(Connection.current()).to.equal(first);
      await App.find(APP_ID);
      const second = configure({ keyId: 'app_b', secret: TEST_SECRET, baseUrl: 'https://b.example' });
      expect(Connection.current()).to.equal(second);
      await App.find(APP_ID);
      a.done();
      b.done();
    });

    it('takes a per-call connection and appId over the default', async () => {
      configure(testConnection({ baseUrl: 'https://default.example' }));
      const scope = nock('https://other.example')
        .get('/v2/apps/other-app/keys')
        .matchHeader('authorization', BASIC)
        .reply(200, { keys: [] });
      const other = testConnection({ baseUrl: 'https://other.example' });
      expect(await Key.all({ connection: other, appId: 'other-app' }).toArray({ limit: 10 })).to.deep.equal(
        [],
      );
      scope.done();
    });
  });

  describe('run()', () => {
    it('scopes a connection over async work, across awaits, then restores the default', async () => {
      const fallback = configure(testConnection({ baseUrl: 'https://default.example' }));
      const tenant = testConnection({ baseUrl: 'https://tenant.example' });
      const scope = nock('https://tenant.example').get(`/v2/apps/${APP_ID}`).twice().reply(200, { app: APP });
      const app = await tenant.run(async () => {
        await delay(1);
        expect(Connection.current()).to.equal(tenant);
        await App.find(APP_ID);
        await delay(1);
        return App.find(APP_ID);
      });
      expect(app.connection).to.equal(tenant);
      expect(Connection.current()).to.equal(fallback);
      scope.done();
    });

    it('keeps two parallel runs on their own connections', async () => {
      const a = testConnection({ baseUrl: 'https://a.example', appId: 'app-a' });
      const b = testConnection({ baseUrl: 'https://b.example', appId: 'app-b' });
      const scopes = [
        nock('https://a.example').get('/v2/apps/app-a/keys').times(3).delay(5).reply(200, { keys: [] }),
        nock('https://b.example').get('/v2/apps/app-b/keys').times(3).reply(200, { keys: [] }),
      ];
      const work = (connection: Connection) =>
        connection.run(async () => {
          for (let i = 0; i < 3; i++) {
            await Key.all().first(1);
            expect(Connection.current()).to.equal(connection);
          }
          return Connection.current();
        });
      expect(await Promise.all([work(a), work(b)])).to.deep.equal([a, b]);
      for (const scope of scopes) scope.done();
    });
  });

  describe('instances', () => {
    it('remember the connection they came from, even after the default changes', async () => {
      const a = testConnection({ baseUrl: 'https://a.example' });
      nock('https://a.example').get(`/v2/apps/${APP_ID}`).reply(200, { app: APP });
      const app = await App.find(APP_ID, { connection: a });
      configure(testConnection({ baseUrl: 'https://b.example' }));
      const save = nock('https://a.example')
        .patch(`/v2/apps/${APP_ID}`, { displayName: 'Renamed' })
        .reply(200, { app: { ...APP, displayName: 'Renamed' } });
      app.displayName = 'Renamed';
      await app.save();
      save.done();
      expect(app.connection).to.equal(a);
    });
  });
});
