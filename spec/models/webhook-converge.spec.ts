// Webhook.ensure converges on a stable identity, against the stateful sandbox server: the same start-up
// script run ten times leaves one integration and one webhook; moving the bot's URL adds nothing.
import { expect } from 'chai';
import { Integration } from '../../lib/models/integration.js';
import { DEFAULT_INTEGRATION_NAME, Webhook } from '../../lib/models/webhook.js';
import { useSandbox } from '../sandbox/support/fixture.js';

describe('Webhook.ensure converges (sandbox)', function () {
  // Ten start-ups are some forty requests: more than mocha's 2 s default on a loaded machine.
  this.timeout(30_000);
  const fixture = useSandbox();
  const customs = async () =>
    (
      await Integration.all({ types: ['custom'] }, { connection: fixture().app() }).toArray({ limit: 100 })
    ).map((integration) => integration.displayName);

  it('deleteAll() + ensure() ten times leaves exactly one integration and one webhook', async () => {
    const connection = fixture().app();
    const before = (await customs()).length;
    for (let run = 0; run < 10; run++) {
      await Webhook.deleteAll({ connection });
      await Webhook.ensure(
        { target: 'https://example.com/hooks', triggers: ['conversation:message'] },
        { connection },
      );
    }
    const names = await customs();
    expect(names.length - before).to.equal(1);
    expect(names.filter((name) => name === DEFAULT_INTEGRATION_NAME)).to.have.length(1);
    expect(await Webhook.all({ connection }).toArray({ limit: 100 })).to.have.length(1);
  });

  it('a new URL updates the webhook in place: the old URL stops receiving, no integration is added', async () => {
    const connection = fixture().app();
    const spec = { triggers: ['conversation:message' as const], displayName: 'Order bot' };
    const first = await Webhook.ensure({ ...spec, target: 'https://old.example.com/hooks' }, { connection });
    const moved = await Webhook.ensure({ ...spec, target: 'https://new.example.com/hooks' }, { connection });
    expect(moved.id).to.equal(first.id);
    expect(moved.integrationId).to.equal(first.integrationId);
    expect(moved.secret).to.be.a('string').and.not.empty;
    const held = await Webhook.all({ connection, integrationId: first.integrationId }).toArray({ limit: 10 });
    expect(held.map((webhook) => webhook.target)).to.deep.equal(['https://new.example.com/hooks']);
    expect((await customs()).filter((name) => name === 'Order bot')).to.have.length(1);
  });

  it('without a displayName the target is the identity: two bots at two URLs keep two integrations', async () => {
    const connection = fixture().app();
    const bot = await Webhook.ensure(
      { target: 'https://bot.example.com/hooks', triggers: ['conversation:message'] },
      { connection },
    );
    const agents = await Webhook.ensure(
      { target: 'https://agents.example.com/hooks', triggers: ['conversation:message'] },
      { connection },
    );
    expect(agents.integrationId).to.not.equal(bot.integrationId);
    const again = await Webhook.ensure(
      { target: 'https://bot.example.com/hooks', triggers: ['conversation:message'] },
      { connection },
    );
    expect(again.id).to.equal(bot.id);
  });

  it('deleteAll() leaves integrations it did not make (another name) in place, emptied', async () => {
    const connection = fixture().app();
    const mine = await Integration.create(
      {
        type: 'custom',
        displayName: 'Hand made',
        webhooks: [{ target: 'https://example.com/mine', triggers: ['conversation:read'] }],
      },
      { connection },
    );
    await Webhook.ensure(
      { target: 'https://example.com/hooks', triggers: ['conversation:message'] },
      { connection },
    );
    await Webhook.deleteAll({ connection, displayName: 'Order bot' });
    const names = await customs();
    expect(names).to.include('Hand made');
    expect(names).to.not.include(DEFAULT_INTEGRATION_NAME);
    expect(names).to.not.include('Order bot');
    expect(await Webhook.all({ connection, integrationId: mine.id }).toArray({ limit: 10 })).to.deep.equal(
      [],
    );
  });

  it('refuses an empty displayName before any request', async () => {
    const error = await Webhook.ensure(
      { target: 'https://example.com/hooks', triggers: ['conversation:message'], displayName: ' ' },
      { connection: fixture().app() },
    ).catch((e: unknown) => e);
    expect(error)
      .to.be.instanceOf(TypeError)
      .with.property('message')
      .that.matches(/displayName/);
  });
});
