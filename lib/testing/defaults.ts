/**
 * Default payloads of every trigger, shaped like the spec's event schemas, with fixed fake ids so tests can
 * assert on them. Not real data: every id is a made-up 24-hex value.
 */
import { isWebhookTrigger, type WebhookTrigger } from '../webhooks/triggers.js';

type Plain = Record<string, unknown>;

/**
 * The fake ids the default payloads use, to assert on in your tests.
 * @example expect(event.conversation.id).to.equal(TEST_IDS.conversation);
 */
export const TEST_IDS = {
  app: '5f00000000000000000000a1',
  webhook: '5f00000000000000000000a2',
  integration: '5f00000000000000000000a3',
  user: '5f00000000000000000000b1',
  otherUser: '5f00000000000000000000b2',
  conversation: '5f00000000000000000000c1',
  otherConversation: '5f00000000000000000000c2',
  message: '5f00000000000000000000d1',
  client: '5f00000000000000000000e1',
  switchboardIntegration: '5f00000000000000000000f1',
  otherSwitchboardIntegration: '5f00000000000000000000f2',
} as const;

const source = (): Plain => ({ type: 'web', integrationId: TEST_IDS.integration });
const user = (id: string = TEST_IDS.user, externalId = 'test-user-1'): Plain => ({
  id,
  externalId,
  authenticated: true,
});
const bot = (): Plain => ({
  id: TEST_IDS.switchboardIntegration,
  name: 'bot',
  integrationId: TEST_IDS.integration,
  integrationType: 'custom',
});
const conversation = (extra: Plain = {}): Plain => ({
  id: TEST_IDS.conversation,
  type: 'personal',
  ...extra,
});
const client = (status: string): Plain => ({
  id: TEST_IDS.client,
  type: 'sdk',
  status,
  integrationId: TEST_IDS.integration,
});
const author = (): Plain => ({ type: 'user', userId: TEST_IDS.user, user: user() });
const delivery = (extra: Plain = {}): Plain => ({
  conversation: conversation(),
  user: user(),
  message: { id: TEST_IDS.message },
  destination: { type: 'web', integrationId: TEST_IDS.integration },
  externalMessages: [{ id: 'external-1' }],
  isFinalEvent: true,
  ...extra,
});
const switchboard = (extra: Plain = {}): Plain => ({
  conversation: conversation({ activeSwitchboardIntegration: bot() }),
  metadata: {},
  ...extra,
});
const failure = (code: string): Plain => ({ error: { code, message: 'Test failure' } });
const activity = (type: string): Plain => ({
  conversation: conversation(),
  activity: { type, author: author(), source: source() },
});

/**
 * The default payload of each trigger. Keyed by `WebhookTrigger`, so a trigger added to the list without a
 * default here is a compile error rather than a silently empty payload.
 */
const DEFAULTS: Record<WebhookTrigger, (now: Date) => Plain> = {
  'client:add': () => ({
    conversation: conversation(),
    user: user(),
    client: client('pending'),
    reason: 'channelLinking',
    source: source(),
  }),
  'client:remove': () => ({ user: user(), client: client('inactive'), reason: 'api', source: source() }),
  'client:update': () => ({
    conversation: conversation(),
    user: user(),
    client: client('active'),
    reason: 'confirmed',
  }),
  'conversation:create': () => ({
    conversation: conversation(),
    user: user(),
    creationReason: 'message',
    source: source(),
  }),
  'conversation:join': () => ({ conversation: conversation({ type: 'sdkGroup' }), user: user() }),
  'conversation:leave': () => ({ conversation: conversation({ type: 'sdkGroup' }), user: user() }),
  'conversation:remove': () => ({ conversation: conversation() }),
  'conversation:message': (now) => ({
    conversation: conversation(),
    message: {
      id: TEST_IDS.message,
      received: now.toISOString(),
      author: author(),
      content: { type: 'text', text: 'Hello' },
      source: source(),
    },
  }),
  'conversation:message:delivery:channel': () => delivery(),
  'conversation:message:delivery:user': () => delivery(),
  'conversation:message:delivery:failure': () =>
    delivery({ externalMessages: undefined, ...failure('uncategorized_error') }),
  'conversation:postback': () => ({
    conversation: conversation(),
    user: user(),
    postback: { payload: 'TEST_POSTBACK' },
    source: source(),
  }),
  'conversation:read': () => activity('conversation:read'),
  'conversation:typing': () => activity('typing:start'),
  'conversation:referral': () => ({
    conversation: conversation(),
    user: user(),
    source: source(),
    referral: { code: 'test-referral' },
  }),
  // The spec gives passthrough:messaging no payload schema: what arrives is the channel's own.
  'passthrough:messaging': () => ({}),
  'switchboard:acceptControl': () => switchboard(),
  'switchboard:passControl': () => switchboard(),
  'switchboard:offerControl': () =>
    switchboard({
      conversation: conversation({
        activeSwitchboardIntegration: bot(),
        pendingSwitchboardIntegration: { ...bot(), id: TEST_IDS.otherSwitchboardIntegration, name: 'agent' },
      }),
    }),
  'switchboard:releaseControl': () => ({ conversation: conversation(), metadata: {} }),
  'switchboard:acceptControl:failure': () => switchboard(failure('switchboard_invalid_action')),
  'switchboard:offerControl:failure': () => switchboard(failure('switchboard_invalid_action')),
  'switchboard:passControl:failure': () => switchboard(failure('switchboard_invalid_action')),
  'user:merge': () => ({
    mergedUsers: { surviving: user(), discarded: user(TEST_IDS.otherUser, 'test-user-2') },
    reason: 'api',
  }),
  'user:update': () => ({
    user: { ...user(), profile: { givenName: 'Test' } },
    reason: 'authentication',
    source: source(),
  }),
  'user:remove': () => ({ user: user() }),
};

/** A fresh default payload for `type` (`{}` for passthrough:messaging and unknown types). */
export function defaultPayload(type: string, now: Date): Plain {
  return isWebhookTrigger(type) ? DEFAULTS[type](now) : {};
}
