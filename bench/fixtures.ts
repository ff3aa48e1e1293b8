/**
 * The canned bodies: shaped like the API's (field names of the v2 schemas, legacy v1.1 for smooch-core), and
 * about as large, so that parsing and hydration cost what they would against the real API.
 */
import { APP_ID, CONVERSATION_ID, USER_ID, hexId } from './shared.js';

const INTEGRATION_ID = '5e4af71a81966a7c4f1f3f9f';
const iso = (seconds: number): string => new Date(Date.UTC(2021, 0, 1) + seconds * 1000).toISOString();

const userRest =
  ',"externalId":"steve-tremblay-4711","signedUpAt":"2020-05-21T15:52:47.919Z","toBeRetained":false,' +
  '"authenticated":true,"profile":{"givenName":"Steve","surname":"Tremblay","email":"steve@example.com",' +
  '"avatarUrl":"https://www.gravatar.com/image.jpg","locale":"en-US"},' +
  '"metadata":{"plan":"pro","visits":12,"lang":"en-ca"},' +
  '"identities":[{"type":"email","value":"steve@example.com","verification":"verified"}]}}';

/** GetUser: `{user}` echoing the requested id. */
export function userBody(id: string): string {
  return `{"user":{"id":${JSON.stringify(id)}${userRest}`;
}

const types = ['messenger', 'whatsapp', 'telegram', 'line', 'viber', 'sdk'];

/** One `client` of ListClients; its id encodes `index`. */
export function clientJson(index: number): string {
  const type = types[index % types.length];
  return JSON.stringify({
    id: hexId(index),
    type,
    status: 'active',
    integrationId: INTEGRATION_ID,
    externalId: `ext-${index}`,
    lastSeen: iso(index * 60),
    linkedAt: iso(index * 30),
    displayName: `Steve (${type})`,
    avatarUrl: 'https://www.gravatar.com/image.jpg',
    info: { ip: '127.0.0.1', platform: type },
    raw: { id: `raw-${index}`, profile_pic: 'https://example.com/pic.jpg' },
  });
}

/** One v2 `message` of ListMessages; its id encodes `index` (0 is the oldest). */
export function messageJson(index: number): string {
  return JSON.stringify({
    id: hexId(index),
    received: iso(index),
    author: {
      type: index % 2 ? 'business' : 'user',
      userId: USER_ID,
      displayName: 'Steve',
      avatarUrl: 'https://www.gravatar.com/image.jpg',
    },
    content: { type: 'text', text: `Message number ${index}: is Smooch any good? Yes, it is.` },
    source: { type: 'web', integrationId: INTEGRATION_ID },
    metadata: { lang: 'en-ca' },
  });
}

/** v1 `received` of message `index`, unix seconds (exactly representable, so `before` round-trips). */
export function v1Received(index: number): number {
  return 1_500_000_000.25 + index;
}

/** One legacy v1.1 message of GET /v1.1/appusers/{id}/messages. */
export function v1MessageJson(index: number): string {
  return JSON.stringify({
    _id: hexId(index),
    type: 'text',
    text: `Message number ${index}: is Smooch any good? Yes, it is.`,
    role: index % 2 ? 'appMaker' : 'appUser',
    authorId: USER_ID,
    name: 'Steve',
    avatarUrl: 'https://www.gravatar.com/image.jpg',
    received: v1Received(index),
    source: { type: 'web' },
    metadata: { lang: 'en-ca' },
  });
}

/** Legacy GET /v1.1/appusers/{id}: `{appUser}` echoing the requested id as `_id`. */
export function v1AppUserBody(id: string): string {
  return JSON.stringify({
    appUser: {
      _id: id,
      userId: 'steve-tremblay-4711',
      givenName: 'Steve',
      surname: 'Tremblay',
      email: 'steve@example.com',
      signedUpAt: '2020-05-21T15:52:47.919Z',
      properties: { plan: 'pro', visits: 12 },
      conversationStarted: true,
      clients: [
        { id: hexId(1), status: 'active', platform: 'web', integrationId: INTEGRATION_ID, active: true },
      ],
      pendingClients: [],
    },
  });
}

/** A v2 webhook delivery of `count` `conversation:message` events (as the API POSTs it, with full user). */
export function deliveryBody(count: number): string {
  const events = Array.from({ length: count }, (_, i) => ({
    id: hexId(1_000_000 + i),
    type: 'conversation:message',
    createdAt: iso(i),
    payload: {
      conversation: {
        id: CONVERSATION_ID,
        type: 'personal',
        brandId: '360001234567',
        activeSwitchboardIntegration: {
          id: hexId(5),
          name: 'bot',
          integrationId: INTEGRATION_ID,
          integrationType: 'custom',
        },
      },
      message: {
        id: hexId(i),
        received: iso(i),
        author: {
          type: 'user',
          userId: USER_ID,
          displayName: 'Steve',
          avatarUrl: 'https://www.gravatar.com/image.jpg',
          user: JSON.parse(userBody(USER_ID)).user,
        },
        content: { type: 'text', text: `Hello number ${i}, is Smooch any good?` },
        source: {
          type: 'web',
          integrationId: INTEGRATION_ID,
          client: JSON.parse(clientJson(i)),
          device: { id: hexId(9), type: 'web', guid: 'b2ba4ffe', clientId: hexId(i), status: 'active' },
        },
        metadata: { lang: 'en-ca' },
      },
    },
  }));
  return JSON.stringify({ app: { id: APP_ID }, webhook: { id: hexId(77), version: 'v2' }, events });
}
