/**
 * Default payloads of every trigger, shaped like the spec's event schemas, with fixed fake ids so tests can
 * assert on them. Not real data: every id is a made-up 24-hex value.
 */
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

/** A fresh default payload for `type` (`{}` for passthrough:messaging and unknown types). */
export function defaultPayload(type: string, now: Date): Plain {
  switch (type) {
    case 'client:add':
      return {
        conversation: conversation(),
        user: user(),
        client: client('pending'),
        reason: 'channelLinking',
        source: source(),
      };
    case 'client:remove':
      return { user: user(), client: client('inactive'), reason: 'api', source: source() };
    case 'client:update':
      return { conversation: conversation(), user: user(), client: client('active'), reason: 'confirmed' };
    case 'conversation:create':
      return { conversation: conversation(), user: user(), creationReason: 'message', source: source() };
    case 'conversation:join':
    case 'conversation:leave':
      return { conversation: conversation({ type: 'sdkGroup' }), user: user() };
    case 'conversation:remove':
      return { conversation: conversation() };
    case 'conversation:message':
      return {
        conversation: conversation(),
        message: {
          id: TEST_IDS.message,
          received: now.toISOString(),
          author: author(),
          content: { type: 'text', text: 'Hello' },
          source: source(),
        },
      };
    case 'conversation:message:delivery:channel':
    case 'conversation:message:delivery:user':
      return delivery();
    case 'conversation:message:delivery:failure':
      return delivery({ externalMessages: undefined, ...failure('uncategorized_error') });
    case 'conversation:postback':
      return {
        conversation: conversation(),
        user: user(),
        postback: { payload: 'TEST_POSTBACK' },
        source: source(),
      };
    case 'conversation:read':
    case 'conversation:typing': {
      const activityType = type === 'conversation:read' ? 'conversation:read' : 'typing:start';
      return {
        conversation: conversation(),
        activity: { type: activityType, author: author(), source: source() },
      };
    }
    case 'conversation:referral':
      return {
        conversation: conversation(),
        user: user(),
        source: source(),
        referral: { code: 'test-referral' },
      };
    case 'switchboard:acceptControl':
    case 'switchboard:passControl':
      return switchboard();
    case 'switchboard:offerControl':
      return switchboard({
        conversation: conversation({
          activeSwitchboardIntegration: bot(),
          pendingSwitchboardIntegration: {
            ...bot(),
            id: TEST_IDS.otherSwitchboardIntegration,
            name: 'agent',
          },
        }),
      });
    case 'switchboard:releaseControl':
      return { conversation: conversation(), metadata: {} };
    case 'switchboard:acceptControl:failure':
    case 'switchboard:offerControl:failure':
    case 'switchboard:passControl:failure':
      return switchboard(failure('switchboard_invalid_action'));
    case 'user:merge':
      return {
        mergedUsers: { surviving: user(), discarded: user(TEST_IDS.otherUser, 'test-user-2') },
        reason: 'api',
      };
    case 'user:update':
      return {
        user: { ...user(), profile: { givenName: 'Test' } },
        reason: 'authentication',
        source: source(),
      };
    case 'user:remove':
      return { user: user() };
    default:
      return {};
  }
}
