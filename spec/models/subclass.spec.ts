// Typed statics hydrate the class they are called on: a user's subclass gets instances of itself back.
import { expect } from 'chai';
import nock from 'nock';
import { App } from '../../lib/models/app.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Client } from '../../lib/models/client.js';
import { Conversation } from '../../lib/models/conversation.js';
import { Device } from '../../lib/models/device.js';
import { Integration } from '../../lib/models/integration.js';
import { IntegrationKey } from '../../lib/models/integration-key.js';
import { Key } from '../../lib/models/key.js';
import { Switchboard } from '../../lib/models/switchboard.js';
import { SwitchboardIntegration } from '../../lib/models/switchboard-integration.js';
import { Attachment } from '../../lib/models/attachment.js';
import { Webhook } from '../../lib/models/webhook.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';

const USERS = `/v2/apps/${APP_ID}/users`;
const CONVERSATIONS = `/v2/apps/${APP_ID}/conversations`;
const user = { id: 'u1', externalId: 'b6518', profile: { givenName: 'Bob' }, metadata: { plan: 'pro' } };
const conversation = { id: 'c1', type: 'personal', metadata: { priority: 'high' } };
const app = { id: APP_ID, displayName: 'Acme', settings: {}, metadata: { tier: 'gold' } };

class Customer extends AppUser {
  get isPro(): boolean {
    return this.metadata.plan === 'pro';
  }
}

class Ticket extends Conversation {
  get urgent(): boolean {
    return this.metadata?.priority === 'high';
  }
}

class Tenant extends App {
  get tier(): unknown {
    return this.metadata?.tier;
  }
}

describe('subclasses of models', () => {
  const connection = testConnection();

  it('AppUser: find, create, findOrCreate and findByEmail return the subclass', async () => {
    nock(BASE).matchHeader('authorization', BASIC).get(`${USERS}/b6518`).reply(200, { user });
    const found: Customer = await Customer.find('b6518', { connection });
    expect(found).to.be.instanceOf(Customer);
    expect(found.isPro).to.equal(true);

    nock(BASE).post(USERS, { externalId: 'b6518' }).reply(201, { user });
    expect(await Customer.create({ externalId: 'b6518' }, { connection })).to.be.instanceOf(Customer);

    nock(BASE)
      .post(USERS, { externalId: 'b6518' })
      .reply(409, { errors: [{ code: 'conflict', title: 'User already exists' }] })
      .get(`${USERS}/b6518`)
      .reply(200, { user });
    const existing: Customer = await Customer.findOrCreate({ externalId: 'b6518' }, { connection });
    expect(existing).to.be.instanceOf(Customer);
    expect(existing.isPro).to.equal(true);

    nock(BASE)
      .get(USERS)
      .query({ 'filter[identities.email]': 'bob@example.org' })
      .reply(200, { users: [user] });
    const [byEmail]: Customer[] = await Customer.findByEmail('bob@example.org', { connection });
    expect(byEmail).to.be.instanceOf(Customer);
    expect(nock.pendingMocks()).to.deep.equal([]);
  });

  it('Conversation: find, create and all return the subclass', async () => {
    nock(BASE).get(`${CONVERSATIONS}/c1`).reply(200, { conversation });
    const found: Ticket = await Ticket.find('c1', { connection });
    expect(found).to.be.instanceOf(Ticket);
    expect(found.urgent).to.equal(true);

    nock(BASE).post(CONVERSATIONS, { type: 'personal' }).reply(201, { conversation });
    expect(await Ticket.create({ type: 'personal' }, { connection })).to.be.instanceOf(Ticket);

    nock(BASE)
      .get(CONVERSATIONS)
      .query({ 'filter[userId]': 'u1' })
      .reply(200, { conversations: [conversation], meta: { hasMore: false } });
    const [listed]: Ticket[] = await Ticket.all({ userId: 'u1' }, { connection }).toArray({ limit: 5 });
    expect(listed).to.be.instanceOf(Ticket);
    expect(listed!.urgent).to.equal(true);
  });

  it('App: find, create and all return the subclass', async () => {
    nock(BASE).get(`/v2/apps/${APP_ID}`).reply(200, { app });
    const found: Tenant = await Tenant.find(APP_ID, { connection });
    expect(found).to.be.instanceOf(Tenant);
    expect(found.tier).to.equal('gold');

    nock(BASE).post('/v2/apps', { displayName: 'Acme' }).reply(201, { app });
    expect(await Tenant.create({ displayName: 'Acme' }, { connection })).to.be.instanceOf(Tenant);

    nock(BASE)
      .get('/v2/apps')
      .reply(200, { apps: [app], meta: { hasMore: false } });
    const [listed]: Tenant[] = await Tenant.all({}, { connection }).first(1);
    expect(listed).to.be.instanceOf(Tenant);
  });

  it('the other models hydrate the class they are called on too', async () => {
    class MyKey extends Key {}
    class MyIntegration extends Integration {}
    class MyIntegrationKey extends IntegrationKey {}
    class MyClient extends Client {}
    class MyDevice extends Device {}
    class MySwitchboard extends Switchboard {}
    class MySwitchboardIntegration extends SwitchboardIntegration {}
    const base = `/v2/apps/${APP_ID}`;
    nock(BASE)
      .get(`${base}/keys/app_1`)
      .reply(200, { key: { id: 'app_1' } })
      .get(`${base}/integrations/i1`)
      .reply(200, { integration: { id: 'i1', type: 'custom' } })
      .get(`${base}/integrations/i1/keys/int_1`)
      .reply(200, { key: { id: 'int_1' } })
      .get(`${base}/users/u1/clients`)
      .reply(200, { clients: [{ id: 'cl1' }], meta: { hasMore: false } })
      .get(`${base}/users/u1/devices/d1`)
      .reply(200, { device: { id: 'd1' } })
      .post(`${base}/switchboards`)
      .reply(201, { switchboard: { id: 's1', enabled: false } })
      .get(`${base}/switchboards/s1/switchboardIntegrations`)
      .reply(200, { switchboardIntegrations: [{ id: 'si1' }] });
    const options = { connection };
    expect(await MyKey.find('app_1', options)).to.be.instanceOf(MyKey);
    expect(await MyIntegration.find('i1', options)).to.be.instanceOf(MyIntegration);
    expect(await MyIntegrationKey.find('i1', 'int_1', options)).to.be.instanceOf(MyIntegrationKey);
    expect((await MyClient.all('u1', options).first(1))[0]).to.be.instanceOf(MyClient);
    expect(await MyDevice.find('u1', 'd1', options)).to.be.instanceOf(MyDevice);
    expect(await MySwitchboard.create(options)).to.be.instanceOf(MySwitchboard);
    const [si] = await MySwitchboardIntegration.all('s1', options).first(1);
    expect(si).to.be.instanceOf(MySwitchboardIntegration);
    expect(si!.switchboardId).to.equal('s1');
    expect(nock.pendingMocks()).to.deep.equal([]);
  });

  it('Webhook: find, create, all and ensure return the subclass, remembering the integration', async () => {
    class MyWebhook extends Webhook {
      get watchesMessages(): boolean {
        return this.triggers.includes('conversation:message');
      }
    }
    const hooks = `/v2/apps/${APP_ID}/integrations/i1/webhooks`;
    const webhook = {
      id: 'w1',
      target: 'https://example.com/hooks',
      triggers: ['conversation:message'],
      secret: 's',
    };
    const fields = { target: webhook.target, triggers: ['conversation:message' as const] };
    nock(BASE)
      .get(`${hooks}/w1`)
      .reply(200, { webhook })
      .post(hooks, fields)
      .reply(201, { webhook })
      .get(hooks)
      .reply(200, { webhooks: [webhook] })
      .get(hooks)
      .reply(200, { webhooks: [webhook] });
    const options = { connection, integrationId: 'i1' };
    const found: MyWebhook = await MyWebhook.find('w1', options);
    expect(found).to.be.instanceOf(MyWebhook);
    expect(found.watchesMessages).to.equal(true);
    expect(found.integrationId).to.equal('i1');
    expect(await MyWebhook.create(fields, options)).to.be.instanceOf(MyWebhook);
    const [listed] = await MyWebhook.all(options).first(1);
    expect(listed).to.be.instanceOf(MyWebhook);
    const ensured: MyWebhook = await MyWebhook.ensure({ ...fields, integrationId: 'i1' }, { connection });
    expect(ensured).to.be.instanceOf(MyWebhook);
    expect(ensured.integrationId).to.equal('i1');
    expect(nock.pendingMocks()).to.deep.equal([]);
  });

  it('Attachment: upload returns the subclass', async () => {
    class MyAttachment extends Attachment {}
    const attachment = { mediaUrl: 'https://media.example.com/a.png', mediaType: 'image/png' };
    nock(BASE).post(`/v2/apps/${APP_ID}/attachments`).query(true).reply(201, { attachment });
    const uploaded = await MyAttachment.upload(Buffer.from('x'), { connection, filename: 'a.png' });
    expect(uploaded).to.be.instanceOf(MyAttachment);
    expect(nock.pendingMocks()).to.deep.equal([]);
  });
});
