// Root hooks for every spec: no real network except loopback (our own test servers), a clean default connection.
import './support/polyfills.js';
import nock from 'nock';
import { resetConfiguration } from '../lib/connection/connection.js';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

export const mochaHooks = {
  afterEach(): void {
    resetConfiguration();
    nock.cleanAll();
  },
};
