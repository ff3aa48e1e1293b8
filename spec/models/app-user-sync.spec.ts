import { expect } from 'chai';
import nock from 'nock';
import { hydrate } from '../../lib/model.js';
import { AppUser } from '../../lib/models/app-user.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';

const USER = {
  id: '5963c0d619a30a2e00de36b8',
  externalId: 'b6518',
  zendeskId: '35436',
  profile: {},
  metadata: {},
};

describe('AppUser#sync', () => {
  const connection = testConnection();
  const user = (plain: Record<string, unknown> = USER) =>
    hydrate(AppUser, plain, { connection, appId: APP_ID });

  it('POSTs to the zendeskId path with the surviving id and refreshes from the answer', async () => {
    const scope = nock(BASE)
      .matchHeader('authorization', BASIC)
      .post(`/v2/apps/${APP_ID}/users/35436/sync`, { survivingZendeskId: '35999' })
      .reply(200, { user: { ...USER, zendeskId: '35999', profile: { givenName: 'Bob' } } });
    const synced = user();
    const returned = await synced.sync({ survivingZendeskId: '35999' });
    scope.done();
    expect(returned).to.equal(synced);
    expect(synced.zendeskId).to.equal('35999');
    expect(synced.profile.givenName).to.equal('Bob');
    expect(synced.isDirty).to.equal(false);
  });

  it('sends an empty body without a surviving id', async () => {
    const scope = nock(BASE).post(`/v2/apps/${APP_ID}/users/35436/sync`, {}).reply(200, { user: USER });
    await user().sync();
    scope.done();
  });

  it('rejects a user without zendeskId before any request', async () => {
    const error = await user({ ...USER, zendeskId: undefined })
      .sync()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.match(/zendeskId/);
  });
});
