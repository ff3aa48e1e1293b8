// Shared test values. Secrets here are obviously fake and never look like real keys.
import nock from 'nock';
import { Connection, type ConnectionOptions } from '../../lib/connection/connection.js';

export const BASE = 'https://api.smooch.io';
export const APP_ID = '5d8cff3cd55b040010928b5b';
export const TEST_SECRET = 'test-secret-not-real';

/** A connection with retries and their waits off unless a spec asks for them. */
export function testConnection(options: Partial<ConnectionOptions> = {}): Connection {
  return new Connection({
    keyId: 'app_test',
    secret: TEST_SECRET,
    appId: APP_ID,
    auth: 'basic',
    retry: { limit: 0 },
    ...options,
  });
}

/** The Basic header of `testConnection()`. */
export const BASIC = `Basic ${Buffer.from(`app_test:${TEST_SECRET}`).toString('base64')}`;

/** The API as nock sees it, answering only requests with `testConnection()`'s credentials. */
export function api(): nock.Scope {
  return nock(BASE, { reqheaders: { authorization: BASIC } });
}
