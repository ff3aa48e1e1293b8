import { expect } from 'chai';
import { Switchboard } from '../../lib/models/switchboard.js';
import { SwitchboardIntegration } from '../../lib/models/switchboard-integration.js';
import { api, APP_ID, testConnection } from '../support/fixtures.js';

const SB = '5ef21b132f21af34f088530d';
const SBI = '5ef21b86e933b7355c11c604';
const ROOT = `/v2/apps/${APP_ID}/switchboards`;
const switchboardPlain = { id: SB, enabled: false, defaultSwitchboardIntegrationId: null };
const integrationPlain = {
  id: SBI,
  name: 'bot',
  integrationId: '5ef21b86e933b7355c11c605',
  integrationType: 'custom',
  deliverStandbyEvents: false,
  nextSwitchboardIntegrationId: null,
  messageHistoryCount: 5,
};

describe('Switchboard', () => {
  const connection = testConnection();

  it('creates the switchboard with a POST and no body, then lists it', async () => {
    const scope = api()
      .post(ROOT, (body) => body === '' || Object.keys(body).length === 0)
      .reply(201, { switchboard: switchboardPlain })
      .get(ROOT)
      .reply(200, { switchboards: [switchboardPlain] });
    const created = await Switchboard.create({ connection });
    const listed = await Switchboard.all({ connection }).toArray({ limit: 5 });
    scope.done();
    expect(created).to.be.instanceOf(Switchboard);
    expect(created.enabled).to.equal(false);
    expect(listed.map((s) => s.id)).to.deep.equal([SB]);
  });

  it('saves only the changed fields, and deletes', async () => {
    const scope = api()
      .get(ROOT)
      .reply(200, { switchboards: [switchboardPlain] })
      .patch(`${ROOT}/${SB}`, { enabled: true })
      .reply(200, { switchboard: { ...switchboardPlain, enabled: true } })
      .delete(`${ROOT}/${SB}`)
      .reply(200, {});
    const [switchboard] = await Switchboard.all({ connection }).first(1);
    switchboard!.enabled = true;
    await switchboard!.save();
    expect(switchboard!.enabled).to.equal(true);
    expect(switchboard!.isDirty).to.equal(false);
    await switchboard!.delete();
    scope.done();
  });
});

describe('SwitchboardIntegration', () => {
  const connection = testConnection();
  const url = `${ROOT}/${SB}/switchboardIntegrations`;

  it('creates one with the exact body and remembers its switchboard for save and delete', async () => {
    const fields = { name: 'bot', integrationId: integrationPlain.integrationId, messageHistoryCount: 5 };
    const scope = api()
      .post(url, fields)
      .reply(201, { switchboardIntegration: integrationPlain })
      .patch(`${url}/${SBI}`, { deliverStandbyEvents: true })
      .reply(200, { switchboardIntegration: { ...integrationPlain, deliverStandbyEvents: true } })
      .delete(`${url}/${SBI}`)
      .reply(200, {});
    const bot = await SwitchboardIntegration.create(SB, fields, { connection });
    expect(bot).to.be.instanceOf(SwitchboardIntegration);
    expect(bot.switchboardId).to.equal(SB);
    expect(Object.keys(bot.toJSON())).to.not.include('switchboardId');
    bot.deliverStandbyEvents = true;
    await bot.save();
    await bot.delete();
    scope.done();
  });

  it('lists them with their switchboard id', async () => {
    const scope = api()
      .get(url)
      .reply(200, { switchboardIntegrations: [integrationPlain] });
    const [item] = await SwitchboardIntegration.all(SB, { connection }).toArray({ limit: 10 });
    scope.done();
    expect(item!.switchboardId).to.equal(SB);
    expect(item!.name).to.equal('bot');
  });

  it('refuses a body without a name or with both / neither integration fields before any request', async () => {
    const bad = [{ name: '' }, { name: 'x' }, { name: 'x', integrationId: 'a', integrationType: 'b' }];
    for (const fields of bad) {
      const error = await SwitchboardIntegration.create(SB, fields as never, { connection }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(TypeError);
    }
    // nock blocks every host here: a request would have failed with a connection error, not a TypeError.
  });
});
