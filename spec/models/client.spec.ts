import { expect } from 'chai';
import nock from 'nock';
import { AppUser } from '../../lib/models/app-user.js';
import { Client, type ClientCreate } from '../../lib/models/client.js';
import { configure } from '../../lib/connection/connection.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';
import { rejectionOf } from '../support/rejection.js';

const USER_ID = '6710a3c2e4b0f1a2b3c4d5e6';
const CLIENTS = `/v2/apps/${APP_ID}/users/${USER_ID}/clients`;

const whatsapp: ClientCreate = {
  matchCriteria: { type: 'whatsapp', integrationId: '6710b1f0e4b0f1a2b3c4aa01', phoneNumber: '+15550001111' },
  confirmation: {
    type: 'immediate',
    message: { author: { type: 'business' }, content: { type: 'text', text: 'Hi there!' } },
  },
  target: { conversationId: '6710b2a4e4b0f1a2b3c4bb02' },
};

const sdkClient = {
  id: '6710c0aae4b0f1a2b3c4cc03',
  type: 'sdk',
  status: 'active',
  lastSeen: '2025-02-03T16:26:32.575Z',
  linkedAt: '2025-02-03T16:26:32.575Z',
};

async function loadedUser(connection = testConnection()): Promise<AppUser> {
  nock(BASE)
    .get(`/v2/apps/${APP_ID}/users/b6518`)
    .reply(200, { user: { id: USER_ID, externalId: 'b6518', profile: {}, metadata: {} } });
  return AppUser.find('b6518', { connection });
}

describe('Client', () => {
  const connection = testConnection();

  describe('.create', () => {
    it('POSTs matchCriteria, confirmation and target for a user and returns the pending client', async () => {
      const answer = {
        id: '6710c1bbe4b0f1a2b3c4dd04',
        integrationId: '6710b1f0e4b0f1a2b3c4aa01',
        type: 'whatsapp',
        status: 'pending',
      };
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .post(CLIENTS, whatsapp as never)
        .reply(201, { client: answer });
      const client = await Client.create(await loadedUser(connection), whatsapp);
      expect(scope.isDone()).to.equal(true);
      expect(client).to.be.instanceOf(Client);
      expect(client.toJSON()).to.deep.equal(answer);
      expect(client.status).to.equal('pending');
      expect(client.userId).to.equal(USER_ID);
    });

    it('takes a user id or externalId string, with the default connection', async () => {
      configure(connection);
      const scope = nock(BASE)
        .post(`/v2/apps/${APP_ID}/users/b6518/clients`, whatsapp as never)
        .reply(201, { client: { id: 'c9', type: 'whatsapp', status: 'pending' } });
      const client = await Client.create('b6518', whatsapp);
      expect(scope.isDone()).to.equal(true);
      expect(client.userId).to.equal('b6518');
    });

    it('sends brandId for a brand-separated user: from the option, or from the AppUser', async () => {
      const byOption = nock(BASE)
        .post(`/v2/apps/${APP_ID}/users/b6518/clients`, whatsapp as never)
        .query({ brandId: '947792' })
        .reply(201, { client: { id: 'c9', type: 'whatsapp', status: 'pending' } });
      await Client.create('b6518', whatsapp, { connection, brandId: '947792' });
      byOption.done();
      nock(BASE)
        .get(`/v2/apps/${APP_ID}/users/b6518`)
        .query({ brandId: '947792' })
        .reply(200, {
          user: { id: USER_ID, externalId: 'b6518', brandId: '947792', profile: {}, metadata: {} },
        });
      const user = await AppUser.find('b6518', { connection, brandId: '947792' });
      const fromUser = nock(BASE)
        .post(CLIENTS, whatsapp as never)
        .query({ brandId: '947792' })
        .reply(201, { client: { id: 'c9', type: 'whatsapp', status: 'pending' } });
      await Client.create(user, whatsapp);
      fromUser.done();
    });

    it('refuses an incomplete body before any request', async () => {
      const bad: [unknown, RegExp][] = [
        [undefined, /needs \{ matchCriteria, confirmation, target \}/],
        [{ ...whatsapp, target: undefined }, /needs target/],
        [{ ...whatsapp, confirmation: undefined }, /needs confirmation/],
        [{ ...whatsapp, matchCriteria: { integrationId: 'x' } }, /matchCriteria.type is required/],
        [{ ...whatsapp, target: {} }, /target.conversationId is required/],
      ];
      for (const [fields, message] of bad) {
        const error = await Client.create('b6518', fields as ClientCreate, { connection }).catch(
          (e: unknown) => e,
        );
        expect(error, String(message)).to.be.instanceOf(TypeError);
        expect((error as Error).message).to.match(message);
      }
      const empty = await rejectionOf(Client.create('', whatsapp, { connection }));
      expect(empty).to.be.instanceOf(TypeError);
    });
  });

  describe('.all', () => {
    it('walks the cursor pages lazily, remembering the user on each client', async () => {
      const list = Client.all(USER_ID, { connection, pageSize: 1 });
      expect(nock.pendingMocks()).to.deep.equal([]);
      const second = { ...sdkClient, id: '6710c0aae4b0f1a2b3c4cc09', type: 'messenger' };
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .get(CLIENTS)
        .query({ 'page[size]': '1' })
        .reply(200, { clients: [sdkClient], meta: { hasMore: true, afterCursor: sdkClient.id } })
        .get(CLIENTS)
        .query({ 'page[size]': '1', 'page[after]': sdkClient.id })
        .reply(200, { clients: [second], meta: { hasMore: false } });
      const clients = await list.toArray({ limit: 10 });
      expect(scope.isDone()).to.equal(true);
      expect(clients.map((c) => c.toJSON())).to.deep.equal([sdkClient, second]);
      expect(clients[0]!.lastSeen).to.be.instanceOf(Date);
      expect(clients.every((c) => c.userId === USER_ID)).to.equal(true);
      expect(Object.keys(clients[0]!)).to.not.include('userId');
    });

    it('sends brandId on every page, and the clients remember it for delete()', async () => {
      const path = `/v2/apps/${APP_ID}/users/b6518/clients`;
      const scope = nock(BASE)
        .get(path)
        .query({ brandId: '947792', 'page[size]': '1' })
        .reply(200, { clients: [sdkClient], meta: { hasMore: true, afterCursor: 'x' } })
        .get(path)
        .query({ brandId: '947792', 'page[size]': '1', 'page[after]': 'x' })
        .reply(200, { clients: [{ ...sdkClient, id: 'c2' }], meta: { hasMore: false } })
        .delete(`${path}/c2`)
        .query({ brandId: '947792' })
        .reply(200, {});
      const clients = await Client.all('b6518', { connection, brandId: '947792', pageSize: 1 }).toArray({
        limit: 5,
      });
      await clients[1]!.delete();
      scope.done();
      expect(Object.keys(clients[1]!)).to.not.include('userBrandId');
      expect(clients[1]!.toJSON()).to.not.have.property('userBrandId');
    });

    it('checks the page size before any request', () => {
      expect(() => Client.all(USER_ID, { connection, pageSize: 101 })).to.throw(RangeError);
    });
  });

  describe('#delete', () => {
    async function firstClient(): Promise<Client> {
      nock(BASE)
        .get(CLIENTS)
        .reply(200, { clients: [{ ...sdkClient, type: 'messenger' }], meta: { hasMore: false } });
      const [client] = await Client.all(USER_ID, { connection }).first(1);
      return client!;
    }

    it('DELETEs the client under the user it came from', async () => {
      const client = await firstClient();
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .delete(`${CLIENTS}/${sdkClient.id}`)
        .reply(200, {});
      await client.delete();
      expect(scope.isDone()).to.equal(true);
    });

    it("surfaces the API's 400 for an sdk client as a BadRequestError with its title", async () => {
      const client = await firstClient();
      nock(BASE)
        .delete(`${CLIENTS}/${sdkClient.id}`)
        .reply(400, { errors: [{ code: 'bad_request', title: "Cannot remove a client of type 'sdk'" }] });
      const error = await rejectionOf(client.delete());
      expect(error).to.be.instanceOf(BadRequestError);
      expect((error as BadRequestError).title).to.equal("Cannot remove a client of type 'sdk'");
      expect((error as BadRequestError).status).to.equal(400);
    });

    it('surfaces an unknown client as NotFoundError', async () => {
      const client = await firstClient();
      nock(BASE)
        .delete(`${CLIENTS}/${sdkClient.id}`)
        .reply(404, { errors: [{ code: 'client_not_found', title: 'Client not found' }] });
      const error = await rejectionOf(client.delete());
      expect(error).to.be.instanceOf(NotFoundError);
      expect((error as NotFoundError).code).to.equal('client_not_found');
    });
  });
});
