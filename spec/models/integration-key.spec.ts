import { expect } from 'chai';
import nock from 'nock';
import { ConfigurationError } from '../../lib/errors.js';
import { IntegrationKey } from '../../lib/models/integration-key.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';
import { trap } from '../support/nock-traps.js';
import { rejectionOf } from '../support/rejection.js';

const connection = testConnection();
const INTEGRATION_ID = '5e4af71a81966cfff3ef6550';
const KEYS = `/v2/apps/${APP_ID}/integrations/${INTEGRATION_ID}/keys`;
const WIRE_KEY = { id: 'int_5e4a', displayName: 'crm', secret: 'int-secret-not-real' };

describe('IntegrationKey', () => {
  it('.create POSTs {displayName} to the custom integration and remembers the integration', async () => {
    const scope = nock(BASE)
      .post(KEYS, { displayName: 'crm' })
      .matchHeader('authorization', BASIC)
      .reply(201, { key: WIRE_KEY });
    const key = await IntegrationKey.create(INTEGRATION_ID, { displayName: 'crm' }, { connection });
    scope.done();
    expect(key).to.be.instanceOf(IntegrationKey);
    expect(key.integrationId).to.equal(INTEGRATION_ID);
    expect(key.toJSON()).to.deep.equal(WIRE_KEY); // integrationId is not a wire field
  });

  it('.find GETs one key with its secret', async () => {
    const scope = nock(BASE)
      .get(`${KEYS}/int_5e4a`)
      .matchHeader('authorization', BASIC)
      .reply(200, { key: WIRE_KEY });
    const key = await IntegrationKey.find(INTEGRATION_ID, 'int_5e4a', { connection });
    scope.done();
    expect([key.id, key.secret, key.integrationId]).to.deep.equal([
      'int_5e4a',
      WIRE_KEY.secret,
      INTEGRATION_ID,
    ]);
  });

  it('.all lists the keys in one request, each knowing its integration', async () => {
    const scope = nock(BASE)
      .get(KEYS)
      .matchHeader('authorization', BASIC)
      .reply(200, { keys: [WIRE_KEY, { ...WIRE_KEY, id: 'int_2' }] });
    const list = IntegrationKey.all(INTEGRATION_ID, { connection });
    expect(scope.isDone()).to.equal(false);
    const keys = await list.toArray({ limit: 10 });
    scope.done();
    expect(keys.map((k) => [k.id, k.integrationId])).to.deep.equal([
      ['int_5e4a', INTEGRATION_ID],
      ['int_2', INTEGRATION_ID],
    ]);
    expect(keys[0]).to.be.instanceOf(IntegrationKey);
  });

  it('#delete DELETEs the key under its integration', async () => {
    nock(BASE).get(`${KEYS}/int_5e4a`).reply(200, { key: WIRE_KEY });
    const key = await IntegrationKey.find(INTEGRATION_ID, 'int_5e4a', { connection });
    const scope = nock(BASE).delete(`${KEYS}/int_5e4a`).matchHeader('authorization', BASIC).reply(200, {});
    await key.delete();
    scope.done();
  });

  it('rejects an empty integration id and a missing app before any request', async () => {
    const scope = trap(nock(BASE).post(/.*/).reply(201, {}));
    const noIntegration = await IntegrationKey.create('', { displayName: 'crm' }, { connection }).catch(
      (e: unknown) => e,
    );
    expect(noIntegration).to.be.instanceOf(TypeError);
    const account = testConnection({ keyId: 'act_test', appId: undefined });
    const noApp = await rejectionOf(
      IntegrationKey.create(INTEGRATION_ID, { displayName: 'crm' }, { connection: account }),
    );
    expect(noApp).to.be.instanceOf(ConfigurationError);
    // A Collection is lazy: its call still throws at once.
    expect(() => IntegrationKey.all(INTEGRATION_ID, { connection: account })).to.throw(ConfigurationError);
    expect(scope.isDone()).to.equal(false);
    expect(scope.pendingMocks()).to.have.length(1);
  });
});
