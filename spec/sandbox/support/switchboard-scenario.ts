// Drives the switchboard, the control flow, the channel actions, SyncUser and the OAuth flow through the
// library against the sandbox (behind the recorder), so the conformance suite can check every answer.
import { expect } from 'chai';
import type { Connection } from '../../../lib/connection/connection.js';
import type { ApiError } from '../../../lib/errors.js';
import { AppUser } from '../../../lib/models/app-user.js';
import { Conversation } from '../../../lib/models/conversation.js';
import { Integration } from '../../../lib/models/integration.js';
import { IntegrationKey } from '../../../lib/models/integration-key.js';
import { Switchboard } from '../../../lib/models/switchboard.js';
import { SwitchboardIntegration } from '../../../lib/models/switchboard-integration.js';
import { OAuth } from '../../../lib/oauth.js';
import { path } from '../../../lib/path.js';
import type { SandboxFixture } from './fixture.js';
import { rejectionOf } from '../../support/rejection.js';

/** The switchboard triggers and the message trigger, as a bot and an agent desk subscribe to them. */
export const HANDOVER_TRIGGERS = [
  'conversation:message',
  'conversation:postback',
  'switchboard:passControl',
  'switchboard:passControl:failure',
  'switchboard:offerControl',
  'switchboard:offerControl:failure',
  'switchboard:acceptControl',
  'switchboard:acceptControl:failure',
  'switchboard:releaseControl',
];

/** What the scenario made, for the assertions of the suites that run it. */
export interface SwitchboardScenario {
  conversation: Conversation;
  bot: SwitchboardIntegration;
  agents: SwitchboardIntegration;
  /** The state of the conversation after each step, by step name. */
  states: Record<string, { active?: string; pending?: string }>;
}

/** Every switchboard and control operation, and the remaining channel, user and OAuth operations. */
export async function everySwitchboardOperation(
  f: SandboxFixture,
  target: string,
): Promise<SwitchboardScenario> {
  const connection = f.app();
  const c = { connection };
  const hook = (suffix: string) => [{ target: `${target}/${suffix}`, triggers: HANDOVER_TRIGGERS }];
  const botApp = await Integration.create(
    { type: 'custom', displayName: 'Bot', webhooks: hook('bot') } as never,
    c,
  );
  const desk = await Integration.create(
    { type: 'custom', displayName: 'Desk', webhooks: hook('desk') } as never,
    c,
  );
  await Integration.create(
    {
      type: 'instagram',
      pageAccessToken: 'test-token-not-real',
      appId: 'ig-test',
      appSecret: 'test-not-real',
    },
    c,
  );

  const switchboard = await Switchboard.create(c);
  await Switchboard.all(c).toArray({ limit: 5 });
  const bot = await SwitchboardIntegration.create(
    switchboard.id,
    { name: 'bot', integrationId: botApp.id, deliverStandbyEvents: false },
    c,
  );
  const agents = await SwitchboardIntegration.create(
    switchboard.id,
    { name: 'agents', integrationId: desk.id, nextSwitchboardIntegrationId: bot.id, messageHistoryCount: 5 },
    c,
  );
  const workspace = await SwitchboardIntegration.create(
    switchboard.id,
    { name: 'workspace', integrationType: 'zd:agentWorkspace', deliverStandbyEvents: false },
    c,
  );
  const [listed] = await SwitchboardIntegration.all(switchboard.id, c).toArray({ limit: 10 });
  listed!.nextSwitchboardIntegrationId = agents.id;
  await listed!.save();
  switchboard.defaultSwitchboardIntegrationId = bot.id;
  switchboard.enabled = true;
  await switchboard.save();

  const states: SwitchboardScenario['states'] = {};
  const user = await AppUser.create({ externalId: 'handover', profile: { givenName: 'Hana' } }, c);
  const conversation = await user.conversation();
  const snapshot = async (step: string) => {
    const { activeSwitchboardIntegration: a, pendingSwitchboardIntegration: p } = await Conversation.find(
      conversation.id,
      c,
    );
    states[step] = { active: nameOf(a), pending: nameOf(p) };
  };
  await conversation.reply('I need a human', { as: user });
  await snapshot('first message');
  await conversation.passControl('next', { metadata: { reason: 'human requested' } });
  await snapshot('passControl next');
  await conversation.reply('Are you a human?', { as: user });
  await conversation.offerControl('bot', { metadata: { offer: 1 } });
  await snapshot('offerControl bot');
  await conversation.offerControl('workspace');
  await snapshot('offerControl superseded');
  await conversation.acceptControl({ metadata: { ticket: 42 } });
  await snapshot('acceptControl');
  await conversation.passControl('next');
  await snapshot('passControl next without next');
  await conversation.passControl('zd:agentWorkspace');
  await conversation.passControl('bot');
  await conversation.acceptControl();
  await snapshot('acceptControl without offer');
  await conversation.releaseControl({ metadata: { done: true } });
  await snapshot('releaseControl');
  await workspace.delete();
  await integrationKeyRules(f, conversation, desk.id, connection);

  const { interactiveDataRef } = f.sandbox.trigger({ type: 'apple:interactive', user: 'handover' });
  await conversation.downloadMessageRef(user.id, interactiveDataRef as never);
  f.sandbox.trigger({ type: 'postback', payload: 'TALK_TO_AGENT', user: 'handover' });
  await conversation.postConversionEvents('instagram', {
    data: [{ action_source: 'business_messaging', event_name: 'Purchase', event_time: 1752161233 }],
  });

  f.sandbox.simulateZendeskUser('handover', {
    zendeskId: '35436',
    surname: 'Sync',
    email: 'hana@example.com',
  });
  f.sandbox.simulateZendeskUser('handover', { zendeskId: '35999', externalId: 'hana-35999' });
  const synced = await (await AppUser.find('handover', c)).sync();
  await synced.sync({ survivingZendeskId: '35999' });

  await oauthFlow(f);
  await badRequests(f, conversation, switchboard.id);
  await switchboard.delete();
  return { conversation, bot, agents, states };
}

/** AcceptControl and ReleaseControl with an integration key: only the pending / active integration may. */
async function integrationKeyRules(
  f: SandboxFixture,
  conversation: Conversation,
  deskId: string,
  connection: Connection,
): Promise<void> {
  const key = await IntegrationKey.create(deskId, { displayName: 'desk' }, { connection });
  const asDesk = connection.with({ keyId: key.id, secret: key.secret!, scope: 'integration' });
  const url = path`/v2/apps/${f.sandbox.appId}/conversations/${conversation.id}`;
  await conversation.passControl('bot');
  const refused = await rejectionOf<ApiError>(
    asDesk.request({ method: 'POST', path: `${url}/releaseControl`, json: {} }),
  );
  expect(refused.status).to.equal(403);
  await conversation.offerControl('agents');
  await asDesk.request({ method: 'POST', path: `${url}/acceptControl`, json: {} });
  await asDesk.request({ method: 'POST', path: `${url}/releaseControl`, json: {} });
}

/** Authorize (302 with a code), GetToken, GetTokenInfo, RevokeAccess; the token fails once revoked. */
async function oauthFlow(f: SandboxFixture): Promise<void> {
  const { oauthClientId: clientId, oauthClientSecret: clientSecret } = f.sandbox;
  const baseUrl = f.baseUrl;
  const url = OAuth.authorizeUrl(
    { clientId, redirectUri: 'http://127.0.0.1:9/callback', state: 'x1' },
    { baseUrl },
  );
  const redirect = await fetch(url, { redirect: 'manual' });
  expect(redirect.status).to.equal(302);
  const location = new URL(redirect.headers.get('location')!);
  expect(location.searchParams.get('state')).to.equal('x1');
  const token = await OAuth.getToken(
    { code: location.searchParams.get('code')!, clientId, clientSecret },
    { baseUrl },
  );
  const app = await OAuth.tokenInfo(token.accessToken, { baseUrl, apiBaseUrl: baseUrl });
  expect(app.id).to.equal(f.sandbox.appId);
  await OAuth.revokeAccess(token.accessToken, { baseUrl });
  const after = await rejectionOf<ApiError>(
    OAuth.tokenInfo(token.accessToken, { baseUrl, retry: { limit: 0 } }),
  );
  expect(after.status).to.equal(401);
}

function nameOf(state: unknown): string | undefined {
  return (state as { name?: string } | null | undefined)?.name;
}

/** The API's own errors for bad switchboard input: unknown targets and ids, malformed JSON, wrong types. */
async function badRequests(
  f: SandboxFixture,
  conversation: Conversation,
  switchboardId: string,
): Promise<void> {
  const connection = f.app();
  const app = path`/v2/apps/${f.sandbox.appId}`;
  const attempts: Array<['POST' | 'PATCH' | 'DELETE', string, object]> = [
    ['POST', app + path`/conversations/${conversation.id}/passControl`, { switchboardIntegration: 'nobody' }],
    ['POST', app + path`/conversations/${conversation.id}/passControl`, { switchboardIntegration: 7 }],
    ['POST', app + path`/conversations/${conversation.id}/offerControl`, { metadata: { nested: { no: 1 } } }],
    ['PATCH', app + path`/switchboards/${'000000000000000000000005'}`, { enabled: true }],
    [
      'DELETE',
      app + path`/switchboards/${switchboardId}/switchboardIntegrations/${'000000000000000000000006'}`,
      {},
    ],
    ['POST', app + path`/switchboards`, {}],
    [
      'POST',
      app + path`/switchboards/${switchboardId}/switchboardIntegrations`,
      { name: 'other-app', integrationId: '000000000000000000000007' },
    ],
  ];
  for (const [method, url, json] of attempts) {
    const failed = await rejectionOf<ApiError>(connection.request({ method, path: url, json }));
    expect(failed.status, `${method} ${url}`).to.be.within(400, 499);
  }
  const basic = Buffer.from(`${f.sandbox.keyId}:${f.sandbox.secret}`).toString('base64');
  const malformed = await fetch(`${f.baseUrl}${app}/conversations/${conversation.id}/passControl`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' },
    body: '{"switchboardIntegration":',
  });
  expect(malformed.status).to.equal(400);
}
