/**
 * Turns one raw event `{ id, type, createdAt, payload }` into a `WebhookEvent`: the payload's resources become
 * models bound to the delivery's connection and app, every other payload field is copied as sent.
 *
 * One table says which payload keys are which model, per trigger (the spec's event schemas). Resources the
 * schema always sends (`conversation` of a conversation event, `message`, `client`, a `user:*` user) are always
 * models, hydrated from `{}` if a malformed delivery lacks them, so handlers never need `?.` on them.
 */
import { createHash } from 'node:crypto';
import { type Binding, hydrate, type Model, type ModelClass } from '../model.js';
import { AppUser } from '../models/app-user.js';
import { Client } from '../models/client.js';
import { Conversation } from '../models/conversation.js';
import { Message, withConversation } from '../models/message.js';
import { isPlainObject } from '../wire.js';
import { withEventModel } from './event-model.js';
import type { WebhookEvent } from './events.js';
import { isSafeEventKey, withoutInvalidDates } from './safe-event.js';
import { isWebhookTrigger, type WebhookTrigger } from './triggers.js';

type Plain = Record<string, unknown>;

/** An event as delivered (v2), or as translated from a legacy v1 body. */
export interface RawEvent {
  id?: unknown;
  type?: unknown;
  createdAt?: unknown;
  /** The legacy trigger name of a translated v1 event. */
  trigger?: string;
  payload?: unknown;
}

type Field =
  | { kind: 'one'; Class: ModelClass<Model>; always: boolean }
  | { kind: 'many'; Class: ModelClass<Model> }
  | { kind: 'pair'; Class: ModelClass<Model>; always: boolean };

const always = (Class: ModelClass<Model>): Field => ({ kind: 'one', Class, always: true });
const optional = (Class: ModelClass<Model>): Field => ({ kind: 'one', Class, always: false });
const many = (Class: ModelClass<Model>): Field => ({ kind: 'many', Class });
const pair = (Class: ModelClass<Model>, always = false): Field => ({ kind: 'pair', Class, always });

const clientEvent = { conversation: optional(Conversation), user: optional(AppUser), client: always(Client) };
const inConversation = { conversation: always(Conversation) };
const withUser = { conversation: always(Conversation), user: optional(AppUser) };
const delivery = { ...withUser, message: always(Message) };

/** Which payload keys are models, per trigger. `passthrough:messaging` has no schema: nothing is hydrated. */
const SHAPES: Record<WebhookTrigger, Record<string, Field>> = {
  'client:add': clientEvent,
  'client:remove': clientEvent,
  'client:update': clientEvent,
  'conversation:create': withUser,
  'conversation:join': withUser,
  'conversation:leave': withUser,
  'conversation:remove': inConversation,
  'conversation:message': { ...withUser, message: always(Message), recentNotifications: many(Message) },
  'conversation:message:delivery:channel': delivery,
  'conversation:message:delivery:failure': delivery,
  'conversation:message:delivery:user': delivery,
  // v2 postbacks carry no message; a translated v1 postback does (the message whose action was tapped).
  'conversation:postback': { ...withUser, message: optional(Message) },
  'conversation:read': withUser,
  'conversation:referral': withUser,
  'conversation:typing': withUser,
  'passthrough:messaging': {},
  'switchboard:acceptControl': inConversation,
  'switchboard:acceptControl:failure': inConversation,
  'switchboard:offerControl': inConversation,
  'switchboard:offerControl:failure': inConversation,
  'switchboard:passControl': inConversation,
  'switchboard:passControl:failure': inConversation,
  'switchboard:releaseControl': inConversation,
  'user:merge': {
    mergedUsers: pair(AppUser, true),
    mergedConversations: pair(Conversation),
    mergedClients: pair(Client),
  },
  'user:update': { user: always(AppUser) },
  'user:remove': { user: always(AppUser) },
};

/**
 * Builds the typed event of `raw`, its models bound to `binding`.
 * @example const event = toEvent({ id: 'e1', type: 'conversation:remove', payload: { conversation: { id: 'c1' } } }, binding);
 */
export function toEvent(raw: RawEvent, binding: Binding): WebhookEvent {
  const payload = isPlainObject(raw.payload) ? raw.payload : {};
  const type = isWebhookTrigger(raw.type) ? raw.type : 'unknown';
  const trigger = raw.trigger ?? (typeof raw.type === 'string' ? raw.type : 'unknown');
  const event: Plain = {
    ...Object.fromEntries(Object.entries(payload).filter(([key]) => isSafeEventKey(key))),
    id: typeof raw.id === 'string' && raw.id ? raw.id : stableId(raw),
    type,
    createdAt: toDate(raw.createdAt),
    trigger,
    payload,
  };
  if (event.createdAt === undefined) delete event.createdAt;
  const shape = type === 'unknown' ? {} : SHAPES[type];
  // Messages know their conversation, so `event.message.delete()` works like on a listed message.
  const conversation = payload.conversation;
  const conversationId =
    isPlainObject(conversation) && typeof conversation.id === 'string' ? conversation.id : '';
  for (const [key, field] of Object.entries(shape)) {
    if (!present(field, payload[key])) delete event[key];
    else
      lazy(event, key, () =>
        withoutInvalidDates(ofConversation(build(field, payload[key], binding), conversationId)),
      );
  }
  // The user behind a message or an activity travels inside its author; hoist it so `event.user` is one place.
  if (
    event.user === undefined &&
    (type === 'conversation:message' || type === 'conversation:typing' || type === 'conversation:read')
  ) {
    const author = (type === 'conversation:message' ? payload.message : payload.activity) as
      Plain | undefined;
    const user = isPlainObject(author) && isPlainObject(author.author) ? author.author.user : undefined;
    if (isPlainObject(user)) lazy(event, 'user', () => withoutInvalidDates(hydrate(AppUser, user, binding)));
  }
  // A v1 delivery's `appUser.clients` (lib/webhooks/legacy.ts puts them on the event: v2 users hold none).
  if (Array.isArray(payload.clients))
    lazy(event, 'clients', () => build(many(Client), payload.clients, binding));
  withEventModel(event, payload, binding);
  return event as unknown as WebhookEvent;
}

/**
 * Defines `event[key]` as built on first read, then kept. Why: most handlers read one or two of an event's
 * models, and hydration is most of the cost of parsing a delivery; the value is the same whenever it is read.
 */
function lazy(event: Plain, key: string, make: () => unknown): void {
  Object.defineProperty(event, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(event, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
    set(value: unknown) {
      Object.defineProperty(event, key, { value, enumerable: true, writable: true, configurable: true });
    },
  });
}

/** Whether the event has this key at all: resources the schema always sends are there even when missing. */
function present(field: Field, value: unknown): boolean {
  if (field.kind === 'many') return true;
  return isPlainObject(value) || field.always;
}

/** Tells built messages which conversation they belong to. */
function ofConversation(value: unknown, conversationId: string): unknown {
  if (!conversationId) return value;
  const messages = value instanceof Message ? [value] : Array.isArray(value) ? value : [];
  for (const message of messages) if (message instanceof Message) withConversation(message, conversationId);
  return value;
}

function build(field: Field, value: unknown, binding: Binding): unknown {
  switch (field.kind) {
    case 'one':
      if (isPlainObject(value)) return hydrate(field.Class, value, binding);
      return field.always ? hydrate(field.Class, {}, binding) : undefined;
    case 'many':
      return Array.isArray(value)
        ? value.filter(isPlainObject).map((item) => hydrate(field.Class, item, binding))
        : [];
    case 'pair': {
      if (!isPlainObject(value)) return field.always ? {} : undefined;
      const out: Plain = {};
      for (const side of ['surviving', 'discarded'] as const) {
        if (isPlainObject(value[side])) out[side] = hydrate(field.Class, value[side], binding);
      }
      return out;
    }
  }
}

/** An ISO string (v2) or unix seconds (v1) as a Date; undefined when absent or not a time. */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  const date =
    typeof value === 'number'
      ? new Date(value * 1000)
      : typeof value === 'string'
        ? new Date(value)
        : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** An id for an event that has none: the same event (a retried delivery) always gets the same id. */
export function stableId(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? '')
    .digest('hex')
    .slice(0, 24);
}
