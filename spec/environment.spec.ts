// Configuration from the environment: one rule for the default connection, explicit options first, and an
// incomplete set refused with the name of what is missing, before any request.
import { expect } from 'chai';
import nock from 'nock';
import { AppUser, ConfigurationError, configure, Connection } from '../lib/index.js';
import { resetConfiguration } from '../lib/connection/connection.js';
import { optionsFromEnvironment } from '../lib/connection/environment.js';
import { TEST_SECRET } from './support/fixtures.js';

const APP = '5d8cff3cd55b040010928b5b';
const FULL = { SMOOCH_KEY_ID: 'app_env', SMOOCH_SECRET: TEST_SECRET, SMOOCH_APP_ID: APP };

/** Runs `fn` with `vars` set in process.env (and every other SMOOCH_ variable unset), then restores it. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T> | T): Promise<T> {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (name.startsWith('SMOOCH_')) delete process.env[name];
  Object.assign(process.env, vars);
  resetConfiguration();
  try {
    return await fn();
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    resetConfiguration();
  }
}

describe('configuration from the environment', () => {
  it('makes the default connection from SMOOCH_KEY_ID, SMOOCH_SECRET and SMOOCH_APP_ID', async () => {
    const api = nock('https://api.smooch.io', { reqheaders: { authorization: /^Bearer / } })
      .get(`/v2/apps/${APP}/users/bob`)
      .reply(200, { user: { id: 'u1', externalId: 'bob' } });
    const user = await withEnv(FULL, () => AppUser.find('bob'));
    expect(user.id).to.equal('u1');
    expect(user.connection.keyId).to.equal('app_env');
    expect(api.isDone()).to.equal(true);
  });

  it('reads the region or a base URL, the base URL winning', () => {
    expect(optionsFromEnvironment({ ...FULL, SMOOCH_REGION: 'eu' })?.region).to.equal('eu');
    expect(optionsFromEnvironment({ ...FULL, SMOOCH_REGION: 'acme' })?.region).to.deep.equal({
      subdomain: 'acme',
    });
    const both = new Connection(
      optionsFromEnvironment({ ...FULL, SMOOCH_REGION: 'eu', SMOOCH_BASE_URL: 'http://127.0.0.1:4010' })!,
    );
    expect(both.baseUrl).to.equal('http://127.0.0.1:4010');
  });

  it('lets configure() win over the environment', async () => {
    await withEnv(FULL, () => {
      configure({ keyId: 'app_explicit', secret: TEST_SECRET, appId: 'other-app' });
      expect(Connection.current().keyId).to.equal('app_explicit');
    });
  });

  it('lets fromEnvironment() changes win over the environment', async () => {
    await withEnv(FULL, () => {
      expect(Connection.fromEnvironment({ appId: 'other-app' })?.appId).to.equal('other-app');
    });
  });

  it('refuses an incomplete set with a ConfigurationError naming the missing variable, before any request', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ SMOOCH_KEY_ID: 'app_env', SMOOCH_APP_ID: APP }, /SMOOCH_SECRET is not set/],
      [{ SMOOCH_SECRET: TEST_SECRET, SMOOCH_APP_ID: APP }, /SMOOCH_KEY_ID is not set/],
      [{ SMOOCH_KEY_ID: 'app_env', SMOOCH_SECRET: TEST_SECRET }, /SMOOCH_APP_ID is not set/],
      [{ SMOOCH_APP_ID: APP }, /SMOOCH_KEY_ID and SMOOCH_SECRET are not set/],
    ];
    for (const [vars, message] of cases) {
      const error = await withEnv(vars, () =>
        AppUser.find('bob').then(
          () => undefined,
          (e: unknown) => e,
        ),
      );
      expect(error, JSON.stringify(Object.keys(vars))).to.be.instanceOf(ConfigurationError);
      expect((error as Error).message)
        .to.match(message)
        .and.not.contain(TEST_SECRET);
    }
  });

  it('takes an account key without an app id (it acts on the app given per call)', () => {
    expect(optionsFromEnvironment({ SMOOCH_KEY_ID: 'act_env', SMOOCH_SECRET: TEST_SECRET })).to.deep.equal({
      keyId: 'act_env',
      secret: TEST_SECRET,
    });
  });

  it('without any variable, still says how to configure', async () => {
    const error = await withEnv({}, () =>
      AppUser.find('bob').then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(error).to.be.instanceOf(ConfigurationError);
    expect((error as Error).message)
      .to.contain('configure(')
      .and.contain('SMOOCH_KEY_ID');
  });
});
