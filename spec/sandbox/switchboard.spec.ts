// The switchboard rules the conformance scenario does not single out: a standby integration may post without
// taking control, a `next` from an integration no longer active is ignored, references across apps and unknown
// ids get the API's errors, and the default or a referenced switchboard integration cannot be deleted.
import { expect } from 'chai';
import type { Connection } from '../../lib/connection/connection.js';
import { App } from '../../lib/models/app.js';
import { Conversation } from '../../lib/models/conversation.js';
import { IntegrationKey } from '../../lib/models/integration-key.js';
import { Key } from '../../lib/models/key.js';
import { Switchboard } from '../../lib/models/switchboard.js';
import { SwitchboardIntegration } from '../../lib/models/switchboard-integration.js';
import { Webhook } from '../../lib/models/webhook.js';
import { AppUser } from '../../lib/models/app-user.js';
import { path } from '../../lib/path.js';
import { rejection, useSandbox } from './support/fixture.js';

type Failure = Error & { status: number; code: string };

describe('sandbox: switchboard rules', () => {
  const fixture = useSandbox();
  let app: Connection;
  let bot: SwitchboardIntegration;
  let agents: SwitchboardIntegration;
  let switchboard: Switchboard;
  let asAgents: Connection;
  let conversation: Conversation;

  before(async () => {
    app = fixture().app();
    const c = { connection: app };
    const side = (name: string) =>
      Webhook.ensure({ target: `http://127.0.0.1:9/${name}`, triggers: ['conversation:message'] }, c);
    const [botHook, agentHook] = [await side('bot'), await side('agents')];
    switchboard = await Switchboard.create(c);
    bot = await SwitchboardIntegration.create(
      switchboard.id,
      { name: 'bot', integrationId: botHook.integrationId },
      c,
    );
    agents = await SwitchboardIntegration.create(
      switchboard.id,
      { name: 'agents', integrationId: agentHook.integrationId, nextSwitchboardIntegrationId: bot.id },
      c,
    );
    switchboard.defaultSwitchboardIntegrationId = bot.id;
    switchboard.enabled = true;
    await switchboard.save();
    const key = await IntegrationKey.create(agentHook.integrationId, { displayName: 'agents' }, c);
    asAgents = app.with({ keyId: key.id, secret: key.secret!, scope: 'integration' });
    const user = await AppUser.create({ externalId: 'rules' }, c);
    conversation = await user.conversation();
  });

  const active = async () =>
    (
      (await Conversation.find(conversation.id, { connection: app })).activeSwitchboardIntegration as {
        name?: string;
      }
    )?.name;

  it('gives a new conversation the default integration, and lets a standby one post without taking control', async () => {
    expect(await active()).to.equal('bot');
    const started = fixture().sandbox.trigger({ type: 'conversation:start', user: 'fresh' });
    expect(started.conversation.activeSwitchboardIntegration).to.deep.include({ name: 'bot' });
    const asStandby = await Conversation.find(conversation.id, { connection: asAgents });
    const message = await asStandby.reply('An agent chiming in');
    expect(message.source?.integrationId).to.equal(agents.integrationId);
    expect(await active()).to.equal('bot');
  });

  it('ignores a `next` from an integration that is not active (a duplicate), as the API does', async () => {
    const asStandby = await Conversation.find(conversation.id, { connection: asAgents });
    await asStandby.passControl('next');
    expect(await active()).to.equal('bot');
    await conversation.passControl('next'); // the app key: bot -> its next (none) fails, nothing moves
    expect(await active()).to.equal('bot');
  });

  it('refuses a target of another app, unknown ids, and deleting the default or a referenced integration', async () => {
    const account = fixture().account();
    const other = await App.create({ displayName: 'Other' }, { connection: account });
    const key = await Key.create({ displayName: 'other' }, { connection: account, appId: other.id });
    const otherBoard = await Switchboard.create({ connection: key.connect() });
    const foreign = await SwitchboardIntegration.create(
      otherBoard.id,
      { name: 'foreign', integrationType: 'zd:agentWorkspace' },
      { connection: key.connect() },
    );
    const passed = (await rejection(conversation.passControl(foreign.id))) as Failure;
    expect([passed.status, passed.code]).to.deep.equal([400, 'switchboard_invalid_target']);
    const created = (await rejection(
      SwitchboardIntegration.create(
        switchboard.id,
        { name: 'x', integrationId: foreign.integrationId },
        { connection: app },
      ),
    )) as Failure;
    expect(created.status).to.equal(400);
    const board = (await rejection(
      app.request({
        method: 'PATCH',
        path: path`/v2/apps/${other.id}/switchboards/${otherBoard.id}`,
        json: {},
      }),
    )) as Failure;
    expect(board.status).to.equal(403);
    expect(((await rejection(bot.delete())) as Failure).status).to.equal(400); // the default one
    agents.nextSwitchboardIntegrationId = null;
    await agents.save();
    bot.nextSwitchboardIntegrationId = agents.id;
    await bot.save();
    const referenced = (await rejection(agents.delete())) as Failure;
    expect(referenced.message).to.include('bot names it as its next');
  });

  it("clears every conversation's switchboard state when the switchboard is deleted", async () => {
    await switchboard.delete();
    expect(await active()).to.equal(undefined);
    expect((await Switchboard.all({ connection: app }).toArray({ limit: 1 })).length).to.equal(0);
  });
});
