// Apps, keys, integrations, integration keys and webhooks through the library, and the API's validation:
// required fields, page sizes, filters (400 bad_request), 404 codes.
import { expect } from 'chai';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import { App } from '../../lib/models/app.js';
import { Integration } from '../../lib/models/integration.js';
import { Key } from '../../lib/models/key.js';
import { Webhook } from '../../lib/models/webhook.js';
import { path } from '../../lib/path.js';
import { rejectionOf, useSandbox } from './support/fixture.js';

describe('sandbox: provisioning through the library', () => {
  const fixture = useSandbox();
  const account = () => ({ connection: fixture().account() });

  it('creates, lists (cursor pages), updates and deletes apps', async () => {
    const created = await App.create(
      { displayName: 'Acme', settings: { multiConvoEnabled: true } },
      account(),
    );
    expect(created.settings.multiConvoEnabled).to.equal(true);
    expect(created.settings.maskCreditCardNumbers).to.equal(true);
    created.displayName = 'Acme support';
    created.metadata = { region: 'eu' };
    await created.save();
    const found = await App.find(created.id, account());
    expect(found).to.include({ displayName: 'Acme support' });
    expect(found.metadata).to.deep.equal({ region: 'eu' });
    found.metadata!.tier = 'gold';
    await found.save(); // sends only { metadata: { tier: 'gold' } }: the sandbox merges, as the API does
    expect((await App.find(created.id, account())).metadata).to.deep.equal({ region: 'eu', tier: 'gold' });
    const pages = [];
    for await (const page of App.all({}, { ...account(), pageSize: 1 }).pages())
      pages.push(page.map((a) => a.id));
    expect(pages).to.deep.equal([[fixture().sandbox.appId], [created.id]]);
    await found.delete();
    expect(((await rejectionOf(App.find(created.id, account()))) as NotFoundError).code).to.equal(
      'app_not_found',
    );
  });

  it('answers 400 bad_request for missing fields, bad page sizes, both cursors and unknown filters', async () => {
    const connection = fixture().account();
    const appId = fixture().sandbox.appId;
    const attempts = [
      { method: 'POST' as const, path: '/v2/apps', json: {} },
      { method: 'POST' as const, path: '/v2/apps', json: { displayName: 'x', settings: { nope: true } } },
      { method: 'GET' as const, path: '/v2/apps', query: { 'page[size]': 0 } },
      { method: 'GET' as const, path: '/v2/apps', query: { 'page[size]': 101 } },
      { method: 'GET' as const, path: '/v2/apps', query: { 'page[after]': 'not-an-id' } },
      { method: 'GET' as const, path: '/v2/apps', query: { 'page[after]': appId, 'page[before]': appId } },
      {
        method: 'GET' as const,
        path: path`/v2/apps/${appId}/integrations`,
        query: { 'filter[types]': 'pigeon' },
      },
      { method: 'POST' as const, path: path`/v2/apps/${appId}/keys`, json: { displayName: '' } },
    ];
    for (const attempt of attempts) {
      const error = await rejectionOf(connection.request(attempt));
      expect(error, JSON.stringify(attempt)).to.be.instanceOf(BadRequestError);
      expect((error as BadRequestError).code).to.equal('bad_request');
      expect((error as BadRequestError).title)
        .to.be.a('string')
        .and.not.equal('');
    }
  });

  it('issues app keys with random secrets, at most 10 per app, and revokes them', async () => {
    const options = { ...account(), appId: fixture().sandbox.appId };
    const key = await Key.create({ displayName: 'backend' }, options);
    expect(key.id).to.match(/^app_[0-9a-f]{24}$/);
    expect((await Key.find(key.id, options)).secret).to.equal(key.secret);
    for (let i = (await Key.all(options).toArray({ limit: 20 })).length; i < 10; i++) {
      await Key.create({ displayName: `k${i}` }, options);
    }
    expect(await rejectionOf(Key.create({ displayName: 'eleventh' }, options))).to.be.instanceOf(
      BadRequestError,
    );
    await key.delete();
    expect(await rejectionOf(Key.find(key.id, options))).to.be.instanceOf(NotFoundError);
    expect(
      await rejectionOf(App.find(fixture().sandbox.appId, { connection: key.connect() })),
    ).to.have.property('status', 401);
  });

  it('keeps integrations with their type fields, never returning write-only credentials', async () => {
    const c = { connection: fixture().app() };
    const twilio = await Integration.create(
      { type: 'twilio', accountSid: 'AC-test', authToken: 'test-token-not-real', phoneNumberSid: 'PN-test' },
      c,
    );
    expect(twilio).to.include({ type: 'twilio', status: 'active', accountSid: 'AC-test' });
    expect(twilio).not.to.have.property('authToken');
    expect(await rejectionOf(Integration.create({ type: 'telegram' } as never, c))).to.be.instanceOf(
      BadRequestError,
    );
    const listed = await Integration.all({ types: ['twilio'] }, c).toArray({ limit: 10 });
    expect(listed.map((i) => i.id)).to.deep.equal([twilio.id]);
    twilio.displayName = 'SMS';
    await twilio.save();
    expect((await Integration.find(twilio.id, c)).displayName).to.equal('SMS');
    await twilio.delete();
    const error = await rejectionOf(Integration.find(twilio.id, c));
    expect((error as NotFoundError).code).to.equal('integration_not_found');
  });

  it('keeps webhooks on custom integrations, with a secret each, and updates them in place', async () => {
    const c = { connection: fixture().app() };
    const target = 'https://example.com/provisioning-hooks';
    const ensured = await Webhook.ensure({ target, triggers: ['conversation:message'] }, c);
    expect(ensured).to.include({ target, version: 'v2', includeFullUser: false });
    expect(ensured.secret).to.be.a('string').with.length.greaterThan(30);
    const again = await Webhook.ensure({ target, triggers: ['conversation:message', 'client:add'] }, c);
    expect(again.id).to.equal(ensured.id);
    const stored = await Webhook.find(ensured.id, { ...c, integrationId: ensured.integrationId });
    expect(stored.triggers).to.deep.equal(['conversation:message', 'client:add']);
    expect(stored.secret).to.equal(ensured.secret);
    const bad = Webhook.create(
      { target, triggers: ['not:a-trigger' as never] },
      { ...c, integrationId: ensured.integrationId },
    );
    expect(await rejectionOf(bad)).to.be.instanceOf(Error);
    await stored.delete();
    expect(
      await Webhook.all({ ...c, integrationId: ensured.integrationId }).toArray({ limit: 10 }),
    ).to.deep.equal([]);
  });
});
