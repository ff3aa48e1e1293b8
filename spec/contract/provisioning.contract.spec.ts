// Every App, Key, Integration and IntegrationKey operation, sent to a Prism mock of the official OpenAPI
// document (the "Messaging Inside" flow of seed 003): Prism rejects any request the document does not allow.
import { expect } from 'chai';
import type { CallOptions, Connection } from '../../lib/connection/connection.js';
import { App } from '../../lib/models/app.js';
import { Integration } from '../../lib/models/integration.js';
import { IntegrationKey } from '../../lib/models/integration-key.js';
import {
  INTEGRATION_TYPES,
  type IntegrationCreate,
  type IntegrationType,
  UPDATABLE,
} from '../../lib/models/integration-types.js';
import { Key } from '../../lib/models/key.js';
import { readDocument } from './openapi-document.js';
import { describeContract } from './prism.js';

const INTEGRATION_ID = '5e4af71a81966cfff3ef6550';

/** The parts of an OpenAPI schema the checks below read. */
interface Schema {
  $ref?: string;
  properties?: object;
  allOf?: Schema[];
  oneOf?: Schema[];
  discriminator?: { mapping: Record<string, string> };
}

/** One valid new integration of each type the seed names, plus custom and web. */
const NEW_INTEGRATIONS: IntegrationCreate[] = [
  { type: 'messenger', pageAccessToken: 'page-token', appId: 'fb-app', appSecret: 'fb-secret-not-real' },
  { type: 'twilio', accountSid: 'AC0000', authToken: 'twilio-token-not-real', phoneNumberSid: 'PN0000' },
  { type: 'telegram', token: 'telegram-token-not-real' },
  {
    type: 'line',
    channelId: '1462776483',
    channelSecret: 'line-secret-not-real',
    channelAccessToken: 'line-token',
  },
  {
    type: 'custom',
    displayName: 'CRM',
    webhooks: [
      { target: 'https://example.com/hooks', triggers: ['conversation:message'], includeFullUser: true },
    ],
  },
  { type: 'web', brandColor: '65d7ff', displayStyle: 'button', originWhitelist: ['https://example.com'] },
  { type: 'viber', token: 'viber-token-not-real' },
];

describeContract('provisioning', (ctx) => {
  const account = (auth: 'basic' | 'jwt' = 'basic'): CallOptions => ({
    connection: ctx.connection({ auth }),
    appId: ctx.appId,
  });

  for (const auth of ['basic', 'jwt'] as const) {
    it(`CreateApp, GetApp, ListApps, UpdateApp, DeleteApp (${auth})`, async () => {
      const created = await App.create(
        { displayName: 'Acme', settings: { maskCreditCardNumbers: true }, metadata: { tier: 'gold' } },
        account(auth),
      );
      expect(created).to.be.instanceOf(App);
      const found = await App.find(created.id, account(auth));
      expect(found.id).to.be.a('string');
      const listed = await App.all(
        { serviceAccountId: '5e4af71a81966cfff3ef6551' },
        { ...account(auth), pageSize: 10 },
      ).first(3);
      expect(listed[0]).to.be.instanceOf(App);
      found.displayName = 'Acme Support';
      found.settings.echoPostback = true;
      found.metadata = { tier: 'platinum' };
      await found.save();
      await found.delete();
    });
  }

  it('CreateAppKey, GetAppKey, ListAppKeys, DeleteAppKey, then act as the app with key.connect() (JWT)', async () => {
    const key = await Key.create({ displayName: 'Acme backend' }, account('jwt'));
    expect(key).to.be.instanceOf(Key);
    expect(key.secret).to.be.a('string');
    const found = await Key.find(key.id, account());
    const all = await Key.all(account()).toArray({ limit: 10 });
    expect(all[0]).to.be.instanceOf(Key);

    const asApp: Connection = found.connect();
    expect([asApp.keyId, asApp.scope, asApp.appId]).to.deep.equal([found.id, 'app', ctx.appId]);
    const app = await App.find(ctx.appId, { connection: asApp });
    expect(app.connection).to.equal(asApp);
    expect(await Integration.all({}, { connection: asApp }).first(1)).to.have.length(1);
    expect(found.jwt()).to.match(/^ey/);
    await found.delete();
  });

  it('CreateIntegration for every typed channel, with both auth modes', async () => {
    for (const [index, fields] of NEW_INTEGRATIONS.entries()) {
      const integration = await Integration.create(fields, account(index % 2 ? 'jwt' : 'basic'));
      expect(integration).to.be.instanceOf(Integration);
    }
  });

  it('GetIntegration, ListIntegrations (filter[types]), UpdateIntegration, DeleteIntegration', async () => {
    const integration = await Integration.find(INTEGRATION_ID, account());
    expect(integration).to.be.instanceOf(Integration);
    const some = await Integration.all({ types: ['line', 'twilio'] }, { ...account(), pageSize: 5 }).first(5);
    expect(some[0]).to.be.instanceOf(Integration);
    integration.displayName = 'Renamed';
    integration.canUserSeeConversationList = false;
    await integration.save(); // as the mock answers an android integration, the android update fields apply
    await integration.delete();
  });

  it('CreateCustomIntegrationKey, GetCustomIntegrationKey, ListCustomIntegrationKeys, DeleteCustomIntegrationKey', async () => {
    const key = await IntegrationKey.create(INTEGRATION_ID, { displayName: 'crm' }, account('jwt'));
    expect(key).to.be.instanceOf(IntegrationKey);
    const found = await IntegrationKey.find(INTEGRATION_ID, key.id, account());
    const all = await IntegrationKey.all(INTEGRATION_ID, account()).toArray({ limit: 10 });
    expect(all[0]!.integrationId).to.equal(INTEGRATION_ID);
    await found.delete();
  });

  it('knows the integration types of the document and which fields each type accepts on update', () => {
    const { schemas } = readDocument().components as { schemas: Record<string, Schema> };
    const mapping = schemas.integration!.discriminator!.mapping;
    expect([...INTEGRATION_TYPES].sort()).to.deep.equal(Object.keys(mapping).sort());
    const fieldsOf = (schema: Schema): string[] =>
      schema.$ref
        ? fieldsOf(schemas[schema.$ref.split('/').pop()!]!)
        : [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap(fieldsOf)];
    for (const { $ref } of schemas.integrationUpdate!.oneOf!) {
      const name = $ref!.split('/').pop()!;
      const type = (
        name === 'messageBirdUpdate' ? 'messagebird' : name.replace(/Update$/, '').toLowerCase()
      ) as IntegrationType;
      expect([...UPDATABLE[type]].sort(), name).to.deep.equal(fieldsOf(schemas[name]!).sort());
    }
  });
});
