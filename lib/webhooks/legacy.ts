/**
 * Translates a legacy v1 / v1.1 delivery (`{ trigger, app, appUser, messages, ... }`, `_id` ids, `role`, unix
 * seconds) into v2-shaped raw events, so the same models come out of both (API-NOTES E4 and the E5 trigger
 * map). A v1 body holds one trigger but may hold several messages or postbacks: one event per item.
 */
import type { RawEvent } from './hydrate-event.js';
import { isPlainObject } from '../wire.js';
import { stableId } from './hydrate-event.js';

type Plain = Record<string, unknown>;

/** A delivery reduced to its parts, whatever its version. */
export interface RawDelivery {
  version: 'v1' | 'v2';
  app: Plain;
  webhook: Plain;
  events: RawEvent[];
}

const MESSAGE_TRIGGERS = new Set(['message', 'message:appUser', 'message:appMaker']);
const DELIVERY_TRIGGERS: Record<string, string> = {
  'delivery:success': 'conversation:message:delivery:channel',
  'message:delivery:channel': 'conversation:message:delivery:channel',
  'message:delivery:user': 'conversation:message:delivery:user',
  'delivery:failure': 'conversation:message:delivery:failure',
  'message:delivery:failure': 'conversation:message:delivery:failure',
};
const LINK_TRIGGERS: Record<string, [string, string]> = {
  'link:success': ['client:add', 'channelLinking'],
  'link:failure': ['client:remove', 'linkFailed'],
  'link:match': ['client:update', 'matched'],
};
const CONTENT_KEYS = [
  'text',
  'mediaUrl',
  'mediaType',
  'mediaSize',
  'altText',
  'actions',
  'items',
  'displaySettings',
  'coordinates',
  'location',
  'payload',
  'fields',
  'submitted',
  'textFallback',
  'blockChatInput',
];

/**
 * The v2-shaped parts of a v1 body (already sanitized).
 * @example legacyDelivery({ trigger: 'message:appUser', app: { _id: 'a1' }, appUser: { _id: 'u1' }, messages: [] })
 */
export function legacyDelivery(body: Plain): RawDelivery {
  const seed = stableId(body);
  const b = renameIds(body) as Plain;
  const trigger = String(b.trigger);
  const events = eventsOf(trigger, b).map((event, i) => ({ ...event, trigger, id: `${seed}${i || ''}` }));
  const version = typeof b.version === 'string' ? b.version : 'v1';
  return { version: 'v1', app: isPlainObject(b.app) ? b.app : {}, webhook: { version }, events };
}

function eventsOf(trigger: string, b: Plain): RawEvent[] {
  const user = isPlainObject(b.appUser) ? legacyUser(b.appUser) : undefined;
  // v2 users hold no clients (`user.clients()` lists them), so the v1 `appUser.clients` ride on the event.
  const clients =
    isPlainObject(b.appUser) && Array.isArray(b.appUser.clients) ? list(b.appUser.clients) : undefined;
  const base = compact({ conversation: b.conversation, user, clients: clients?.map(legacyClient) });
  const at = b.timestamp;
  const source = b.source;
  const messages = list(b.messages).map(legacyMessage);
  if (MESSAGE_TRIGGERS.has(trigger)) {
    return messages.map((message) => raw('conversation:message', message.received, { ...base, message }));
  }
  if (DELIVERY_TRIGGERS[trigger]) {
    const rest = compact({ destination: b.destination, error: b.error, isFinalEvent: b.isFinalEvent });
    return messages.map((message) => raw(DELIVERY_TRIGGERS[trigger]!, at, { ...base, ...rest, message }));
  }
  if (LINK_TRIGGERS[trigger]) {
    // v1 link events name the channel (`channel`, the matchCriteria `criteria`) rather than send a client.
    const [type, reason] = LINK_TRIGGERS[trigger]!;
    const criteria = isPlainObject(b.criteria) ? b.criteria : undefined;
    const client = legacyClient(
      b.client ?? compact({ type: b.channel ?? criteria?.type, integrationId: criteria?.integrationId }),
    );
    const link = compact({ channel: b.channel, criteria: b.criteria });
    return [raw(type, at, compact({ ...base, ...link, client, reason, error: b.error }))];
  }
  const author = compact({ type: 'user', userId: user?.id, user });
  switch (trigger) {
    case 'postback':
      return list(b.postbacks).map((p) => {
        const action = isPlainObject(p.action) ? p.action : {};
        const postback = compact({ payload: action.payload, metadata: action.metadata, action });
        const message = isPlainObject(p.message) ? legacyMessage(p.message) : undefined;
        return raw(
          'conversation:postback',
          message?.received ?? at,
          compact({ ...base, postback, message, source }),
        );
      });
    case 'client:add':
    case 'client:remove':
      return [raw(trigger, at, compact({ ...base, client: legacyClient(b.client), source }))];
    case 'conversation:start':
      return [
        raw('conversation:create', at, compact({ ...base, creationReason: 'startConversation', source })),
      ];
    case 'conversation:read':
      return [raw(trigger, at, compact({ ...base, activity: compact({ type: trigger, source, author }) }))];
    case 'typing:appUser': {
      const type = isPlainObject(b.activity) ? b.activity.type : 'typing:start';
      return [
        raw('conversation:typing', at, compact({ ...base, activity: compact({ type, source, author }) })),
      ];
    }
    case 'conversation:referral':
      return [raw(trigger, at, compact({ ...base, source, referral: b.referral }))];
    case 'merge:appUser': {
      const surviving = isPlainObject(b.surviving) ? legacyUser(b.surviving) : undefined;
      const discarded = list(b.discarded).map(legacyUser)[0];
      return [raw('user:merge', at, { mergedUsers: compact({ surviving, discarded }) })];
    }
    case 'appUser:delete':
      return [raw('user:remove', at, compact({ user }))];
    default: {
      // payment:success, notification:delivery:* and anything newer: no v2 equivalent, kept as delivered.
      const { trigger: _t, app: _a, version: _v, ...rest } = b;
      return [raw(trigger, at, rest)];
    }
  }
}

function raw(type: string, createdAt: unknown, payload: Plain): RawEvent {
  return { type, createdAt, payload };
}

/** v1 `appUser` to v2 `user`: `userId` -> `externalId`, profile fields nested, `properties` -> `metadata`. */
function legacyUser(appUser: Plain): Plain {
  const { userId, properties, givenName, surname, email, avatarUrl, ...rest } = appUser;
  const profile = compact({ givenName, surname, email, avatarUrl });
  return compact({ ...rest, externalId: userId, profile, metadata: properties ?? {} });
}

/** v1 message to v2: `role` -> `author.type`, flat fields -> `content`, unix `received` -> ISO. */
function legacyMessage(message: Plain): Plain {
  const { role, authorId, name, avatarUrl, received, type, ...rest } = message;
  const content: Plain = { type: typeof type === 'string' ? type : 'text' };
  for (const key of CONTENT_KEYS) {
    if (rest[key] !== undefined) content[key] = rest[key];
    delete rest[key];
  }
  const isUser = role === 'appUser';
  // A business author has no v2 user id; its v1 `authorId` (the appMaker) stays readable as `author.authorId`.
  const author = compact({
    type: isUser ? 'user' : 'business',
    userId: isUser ? authorId : undefined,
    authorId: isUser ? undefined : authorId,
    displayName: name,
    avatarUrl,
  });
  const at = typeof received === 'number' ? new Date(received * 1000).toISOString() : received;
  return compact({ ...rest, received: at, author, content });
}

/** v1 client: `platform` -> `type`, `active` -> `status`. */
function legacyClient(client: unknown): Plain {
  if (!isPlainObject(client)) return {};
  const { platform, active, ...rest } = client;
  const status = rest.status ?? (active === undefined ? undefined : active ? 'active' : 'inactive');
  return compact({ ...rest, type: rest.type ?? platform, status });
}

/** `_id` -> `id` at every depth (v1 named every id `_id`). */
function renameIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renameIds);
  if (!isPlainObject(value)) return value;
  const out: Plain = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '_id') {
      if (value.id === undefined) out.id = item;
    } else out[key] = renameIds(item);
  }
  return out;
}

function list(value: unknown): Plain[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

function compact(value: Plain): Plain {
  const out: Plain = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = item;
  return out;
}
