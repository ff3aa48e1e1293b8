import { inspect } from 'node:util';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import nock from 'nock';
import { AppUser, Profile } from '../../lib/models/app-user.js';
import { Client } from '../../lib/models/client.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Device } from '../../lib/models/device.js';
import { configure } from '../../lib/connection/connection.js';
import { BadRequestError, ConfigurationError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { APP_ID, BASE, BASIC, TEST_SECRET, testConnection } from '../support/fixtures.js';
import { rejectionOf } from '../support/rejection.js';

const USERS = `/v2/apps/${APP_ID}/users`;
const USER_ID = '6710a3c2e4b0f1a2b3c4d5e6';

/** A user as the API sends one (with a field this library does not declare, to check it is kept). */
function wireUser(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: USER_ID,
    externalId: 'b6518',
    signedUpAt: '2025-02-03T19:10:08.152Z',
    hasPaymentInfo: false,
    identities: [],
    profile: { givenName: 'Bob', locale: 'en', localeOrigin: 'zendeskAccount' },
    metadata: { plan: 'free', lang: 'en' },
    ...fields,
  };
}

describe('AppUser', () => {
  const connection = testConnection();

  describe('.find', () => {
    it('GETs the user by externalId and hydrates it', async () => {
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .get(`${USERS}/b6518`)
        .reply(200, { user: wireUser() });
      const user = await AppUser.find('b6518', { connection });
      expect(scope.isDone()).to.equal(true);
      expect(user).to.be.instanceOf(AppUser);
      expect(user.id).to.equal(USER_ID);
      expect(user.profile).to.be.instanceOf(Profile);
      expect(user.profile.givenName).to.equal('Bob');
      expect(user.signedUpAt).to.be.instanceOf(Date);
      expect(user.signedUpAt!.toISOString()).to.equal('2025-02-03T19:10:08.152Z');
      expect(user.toJSON()).to.deep.equal(wireUser());
      expect(user.isDirty).to.equal(false);
      expect(user.connection).to.equal(connection);
      expect(user.appId).to.equal(APP_ID);
    });

    it('sends brandId for a brand-separated user and encodes the id', async () => {
      const scope = nock(BASE)
        .get(`${USERS}/a%2Fb`)
        .query({ brandId: '947792' })
        .reply(200, { user: wireUser() });
      await AppUser.find('a/b', { connection, brandId: '947792' });
      expect(scope.isDone()).to.equal(true);
    });

    it('throws NotFoundError for an unknown user', async () => {
      nock(BASE)
        .get(`${USERS}/nobody`)
        .reply(404, { errors: [{ code: 'user_not_found', title: 'User not found' }] });
      const error = await rejectionOf(AppUser.find('nobody', { connection }));
      expect(error).to.be.instanceOf(NotFoundError);
      expect((error as NotFoundError).code).to.equal('user_not_found');
    });

    it('rejects an empty id before any request', async () => {
      const error = await rejectionOf(AppUser.find('', { connection }));
      expect(error)
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.matches(/non-empty string id/);
    });

    it('uses the default connection when none is given', async () => {
      configure(connection);
      const scope = nock(BASE).get(`${USERS}/b6518`).reply(200, { user: wireUser() });
      const user = await AppUser.find('b6518');
      expect(scope.isDone()).to.equal(true);
      expect(user.connection).to.equal(connection);
    });
  });

  describe('.create', () => {
    it('POSTs the fields, a Date as ISO string', async () => {
      const body = {
        externalId: 'b6518',
        signedUpAt: '2015-12-24T15:15:47.990Z',
        profile: { givenName: 'Bob', email: 'bob@example.com' },
        metadata: { number: '213123' },
      };
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .post(USERS, body)
        .reply(201, { user: wireUser() });
      const user = await AppUser.create(
        { ...body, signedUpAt: new Date('2015-12-24T15:15:47.990Z') },
        { connection },
      );
      expect(scope.isDone()).to.equal(true);
      expect(user).to.be.instanceOf(AppUser);
      expect(user.externalId).to.equal('b6518');
    });

    it('throws ConflictError when the externalId is taken', async () => {
      nock(BASE)
        .post(USERS)
        .reply(409, { errors: [{ code: 'conflict', title: 'User already exists' }] });
      const error = await rejectionOf(AppUser.create({ externalId: 'b6518' }, { connection }));
      expect(error).to.be.instanceOf(ConflictError);
      expect((error as ConflictError).title).to.equal('User already exists');
    });

    it('rejects bad fields before any request', async () => {
      const noFields = await rejectionOf(AppUser.create(null as never, { connection }));
      expect(noFields)
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.matches(/object of fields/);
      const noId = await rejectionOf(AppUser.create({ externalId: '' }, { connection }));
      expect(noId)
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.matches(/externalId/);
    });
  });

  describe('.findOrCreate', () => {
    it('creates the user when it does not exist (one request)', async () => {
      const scope = nock(BASE).post(USERS, { externalId: 'b6518' }).reply(201, { user: wireUser() });
      const user = await AppUser.findOrCreate({ externalId: 'b6518' }, { connection });
      expect(scope.isDone()).to.equal(true);
      expect(user.id).to.equal(USER_ID);
    });

    it('turns a 409 conflict into a find by externalId, so it is safe to repeat', async () => {
      const scope = nock(BASE)
        .post(USERS, { externalId: 'b6518', profile: { givenName: 'Bob' } })
        .reply(201, { user: wireUser() })
        .post(USERS, { externalId: 'b6518', profile: { givenName: 'Bob' } })
        .reply(409, { errors: [{ code: 'conflict', title: 'User already exists' }] })
        .get(`${USERS}/b6518`)
        .reply(200, { user: wireUser() });
      const first = await AppUser.findOrCreate(
        { externalId: 'b6518', profile: { givenName: 'Bob' } },
        { connection },
      );
      const again = await AppUser.findOrCreate(
        { externalId: 'b6518', profile: { givenName: 'Bob' } },
        { connection },
      );
      expect(scope.isDone()).to.equal(true);
      expect(again.toJSON()).to.deep.equal(first.toJSON());
    });

    it('finds a brand-separated user in its brand', async () => {
      const scope = nock(BASE)
        .post(USERS, { externalId: 'b6518', brandId: '947792' })
        .reply(409, { errors: [{ code: 'conflict', title: 'User already exists' }] })
        .get(`${USERS}/b6518`)
        .query({ brandId: '947792' })
        .reply(200, { user: wireUser({ brandId: '947792' }) });
      const user = await AppUser.findOrCreate({ externalId: 'b6518', brandId: '947792' }, { connection });
      expect(scope.isDone()).to.equal(true);
      expect(user.brandId).to.equal('947792');
    });

    it('retries the create on a 5xx, because a repeated create can only conflict', async () => {
      const retrying = testConnection({ retry: { limit: 1, baseDelay: 1 } });
      const scope = nock(BASE)
        .post(USERS)
        .reply(503, { errors: [{ code: 'service_unavailable', title: 'Unavailable' }] })
        .post(USERS)
        .reply(409, { errors: [{ code: 'conflict', title: 'User already exists' }] })
        .get(`${USERS}/b6518`)
        .reply(200, { user: wireUser() });
      const user = await AppUser.findOrCreate({ externalId: 'b6518' }, { connection: retrying });
      expect(scope.isDone()).to.equal(true);
      expect(user.id).to.equal(USER_ID);
    });

    it('lets other errors through', async () => {
      nock(BASE)
        .post(USERS)
        .reply(400, { errors: [{ code: 'bad_request', title: 'Invalid signedUpAt' }] });
      const error = await AppUser.findOrCreate({ externalId: 'b6518' }, { connection }).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(BadRequestError);
    });

    it('needs an externalId', async () => {
      const error = await rejectionOf(AppUser.findOrCreate({} as never, { connection }));
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.match(/needs \{ externalId \}/);
    });
  });

  describe('.findByEmail', () => {
    it('GETs users by identities.email and returns them all', async () => {
      const sue = wireUser({
        externalId: 'sue',
        identities: [{ type: 'email', value: 'sue@example.org', verification: 'sso' }],
      });
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .get(USERS)
        .query({ 'filter[identities.email]': 'sue@example.org' })
        .reply(200, { users: [sue] });
      const users = await AppUser.findByEmail('sue@example.org', { connection });
      expect(scope.isDone()).to.equal(true);
      expect(users).to.have.length(1);
      expect(users[0]).to.be.instanceOf(AppUser);
      expect(users[0]!.toJSON()).to.deep.equal(sue);
    });

    it('returns an empty array when nobody matches, and passes brandId', async () => {
      nock(BASE)
        .get(USERS)
        .query({ 'filter[identities.email]': 'x@example.org', brandId: '947792' })
        .reply(200, { users: [] });
      expect(await AppUser.findByEmail('x@example.org', { connection, brandId: '947792' })).to.deep.equal([]);
    });

    it('refuses something that is not an email', async () => {
      const error = await rejectionOf(AppUser.findByEmail('bob', { connection }));
      expect(error).to.be.instanceOf(TypeError);
    });
  });

  describe('#save', () => {
    async function loaded(): Promise<AppUser> {
      nock(BASE).get(`${USERS}/b6518`).reply(200, { user: wireUser() });
      return AppUser.find('b6518', { connection });
    }

    it('PATCHes only what changed, deeply, by id; unset metadata keys become null', async () => {
      const user = await loaded();
      user.profile.email = 'bob@example.com';
      user.metadata.plan = 'pro';
      delete user.metadata.lang;
      user.signedUpAt = new Date('2016-01-01T00:00:00.000Z');
      const answer = wireUser({
        externalId: 'b6518',
        profile: { givenName: 'Bob', email: 'bob@example.com' },
        metadata: { plan: 'pro' },
      });
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .patch(`${USERS}/${USER_ID}`, {
          signedUpAt: '2016-01-01T00:00:00.000Z',
          profile: { email: 'bob@example.com' },
          metadata: { plan: 'pro', lang: null },
        })
        .reply(200, { user: answer });
      const saved = await user.save();
      expect(scope.isDone()).to.equal(true);
      expect(saved).to.equal(user);
      expect(user.toJSON()).to.deep.equal(answer);
      expect(user.isDirty).to.equal(false);
    });

    it('sends nothing when nothing changed', async () => {
      const user = await loaded();
      await user.save(); // nock would throw on an unexpected request
      expect(nock.pendingMocks()).to.deep.equal([]);
    });
  });

  describe('#delete and #deletePersonalInformation', () => {
    it('DELETEs the user', async () => {
      nock(BASE).get(`${USERS}/b6518`).reply(200, { user: wireUser() });
      const user = await AppUser.find('b6518', { connection });
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .delete(`${USERS}/${USER_ID}`)
        .reply(200, {});
      await user.delete();
      expect(scope.isDone()).to.equal(true);
    });

    it('DELETEs personalinformation and rehydrates from the answer', async () => {
      nock(BASE).get(`${USERS}/b6518`).reply(200, { user: wireUser() });
      const user = await AppUser.find('b6518', { connection });
      const cleared = wireUser({ profile: {}, metadata: {} });
      const scope = nock(BASE)
        .delete(`${USERS}/${USER_ID}/personalinformation`)
        .reply(200, { user: cleared });
      const result = await user.deletePersonalInformation();
      expect(scope.isDone()).to.equal(true);
      expect(result).to.equal(user);
      expect(user.profile).to.be.instanceOf(Profile);
      expect(user.toJSON()).to.deep.equal(cleared);
      expect(user.isDirty).to.equal(false);
    });

    it("sends the user's brandId with personalinformation, and brandId through clients() and devices()", async () => {
      nock(BASE)
        .get(`${USERS}/b6518`)
        .reply(200, { user: wireUser({ brandId: '947792' }) });
      const user = await AppUser.find('b6518', { connection });
      const scope = nock(BASE)
        .delete(`${USERS}/${USER_ID}/personalinformation`)
        .query({ brandId: '947792' })
        .reply(200, { user: wireUser({ brandId: '947792', profile: {}, metadata: {} }) })
        .get(`${USERS}/${USER_ID}/clients`)
        .query({ brandId: '947792' })
        .reply(200, { clients: [], meta: { hasMore: false } })
        .get(`${USERS}/${USER_ID}/devices`)
        .query({ brandId: '947792' })
        .reply(200, { devices: [] });
      await user.deletePersonalInformation();
      expect(user.profile).to.deep.equal({});
      expect(await user.clients().first(1)).to.deep.equal([]);
      expect(await user.devices().first(1)).to.deep.equal([]);
      scope.done();
    });
  });

  describe('#jwt', () => {
    async function userWith(fields: Record<string, unknown>, on = connection): Promise<AppUser> {
      nock(BASE)
        .get(`${USERS}/b6518`)
        .reply(200, { user: wireUser(fields) });
      return AppUser.find('b6518', { connection: on });
    }

    it("signs an SDK login token with the connection's key: scope user, external_id, kid", async () => {
      const user = await userWith({});
      const token = user.jwt();
      const decoded = jwt.verify(token, TEST_SECRET, { algorithms: ['HS256'], complete: true });
      expect(decoded.header.kid).to.equal('app_test');
      expect(decoded.payload).to.deep.include({ scope: 'user', external_id: 'b6518' });
      expect((decoded.payload as jwt.JwtPayload).exp).to.equal(undefined);
    });

    it('passes expiresIn through', async () => {
      const user = await userWith({});
      const payload = jwt.verify(user.jwt({ expiresIn: 60 }), TEST_SECRET) as jwt.JwtPayload;
      expect(payload.exp! - payload.iat!).to.equal(60);
    });

    it('needs an externalId', async () => {
      const user = await userWith({ externalId: undefined });
      expect(() => user.jwt()).to.throw(TypeError, `User ${USER_ID} has no externalId`);
    });

    it('refuses a connection with an account key', async () => {
      const user = await userWith({}, testConnection({ keyId: 'act_test' }));
      expect(() => user.jwt()).to.throw(ConfigurationError, /must be signed with an app key/);
    });

    it('never shows the secret when the user is logged or serialised', async () => {
      const user = await userWith({});
      expect(inspect(user, { depth: 10, showHidden: true })).to.not.include(TEST_SECRET);
      expect(JSON.stringify(user)).to.not.include(TEST_SECRET);
    });
  });

  describe('#conversations and #conversation', () => {
    const CONVERSATIONS = `/v2/apps/${APP_ID}/conversations`;
    async function user(): Promise<AppUser> {
      nock(BASE).get(`${USERS}/b6518`).reply(200, { user: wireUser() });
      return AppUser.find('b6518', { connection });
    }
    const convo = (id: string, fields: Record<string, unknown> = {}) => ({
      id,
      type: 'personal',
      isDefault: false,
      ...fields,
    });

    it('lists the conversations lazily by userId', async () => {
      const bob = await user();
      const list = bob.conversations();
      expect(nock.pendingMocks()).to.deep.equal([]);
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .get(CONVERSATIONS)
        .query({ 'filter[userId]': USER_ID })
        .reply(200, { conversations: [convo('c1')], meta: { hasMore: false } });
      const all = await list.toArray({ limit: 10 });
      expect(scope.isDone()).to.equal(true);
      expect(all.map((c) => c.id)).to.deep.equal(['c1']);
      expect(all[0]).to.be.instanceOf(Conversation);
    });

    it('returns the default conversation, across pages', async () => {
      const bob = await user();
      const scope = nock(BASE)
        .get(CONVERSATIONS)
        .query({ 'filter[userId]': USER_ID })
        .reply(200, {
          conversations: [convo('c1', { type: 'sdkGroup' }), convo('c2')],
          meta: { hasMore: true, afterCursor: 'c2' },
        })
        .get(CONVERSATIONS)
        .query({ 'filter[userId]': USER_ID, 'page[after]': 'c2' })
        .reply(200, { conversations: [convo('c3', { isDefault: true })], meta: { hasMore: false } });
      const conversation = await bob.conversation();
      expect(scope.isDone()).to.equal(true);
      expect(conversation.id).to.equal('c3');
    });

    it('falls back to the first personal conversation', async () => {
      const bob = await user();
      nock(BASE)
        .get(CONVERSATIONS)
        .query({ 'filter[userId]': USER_ID })
        .reply(200, {
          conversations: [convo('g1', { type: 'sdkGroup' }), convo('p1'), convo('p2')],
          meta: { hasMore: false },
        });
      expect((await bob.conversation()).id).to.equal('p1');
    });

    it('creates a personal conversation with the user as participant when there is none', async () => {
      const bob = await user();
      const scope = nock(BASE)
        .get(CONVERSATIONS)
        .query({ 'filter[userId]': USER_ID })
        .reply(200, { conversations: [], meta: { hasMore: false } })
        .post(CONVERSATIONS, { type: 'personal', participants: [{ userId: USER_ID }] })
        .reply(201, { conversation: convo('new1', { isDefault: true }) });
      const conversation = await bob.conversation();
      expect(scope.isDone()).to.equal(true);
      expect(conversation).to.be.instanceOf(Conversation);
      expect(conversation.id).to.equal('new1');
    });
  });

  describe('#clients and #devices', () => {
    it('list through the connection the user came from', async () => {
      const other = testConnection({ appId: 'otherapp' });
      configure(testConnection({ appId: 'defaultapp' }));
      nock(BASE).get(`/v2/apps/otherapp/users/b6518`).reply(200, { user: wireUser() });
      const bob = await AppUser.find('b6518', { connection: other });
      const scope = nock(BASE)
        .get(`/v2/apps/otherapp/users/${USER_ID}/clients`)
        .reply(200, { clients: [{ id: 'cl1', type: 'sdk', status: 'active' }], meta: { hasMore: false } })
        .get(`/v2/apps/otherapp/users/${USER_ID}/devices`)
        .reply(200, { devices: [{ id: 'd1', type: 'web', status: 'active' }] });
      const clients = await bob.clients().toArray({ limit: 5 });
      const devices = await bob.devices().toArray({ limit: 5 });
      expect(scope.isDone()).to.equal(true);
      expect(clients[0]).to.be.instanceOf(Client);
      expect(clients[0]!.userId).to.equal(USER_ID);
      expect(devices[0]).to.be.instanceOf(Device);
      expect(devices[0]!.connection).to.equal(other);
    });
  });
});
