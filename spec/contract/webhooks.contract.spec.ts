// Every webhook operation, and the requests Webhook.ensure / deleteAll make, sent to a Prism mock of the
// official OpenAPI document: Prism rejects any request the document does not allow.
import { expect } from 'chai';
import { SmoochError } from '../../lib/errors.js';
import { Webhook } from '../../lib/models/webhook.js';
import { ContractViolationError, describeContract } from './prism.js';

const INTEGRATION = '5e4af71a81966cfff3ef6550';
// The target of the document's own webhook examples, so that list answers hold it.
const EXAMPLE_TARGET = 'https://example.com/callback';

describeContract('webhooks', (ctx) => {
  const options = () => ({ connection: ctx.connection({ keyId: 'app_contract' }), appId: ctx.appId });

  it('CreateWebhook, GetWebhook, ListWebhooks, UpdateWebhook, DeleteWebhook', async () => {
    const created = await Webhook.create(
      {
        target: 'https://example.com/hooks',
        triggers: ['conversation:message', 'conversation:postback'],
        includeFullUser: true,
        includeFullSource: false,
      },
      { ...options(), integrationId: INTEGRATION },
    );
    expect(created).to.be.instanceOf(Webhook);
    expect(created.secret).to.be.a('string');

    const found = await Webhook.find(created.id, { ...options(), integrationId: INTEGRATION });
    expect(found.integrationId).to.equal(INTEGRATION);
    const listed = await Webhook.all({ ...options(), integrationId: INTEGRATION }).toArray({ limit: 10 });
    expect(listed[0]).to.be.instanceOf(Webhook);

    found.triggers = ['conversation:message'];
    found.includeFullSource = true;
    await found.save();
    await found.delete();
  });

  it('integrations/me with an integration-scope key', async () => {
    const connection = ctx.connection({ keyId: 'int_contract' });
    const [webhook] = await Webhook.all({ connection, appId: ctx.appId }).toArray({ limit: 10 });
    expect(webhook!.integrationId).to.equal('me');
  });

  it('ensure in a given integration: ListWebhooks, then UpdateWebhook only when the triggers differ', async () => {
    const same = await Webhook.ensure(
      {
        target: EXAMPLE_TARGET,
        triggers: ['conversation:message', 'conversation:read'],
        integrationId: INTEGRATION,
      },
      options(),
    );
    expect(same.secret).to.be.a('string');
    const changed = await Webhook.ensure(
      { target: EXAMPLE_TARGET, triggers: ['user:merge'], includeFullUser: true, integrationId: INTEGRATION },
      options(),
    );
    expect(changed).to.be.instanceOf(Webhook);
  });

  it('ensure in a given integration without the target: CreateWebhook', async () => {
    const webhook = await Webhook.ensure(
      { target: 'https://example.com/new', triggers: ['conversation:message'], integrationId: INTEGRATION },
      options(),
    );
    expect(webhook.integrationId).to.equal(INTEGRATION);
  });

  it('ensure across the app: ListIntegrations (custom), ListWebhooks', async () => {
    const webhook = await Webhook.ensure(
      { target: EXAMPLE_TARGET, triggers: ['conversation:read', 'conversation:message'] },
      options(),
    );
    expect(webhook.secret).to.be.a('string');
  });

  it('ensure with no webhook for the target: a valid CreateIntegration of type custom', async () => {
    // Prism answers with the document's example integration (an android one, without webhooks), so ensure ends
    // with a clear error; what this proves is that every request it sent, CreateIntegration included, is valid.
    const ensured = Webhook.ensure(
      { target: 'https://example.com/new', triggers: ['conversation:message'], displayName: 'Contract bot' },
      options(),
    );
    const error = await ensured.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.not.be.instanceOf(ContractViolationError);
    expect(error).to.be.instanceOf(SmoochError);
    expect((error as Error).message).to.match(/holds no webhook for https:\/\/example.com\/new/);
  });

  it('deleteAll: ListIntegrations, ListWebhooks, DeleteWebhook', async () => {
    expect(await Webhook.deleteAll(options())).to.equal(1);
    expect(await Webhook.deleteAll({ ...options(), integrationId: INTEGRATION })).to.equal(1);
  });
});
