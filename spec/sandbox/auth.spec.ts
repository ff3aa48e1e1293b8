// Authentication and scopes: Basic and JWT checked against the keys the sandbox issued, 401 / 403 in the API's
// error shape, account vs app vs integration keys.
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { AuthenticationError, ForbiddenError } from '../../lib/errors.js';
import { App } from '../../lib/models/app.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Integration } from '../../lib/models/integration.js';
import { IntegrationKey } from '../../lib/models/integration-key.js';
import { Key } from '../../lib/models/key.js';
import { Webhook } from '../../lib/models/webhook.js';
import { rejectionOf, useSandbox } from './support/fixture.js';

describe('sandbox: authentication and scopes', () => {
  const fixture = useSandbox();

  /** A raw request with any Authorization header, answering status and body. */
  async function raw(path: string, authorization?: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${fixture().sandbox.url}${path}`, {
      headers: authorization ? { authorization } : {},
    });
    return { status: response.status, body: await response.json() };
  }

  const appPath = () => `/v2/apps/${fixture().sandbox.appId}`;
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

  it('accepts the keys it issued, with Basic and with JWT', async () => {
    const { sandbox } = fixture();
    for (const auth of ['basic', 'jwt'] as const) {
      const app = await App.find(sandbox.appId, { connection: fixture().app({ auth }) });
      expect(app.id).to.equal(sandbox.appId);
    }
    expect(sandbox.keyId).to.match(/^app_[0-9a-f]{24}$/);
    expect(sandbox.accountKeyId).to.match(/^act_[0-9a-f]{24}$/);
    expect(sandbox.secret).to.have.length.greaterThan(30).and.not.equal(sandbox.accountSecret);
  });

  it('answers 401 unauthorized, in the official shape, without or with wrong credentials', async () => {
    const { sandbox } = fixture();
    const missing = await raw(appPath());
    expect(missing).to.deep.equal({
      status: 401,
      body: { errors: [{ code: 'unauthorized', title: 'Authorization is required' }] },
    });
    const wrongBasic = await raw(appPath(), basic(sandbox.keyId, 'wrong-secret-not-real'));
    expect(wrongBasic.status).to.equal(401);
    const unknownKey = await raw(appPath(), basic('app_000000000000000000000000', sandbox.secret));
    expect(unknownKey.status).to.equal(401);
    const error = await rejectionOf(
      App.find(sandbox.appId, { connection: fixture().app({ secret: 'nope-not-real' }) }),
    );
    expect(error).to.be.instanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).to.equal('unauthorized');
  });

  it('checks the JWT: HS256 with the key secret, a kid it issued, the scope of that key, not expired', async () => {
    const { sandbox } = fixture();
    const sign = (claims: object, options: jwt.SignOptions, secret = sandbox.secret) =>
      `Bearer ${jwt.sign(claims, secret, { algorithm: 'HS256', ...options })}`;
    expect((await raw(appPath(), sign({ scope: 'app' }, { keyid: sandbox.keyId }))).status).to.equal(200);
    const cases = [
      sign({ scope: 'app' }, {}),
      sign({ scope: 'app' }, { keyid: 'app_000000000000000000000000' }),
      sign({ scope: 'app' }, { keyid: sandbox.keyId }, 'wrong-secret-not-real'),
      sign({ scope: 'account' }, { keyid: sandbox.keyId }),
      sign({ scope: 'user', external_id: 'bob' }, { keyid: sandbox.keyId }),
      sign({ scope: 'app', exp: Math.floor(Date.now() / 1000) - 60 }, { keyid: sandbox.keyId }),
      `Bearer ${jwt.sign({ scope: 'app' }, sandbox.secret, { algorithm: 'HS512', keyid: sandbox.keyId })}`,
      'Bearer not-a-jwt',
      'Token abc',
    ];
    for (const authorization of cases) {
      const { status, body } = await raw(appPath(), authorization);
      expect(status, authorization).to.equal(401);
      expect((body as { errors: Array<{ code: string }> }).errors[0]!.code).to.equal('unauthorized');
    }
  });

  it('keeps account provisioning to account keys: app keys get 403 forbidden', async () => {
    const { sandbox } = fixture();
    const app = { connection: fixture().app() };
    const calls = [
      () => App.create({ displayName: 'Nope' }, app),
      () => App.all({}, app).first(1),
      () => Key.all({ ...app, appId: sandbox.appId }).first(1),
      () => Key.create({ displayName: 'nope' }, { ...app, appId: sandbox.appId }),
      () => App.find(sandbox.appId, app).then((found) => found.delete()),
    ];
    for (const call of calls) {
      const error = await rejectionOf(call());
      expect(error).to.be.instanceOf(ForbiddenError);
      expect((error as ForbiddenError).code).to.equal('forbidden');
    }
    const account = { connection: fixture().account() };
    expect((await App.all({}, account).first(10)).map((found) => found.id)).to.include(sandbox.appId);
  });

  it('keeps an app key to its own app, and webhooks away from the account key (as the spec lists)', async () => {
    const account = { connection: fixture().account() };
    const other = await App.create({ displayName: 'Other' }, account);
    const error = await rejectionOf(
      AppUser.create({ externalId: 'x' }, { connection: fixture().app(), appId: other.id }),
    );
    expect(error).to.be.instanceOf(ForbiddenError);
    const custom = await Integration.create(
      {
        type: 'custom',
        webhooks: [{ target: 'https://example.com/hooks', triggers: ['conversation:message'] }],
      },
      { ...account, appId: other.id },
    );
    const webhooks = Webhook.all({ ...account, appId: other.id, integrationId: custom.id }).first(1);
    expect(await rejectionOf(webhooks)).to.be.instanceOf(ForbiddenError);
  });

  it('lets an integration key reach users and its own webhooks (also as integrations/me), nothing else', async () => {
    const app = { connection: fixture().app() };
    const target = 'https://example.com/integration-hooks';
    const mine = await Integration.create(
      { type: 'custom', webhooks: [{ target, triggers: ['user:remove'] }] },
      app,
    );
    const theirs = await Integration.create(
      { type: 'custom', webhooks: [{ target, triggers: ['user:remove'] }] },
      app,
    );
    const key = await IntegrationKey.create(mine.id, { displayName: 'crm' }, app);
    expect(key.id).to.match(/^int_/);
    const connection = app.connection.with({ keyId: key.id, secret: key.secret!, scope: 'integration' });
    const user = await AppUser.create({ externalId: 'via-integration' }, { connection });
    expect(user.externalId).to.equal('via-integration');
    expect((await Webhook.all({ connection }).first(5)).map((webhook) => webhook.target)).to.deep.equal([
      target,
    ]);
    expect(
      await rejectionOf(Webhook.all({ connection, integrationId: theirs.id }).first(1)),
    ).to.be.instanceOf(ForbiddenError);
    expect(await rejectionOf(Integration.all({}, { connection }).first(1))).to.be.instanceOf(ForbiddenError);
    await key.delete();
    expect(await rejectionOf(AppUser.find('via-integration', { connection }))).to.be.instanceOf(
      AuthenticationError,
    );
  });
});
