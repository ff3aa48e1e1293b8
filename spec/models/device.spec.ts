import { expect } from 'chai';
import nock from 'nock';
import { AppUser } from '../../lib/models/app-user.js';
import { Device } from '../../lib/models/device.js';
import { NotFoundError } from '../../lib/errors.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';
import { rejectionOf } from '../support/rejection.js';

const USER_ID = '6710a3c2e4b0f1a2b3c4d5e6';
const DEVICES = `/v2/apps/${APP_ID}/users/${USER_ID}/devices`;

const webDevice = {
  id: '6710d0cce4b0f1a2b3c4ee05',
  guid: '0f2c7b5a9d1e4c3b8a6f5e4d3c2b1a09',
  clientId: '6710c0aae4b0f1a2b3c4cc03',
  integrationId: '6710b1f0e4b0f1a2b3c4aa01',
  type: 'web',
  status: 'active',
  info: { currentUrl: 'https://example.com', browserLanguage: 'en-US', sdkVersion: '0.1' },
  lastSeen: '2025-01-28T17:59:58.331Z',
};

describe('Device', () => {
  const connection = testConnection();

  describe('.all', () => {
    it('GETs every device of the user in one request, lazily', async () => {
      const list = Device.all(USER_ID, { connection });
      expect(nock.pendingMocks()).to.deep.equal([]);
      const ios = {
        ...webDevice,
        id: '6710d0cce4b0f1a2b3c4ee06',
        type: 'ios',
        pushNotificationToken: 'push-token-fake',
        appVersion: '1.2',
      };
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .get(DEVICES)
        .reply(200, { devices: [webDevice, ios] });
      const devices = await list.toArray({ limit: 10 });
      expect(scope.isDone()).to.equal(true);
      expect(devices.map((d) => d.toJSON())).to.deep.equal([webDevice, ios]);
      expect(devices[0]).to.be.instanceOf(Device);
      expect(devices[0]!.lastSeen).to.be.instanceOf(Date);
      expect(devices.map((d) => d.userId)).to.deep.equal([USER_ID, USER_ID]);
    });

    it('takes an AppUser and uses its connection', async () => {
      const other = testConnection({ appId: 'otherapp' });
      nock(BASE)
        .get('/v2/apps/otherapp/users/b6518')
        .reply(200, { user: { id: USER_ID, profile: {}, metadata: {} } });
      const user = await AppUser.find('b6518', { connection: other });
      const scope = nock(BASE).get(`/v2/apps/otherapp/users/${USER_ID}/devices`).reply(200, { devices: [] });
      expect(await Device.all(user).toArray({ limit: 1 })).to.deep.equal([]);
      expect(scope.isDone()).to.equal(true);
    });
  });

  describe('.find', () => {
    it('GETs one device', async () => {
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .get(`${DEVICES}/${webDevice.id}`)
        .reply(200, { device: webDevice });
      const device = await Device.find(USER_ID, webDevice.id, { connection });
      expect(scope.isDone()).to.equal(true);
      expect(device).to.be.instanceOf(Device);
      expect(device.toJSON()).to.deep.equal(webDevice);
      expect(device.userId).to.equal(USER_ID);
      expect(JSON.stringify(device)).to.not.include('"userId"');
    });

    it('sends brandId for a brand-separated user, from the option or the AppUser', async () => {
      const path = `/v2/apps/${APP_ID}/users/b6518/devices`;
      const scope = nock(BASE)
        .get(`${path}/${webDevice.id}`)
        .query({ brandId: '947792' })
        .reply(200, { device: webDevice })
        .get(path)
        .query({ brandId: '947792' })
        .reply(200, { devices: [webDevice] })
        .get(`/v2/apps/${APP_ID}/users/b6518`)
        .reply(200, { user: { id: USER_ID, brandId: '947792', profile: {}, metadata: {} } })
        .get(DEVICES)
        .query({ brandId: '947792' })
        .reply(200, { devices: [] });
      const device = await Device.find('b6518', webDevice.id, { connection, brandId: '947792' });
      expect(device.toJSON()).to.deep.equal(webDevice);
      expect(await Device.all('b6518', { connection, brandId: '947792' }).first(5)).to.have.length(1);
      const user = await AppUser.find('b6518', { connection });
      expect(await Device.all(user).first(5)).to.deep.equal([]);
      scope.done();
    });

    it('throws NotFoundError for an unknown device', async () => {
      nock(BASE)
        .get(`${DEVICES}/nope`)
        .reply(404, { errors: [{ code: 'device_not_found', title: 'Device not found' }] });
      const error = await rejectionOf(Device.find(USER_ID, 'nope', { connection }));
      expect(error).to.be.instanceOf(NotFoundError);
    });

    it('refuses empty ids before any request', async () => {
      const noDevice = await rejectionOf(Device.find(USER_ID, '', { connection }));
      const noUser = await rejectionOf(Device.find({ id: '' }, 'x', { connection }));
      expect(noDevice).to.be.instanceOf(TypeError);
      expect(noUser).to.be.instanceOf(TypeError);
    });
  });
});
