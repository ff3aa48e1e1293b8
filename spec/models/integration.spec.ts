import { expect } from 'chai';
import nock from 'nock';
import { configure } from '../../lib/connection/connection.js';
import { ConfigurationError, ReadOnlyFieldError } from '../../lib/errors.js';
import { Integration } from '../../lib/models/integration.js';
import type { IntegrationCreate } from '../../lib/models/integration-types.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';
import { trap } from '../support/nock-traps.js';
import { rejectionOf } from '../support/rejection.js';

const connection = testConnection();
const INTEGRATIONS = `/v2/apps/${APP_ID}/integrations`;

/** A new integration of each typed channel, and what the API answers (as in the seed, in v2 shape). */
const CHANNELS: [IntegrationCreate, Record<string, unknown>][] = [
  [
    { type: 'messenger', pageAccessToken: 'page-token', appId: 'fb-app-id', appSecret: 'fb-secret-not-real' },
    { id: 'i-messenger', type: 'messenger', status: 'active', pageId: '841556169307232', appId: 'fb-app-id' },
  ],
  [
    { type: 'twilio', accountSid: 'AC00', authToken: 'twilio-token-not-real', phoneNumberSid: 'PN00' },
    { id: 'i-twilio', type: 'twilio', status: 'active', phoneNumberSid: 'PN00', phoneNumber: '+15146125236' },
  ],
  [
    { type: 'telegram', token: 'telegram-token-not-real' },
    { id: 'i-telegram', type: 'telegram', status: 'active', username: 'acme_bot' },
  ],
  [
    {
      type: 'line',
      channelId: '1462776483',
      channelSecret: 'line-secret-not-real',
      channelAccessToken: 'tok',
    },
    { id: 'i-line', type: 'line', status: 'active', channelId: '1462776483', lineId: '@acme' },
  ],
  [
    {
      type: 'custom',
      displayName: 'CRM',
      webhooks: [{ target: 'https://example.com/h', triggers: ['conversation:message'] }],
    },
    {
      id: 'i-custom',
      type: 'custom',
      displayName: 'CRM',
      webhooks: [{ id: 'w1', target: 'https://example.com/h' }],
    },
  ],
  [
    { type: 'web', brandColor: '65d7ff', originWhitelist: ['https://example.com'] },
    { id: 'i-web', type: 'web', status: 'active', brandColor: '65d7ff', integrationOrder: [] },
  ],
];

async function found(wire: Record<string, unknown>): Promise<Integration> {
  nock(BASE).get(`${INTEGRATIONS}/${wire.id}`).reply(200, { integration: wire });
  return Integration.find(String(wire.id), { connection });
}

describe('Integration', () => {
  describe('.create', () => {
    for (const [fields, answer] of CHANNELS) {
      it(`POSTs a ${fields.type} integration with its typed fields`, async () => {
        const scope = nock(BASE)
          .post(INTEGRATIONS, fields as unknown as nock.DataMatcherMap)
          .matchHeader('authorization', BASIC)
          .reply(201, { integration: answer });
        const integration = await Integration.create(fields, { connection });
        scope.done();
        expect(integration).to.be.instanceOf(Integration);
        expect(integration.toJSON()).to.deep.equal(answer);
        expect(integration.connection).to.equal(connection);
      });
    }

    it('rejects an unknown type with a TypeError before any request', async () => {
      const scope = trap(nock(BASE).post(/.*/).reply(201, {}));
      const fax = await rejectionOf(Integration.create({ type: 'fax' } as never, { connection }));
      expect(fax)
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.matches(/Unknown integration type "fax"/);
      const none = await rejectionOf(Integration.create(undefined as never, { connection }));
      expect(none).to.be.instanceOf(TypeError);
      expect(scope.isDone()).to.equal(false);
      expect(scope.pendingMocks()).to.have.length(1);
    });

    it('takes the app per call, else from the configuration, else throws a ConfigurationError', async () => {
      const account = testConnection({ keyId: 'act_test', appId: undefined });
      const telegram = { type: 'telegram', token: 't' } as const;
      const noApp = await rejectionOf(Integration.create(telegram, { connection: account }));
      expect(noApp).to.be.instanceOf(ConfigurationError).with.property('message').that.matches(/appId/);
      const perCall = nock(BASE)
        .post('/v2/apps/other/integrations', telegram)
        .reply(201, { integration: { id: 'i' } });
      await Integration.create(telegram, { connection: account, appId: 'other' });
      perCall.done();
      configure(connection);
      const configured = nock(BASE)
        .post(INTEGRATIONS, telegram)
        .reply(201, { integration: { id: 'i' } });
      await Integration.create(telegram);
      configured.done();
    });
  });

  describe('.find', () => {
    it('GETs one integration by its encoded id, keeping every field', async () => {
      const wire = { id: 'a b', type: 'twilio', status: 'active', phoneNumber: '+15146125236', surprise: 1 };
      const scope = nock(BASE)
        .get(`${INTEGRATIONS}/a%20b`)
        .matchHeader('authorization', BASIC)
        .reply(200, { integration: wire });
      const integration = await Integration.find('a b', { connection });
      scope.done();
      expect(integration.toJSON()).to.deep.equal(wire);
      expect(integration.phoneNumber).to.equal('+15146125236');
    });

    it("keeps a Messenger integration's Facebook appId without mistaking it for the app", async () => {
      const messenger = await found(CHANNELS[0]![1]);
      expect(messenger.appId).to.equal('fb-app-id');
      const scope = nock(BASE)
        .patch(`${INTEGRATIONS}/i-messenger`, { pageAccessToken: 'new-token' })
        .reply(200, { integration: { ...CHANNELS[0]![1], displayName: null } });
      messenger.pageAccessToken = 'new-token';
      await messenger.save();
      scope.done();
      expect(messenger.appId).to.equal('fb-app-id');
    });
  });

  describe('.all', () => {
    it('sends filter[types]=line,twilio and walks the pages', async () => {
      const scope = nock(BASE)
        .get(INTEGRATIONS)
        .query({ 'filter[types]': 'line,twilio', 'page[size]': '2' })
        .matchHeader('authorization', BASIC)
        .reply(200, {
          integrations: [CHANNELS[3]![1], CHANNELS[1]![1]],
          meta: { hasMore: true, afterCursor: 'c' },
        })
        .get(INTEGRATIONS)
        .query({ 'filter[types]': 'line,twilio', 'page[size]': '2', 'page[after]': 'c' })
        .reply(200, { integrations: [], meta: { hasMore: false } });
      const list = Integration.all({ types: ['line', 'twilio'] }, { connection, pageSize: 2 });
      const all = await list.toArray({ limit: 10 });
      scope.done();
      expect(all.map((i) => i.type)).to.deep.equal(['line', 'twilio']);
      expect(all[0]).to.be.instanceOf(Integration);
    });

    it('sends no filter without types', async () => {
      const scope = nock(BASE).get(INTEGRATIONS).query({}).twice().reply(200, { integrations: [] });
      await Integration.all({}, { connection }).first(1);
      await Integration.all({ types: [] }, { connection }).first(1);
      scope.done();
    });
  });

  describe('#save', () => {
    it('sends only the fields the type accepts on update', async () => {
      const web = await found(CHANNELS[5]![1]);
      web.brandColor = '000000';
      web.displayName = 'Site';
      const scope = nock(BASE)
        .patch(`${INTEGRATIONS}/i-web`, { brandColor: '000000', displayName: 'Site' })
        .matchHeader('authorization', BASIC)
        .reply(200, { integration: { ...CHANNELS[5]![1], brandColor: '000000', displayName: 'Site' } });
      await web.save();
      scope.done();
      expect(web.isDirty).to.equal(false);
    });

    it('refuses, before any request, fields a type cannot update: status, a custom webhook, a telegram token', async () => {
      const scope = trap(nock(BASE).patch(/.*/).reply(200, {}));
      const web = await found(CHANNELS[5]![1]);
      web.displayName = 'Site';
      web.status = 'inactive'; // read-only
      web.attachmentsEnabled = true; // create-only
      const custom = await found(CHANNELS[4]![1]);
      (custom.webhooks as object[]).push({ target: 'https://example.com/other' });
      const telegram = await found(CHANNELS[2]![1]);
      telegram.token = 'another';
      const refused = await Promise.all(
        [web, custom, telegram].map((i) => i.save().catch((e: unknown) => e)),
      );
      expect(refused.map((e) => (e as ReadOnlyFieldError).fields)).to.deep.equal([
        ['status', 'attachmentsEnabled'],
        ['webhooks'],
        ['token'],
      ]);
      for (const error of refused) expect(error).to.be.instanceOf(ReadOnlyFieldError);
      expect((refused[2] as ReadOnlyFieldError).writable)
        .to.include('displayName')
        .and.not.include('token');
      expect(scope.isDone()).to.equal(false);
    });
  });

  describe('#delete', () => {
    it('DELETEs the integration', async () => {
      const twilio = await found(CHANNELS[1]![1]);
      const scope = nock(BASE)
        .delete(`${INTEGRATIONS}/i-twilio`)
        .matchHeader('authorization', BASIC)
        .reply(200, {});
      await twilio.delete();
      scope.done();
    });
  });
});
