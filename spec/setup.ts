// Root hooks for every spec: no real network except loopback (our own test servers), a clean default connection.
import './support/polyfills.js';
import nock from 'nock';
import { unusedInterceptors } from './support/nock-traps.js';
import { resetConfiguration } from '../lib/connection/connection.js';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

export const mochaHooks = {
  // Every interceptor a test sets up must be used, unless it is a declared trap: an unused one means the
  // request the test expected was never made (or went elsewhere), which its own assertions may not notice.
  afterEach(this: Mocha.Context): void {
    resetConfiguration();
    const unused = unusedInterceptors();
    nock.cleanAll();
    if (unused.length > 0 && this.currentTest?.state === 'passed') {
      throw new Error(
        `Unused nock interceptors after "${this.currentTest.fullTitle()}": ${unused.join(', ')}`,
      );
    }
  },
};
