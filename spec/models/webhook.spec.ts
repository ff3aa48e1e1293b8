import { expect } from 'chai';
import nock from 'nock';
import { configure } from '../../lib/connection/connection.js';
import { NotFoundError } from '../../lib/errors.js';
import { Webhook, DEFAULT_INTEGRATION_NAME } from '../../lib/models/webhook.js';
import type { WebhookTrigger } from '../../lib/webhooks/triggers.js';
import { api, APP_ID, BASE, testConnection } from '../support/fixtures.js';
import { rejectionOf } from '../support/rejection.js';

const INTEGRATION = '5e4af71a81966cfff3ef6550';
const OTHER_INTEGRATION = '5e4af71a81966cfff3ef6551';
const WEBHOOKS = `/v2/apps/${APP_ID}/integrations/${INTEGRATION}/webhooks`;
const TARGET = 'https://example.com/hooks';
const SECRET = 'webhook-secret-not-real';

const stored = {
  id: '5e554d2cac66fb73a3c01871',
  version: 'v2',
  target: TARGET,
  triggers: ['conversation:message', 'conversation:read'],
  secret: SECRET,
  includeFullUser: false,
  includeFullSource: false,
};

describe('Webhook', () => {
  const connection = testConnection();

  it('.create POSTs target, triggers and flags to the integration and remembers the integration', async () => {
    const scope = api()
      .post(WEBHOOKS, { target: TARGET, triggers: ['conversation:message'], includeFullUser: true })
      .reply(201, { webhook: { ...stored, triggers: ['conversation:message'], includeFullUser: true } });
    const webhook = await Webhook.create(
      { target: TARGET, triggers: ['conversation:message'], includeFullUser: true },
      { connection, integrationId: INTEGRATION },
    );
    scope.done();
    expect(webhook).to.be.instanceOf(Webhook);
    expect(webhook.secret).to.equal(SECRET);
    expect(webhook.includeFullUser).to.equal(true);
    expect(webhook.integrationId).to.equal(INTEGRATION);
    expect(Object.keys(webhook)).to.not.include('integrationId');
    expect(webhook.toJSON()).to.deep.equal({
      ...stored,
      triggers: ['conversation:message'],
      includeFullUser: true,
    });
  });

  it('.create rejects bad fields and a missing integration before any request', async () => {
    const options = { connection, integrationId: INTEGRATION };
    const flag = {
      target: TARGET,
      triggers: ['conversation:read'] as const,
      includeFullUser: 'yes' as unknown as boolean,
    };
    const cases: [Parameters<typeof Webhook.create>, RegExp][] = [
      [[{ target: '', triggers: ['conversation:message'] }, options], /target/],
      [[{ target: 'not a url', triggers: ['conversation:read'] }, options], /valid URL/],
      [[{ target: 'ftp://example.com', triggers: ['conversation:read'] }, options], /http/],
      [[{ target: TARGET, triggers: [] }, options], /non-empty array/],
      [[{ target: TARGET, triggers: [''] as never }, options], /non-empty string/],
      [[flag, options], /includeFullUser must be a boolean/],
      [[{ target: TARGET, triggers: ['conversation:read'] }, { connection }], /integrationId/],
    ];
    for (const [args, message] of cases) {
      const error = await rejectionOf(Webhook.create(...args));
      expect(error, String(message))
        .to.be.instanceOf(TypeError)
        .with.property('message')
        .that.matches(message);
    }
  });

  it('.find GETs one webhook with its secret', async () => {
    const scope = api().get(`${WEBHOOKS}/${stored.id}`).reply(200, { webhook: stored });
    const webhook = await Webhook.find(stored.id, { connection, integrationId: INTEGRATION });
    scope.done();
    expect(webhook.toJSON()).to.deep.equal(stored);
    expect(webhook.integrationId).to.equal(INTEGRATION);
  });

  it('.find rejects with NotFoundError', async () => {
    api()
      .get(`${WEBHOOKS}/nope`)
      .reply(404, { errors: [{ code: 'not_found', title: 'Resource not found' }] });
    const found = Webhook.find('nope', { connection, integrationId: INTEGRATION });
    await found.then(
      () => expect.fail('expected a NotFoundError'),
      (error) => expect(error).to.be.instanceOf(NotFoundError),
    );
  });

  it('.all lists the webhooks of an integration, lazily', async () => {
    const list = Webhook.all({ connection, integrationId: INTEGRATION });
    const scope = api()
      .get(WEBHOOKS)
      .reply(200, { webhooks: [stored, { ...stored, id: 'w2' }] });
    const webhooks = await list.toArray({ limit: 10 });
    scope.done();
    expect(webhooks.map((w) => w.id)).to.deep.equal([stored.id, 'w2']);
    expect(webhooks.every((w) => w instanceof Webhook && w.integrationId === INTEGRATION)).to.equal(true);
  });

  it('uses integrations/me with an integration-scope key', async () => {
    const intConnection = testConnection({ keyId: 'int_test' });
    const scope = nock(BASE)
      .get(`/v2/apps/${APP_ID}/integrations/me/webhooks`)
      .reply(200, { webhooks: [stored] });
    const [webhook] = await Webhook.all({ connection: intConnection }).toArray({ limit: 10 });
    scope.done();
    expect(webhook!.integrationId).to.equal('me');
  });

  it('#save PATCHes only what changed; no change, no request', async () => {
    api().get(`${WEBHOOKS}/${stored.id}`).reply(200, { webhook: stored });
    const webhook = await Webhook.find(stored.id, { connection, integrationId: INTEGRATION });
    await webhook.save(); // nothing changed: nock would refuse any request
    webhook.triggers = ['conversation:message'];
    webhook.includeFullSource = true;
    const scope = api()
      .patch(`${WEBHOOKS}/${stored.id}`, { triggers: ['conversation:message'], includeFullSource: true })
      .reply(200, { webhook: { ...stored, triggers: ['conversation:message'], includeFullSource: true } });
    await webhook.save();
    scope.done();
    expect(webhook.isDirty).to.equal(false);
    expect(webhook.integrationId).to.equal(INTEGRATION);
    expect(webhook.includeFullSource).to.equal(true);
  });

  it('#delete DELETEs the webhook of its integration', async () => {
    configure(connection);
    api().get(`${WEBHOOKS}/${stored.id}`).reply(200, { webhook: stored });
    const webhook = await Webhook.find(stored.id, { integrationId: INTEGRATION });
    const scope = api().delete(`${WEBHOOKS}/${stored.id}`).reply(200, {});
    await webhook.delete();
    scope.done();
  });

  describe('.deleteAll', () => {
    it('deletes every webhook of every custom integration of the app', async () => {
      const other = `/v2/apps/${APP_ID}/integrations/${OTHER_INTEGRATION}/webhooks`;
      const scope = api()
        .get(`/v2/apps/${APP_ID}/integrations`)
        .query({ 'filter[types]': 'custom' })
        .reply(200, {
          integrations: [
            { id: INTEGRATION, type: 'custom' },
            { id: OTHER_INTEGRATION, type: 'custom' },
          ],
          meta: { hasMore: false },
        })
        .get(WEBHOOKS)
        .reply(200, { webhooks: [stored, { ...stored, id: 'w2' }] })
        .delete(`${WEBHOOKS}/${stored.id}`)
        .reply(200, {})
        .delete(`${WEBHOOKS}/w2`)
        .reply(200, {})
        .get(other)
        .reply(200, { webhooks: [{ ...stored, id: 'w3' }] })
        .delete(`${other}/w3`)
        .reply(200, {});
      expect(await Webhook.deleteAll({ connection })).to.equal(3);
      scope.done();
    });

    it('deletes the webhooks of one integration only', async () => {
      const scope = api()
        .get(WEBHOOKS)
        .reply(200, { webhooks: [stored] })
        .delete(`${WEBHOOKS}/${stored.id}`)
        .reply(200, {});
      expect(await Webhook.deleteAll({ connection, integrationId: INTEGRATION })).to.equal(1);
      scope.done();
    });
  });
});

describe('Webhook.ensure', () => {
  const connection = testConnection();
  const listIntegrations = (integrations: object[]) =>
    api()
      .get(`/v2/apps/${APP_ID}/integrations`)
      .query({ 'filter[types]': 'custom' })
      .reply(200, { integrations, meta: { hasMore: false } });
  const wanted = {
    target: TARGET,
    triggers: ['conversation:read', 'conversation:message'] as WebhookTrigger[],
  };

  it('returns an existing webhook with the same target and the same triggers in another order: no change', async () => {
    const scope = listIntegrations([
      { id: OTHER_INTEGRATION, type: 'custom' },
      { id: INTEGRATION, type: 'custom' },
    ]);
    scope
      .get(`/v2/apps/${APP_ID}/integrations/${OTHER_INTEGRATION}/webhooks`)
      .reply(200, { webhooks: [{ ...stored, id: 'w-other', target: 'https://example.com/other' }] })
      .get(WEBHOOKS)
      .reply(200, { webhooks: [stored] });
    const webhook = await Webhook.ensure(wanted, { connection });
    scope.done();
    expect(webhook.id).to.equal(stored.id);
    expect(webhook.secret).to.equal(SECRET);
    expect(webhook.integrationId).to.equal(INTEGRATION);
  });

  it('updates changed triggers and given flags only, keeping the secret', async () => {
    const scope = listIntegrations([{ id: INTEGRATION, type: 'custom' }])
      .get(WEBHOOKS)
      .reply(200, { webhooks: [stored] })
      .patch(`${WEBHOOKS}/${stored.id}`, {
        triggers: ['conversation:message', 'user:merge'],
        includeFullUser: true,
      })
      .reply(200, {
        webhook: {
          ...stored,
          secret: undefined,
          triggers: ['conversation:message', 'user:merge'],
          includeFullUser: true,
        },
      });
    const webhook = await Webhook.ensure(
      {
        target: TARGET,
        triggers: ['conversation:message', 'user:merge'],
        includeFullUser: true,
        includeFullSource: false,
      },
      { connection },
    );
    scope.done();
    expect(webhook.triggers).to.deep.equal(['conversation:message', 'user:merge']);
    expect(webhook.includeFullUser).to.equal(true);
    expect(webhook.secret).to.equal(SECRET);
  });

  it('creates a custom integration holding the webhook when no integration has the target', async () => {
    const created = { ...stored, id: 'w-new', triggers: wanted.triggers };
    const scope = listIntegrations([{ id: INTEGRATION, type: 'custom' }])
      .get(WEBHOOKS)
      .reply(200, { webhooks: [{ ...stored, target: 'https://example.com/other' }] })
      .post(`/v2/apps/${APP_ID}/integrations`, {
        type: 'custom',
        displayName: 'Order bot',
        webhooks: [{ target: TARGET, triggers: wanted.triggers }],
      })
      .reply(201, {
        integration: { id: 'i-new', type: 'custom', displayName: 'Order bot', webhooks: [created] },
      });
    const webhook = await Webhook.ensure({ ...wanted, displayName: 'Order bot' }, { connection });
    scope.done();
    expect(webhook).to.be.instanceOf(Webhook);
    expect(webhook.id).to.equal('w-new');
    expect(webhook.secret).to.equal(SECRET);
    expect(webhook.integrationId).to.equal('i-new');
  });

  it('with no integration yet, creates one; called again, changes nothing (only GETs)', async () => {
    const created = { ...stored, id: 'w-new', triggers: wanted.triggers };
    const first = listIntegrations([])
      .post(`/v2/apps/${APP_ID}/integrations`, {
        type: 'custom',
        displayName: DEFAULT_INTEGRATION_NAME,
        webhooks: [{ target: TARGET, triggers: wanted.triggers }],
      })
      .reply(201, { integration: { id: 'i-new', type: 'custom', webhooks: [created] } });
    const webhook = await Webhook.ensure(wanted, { connection });
    first.done();

    // The list answer omits the secret: ensure fetches it with GetWebhook, and sends no POST or PATCH.
    const newHooks = `/v2/apps/${APP_ID}/integrations/i-new/webhooks`;
    const second = listIntegrations([{ id: 'i-new', type: 'custom' }])
      .get(newHooks)
      .reply(200, { webhooks: [{ ...created, secret: undefined }] })
      .get(`${newHooks}/w-new`)
      .reply(200, { webhook: created });
    const again = await Webhook.ensure(wanted, { connection });
    second.done();
    expect(again.toJSON()).to.deep.equal(webhook.toJSON());
    expect(again.integrationId).to.equal('i-new');
  });

  it('with an integration id, searches only there and creates the webhook there', async () => {
    const scope = api()
      .get(WEBHOOKS)
      .reply(200, { webhooks: [] })
      .post(WEBHOOKS, { target: TARGET, triggers: wanted.triggers, includeFullSource: true })
      .reply(201, { webhook: { ...stored, includeFullSource: true } });
    const webhook = await Webhook.ensure(
      { ...wanted, includeFullSource: true, integrationId: INTEGRATION },
      { connection },
    );
    scope.done();
    expect(webhook.integrationId).to.equal(INTEGRATION);
    expect(webhook.includeFullSource).to.equal(true);
  });

  it('with an integration id holding the target, updates it there', async () => {
    const scope = api()
      .get(WEBHOOKS)
      .reply(200, { webhooks: [stored] })
      .patch(`${WEBHOOKS}/${stored.id}`, { triggers: ['conversation:postback'] })
      .reply(200, { webhook: { ...stored, triggers: ['conversation:postback'] } });
    const webhook = await Webhook.ensure(
      { target: TARGET, triggers: ['conversation:postback'], integrationId: INTEGRATION },
      { connection },
    );
    scope.done();
    expect(webhook.triggers).to.deep.equal(['conversation:postback']);
  });

  it('rejects bad fields before any request', async () => {
    const error = await Webhook.ensure({ target: TARGET, triggers: [] }, { connection }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TypeError);
  });
});
