/**
 * Things end users do that the API cannot be asked to do, made to happen in a running sandbox (the console's
 * `trigger` command and `sandbox.trigger()`): a user writes, taps a postback button, starts a conversation, or
 * sends an Apple interactive message (whose data DownloadMessageRef then returns). The user (by externalId,
 * created if new) and their default conversation are found or made first, with their webhook events.
 */
import type { QueuedEvent } from './context.js';
import { newConversation } from './conversations.js';
import type { Deliveries } from './deliveries.js';
import { badRequest } from './errors.js';
import { newId, newToken, now } from './ids.js';
import { conversationTruncated, conversationView, defaultConversationOf, userView } from './lookup.js';
import { appendMessage } from './messages.js';
import { ensureActive } from './switchboard-state.js';
import {
  type AppState,
  type ConversationRecord,
  findUser,
  type SandboxStore,
  type UserRecord,
  type Wire,
} from './store.js';

/** What to make happen. `user` is an externalId or id (default `sandbox-user`, created when unknown). */
export type TriggerInput =
  | { type: 'message'; text: string; user?: string }
  | { type: 'postback'; payload: string; text?: string; user?: string }
  | { type: 'conversation:start'; user?: string }
  | { type: 'apple:interactive'; data?: Wire; user?: string };

/** What happened: the user, their conversation, and the message or ref made. */
export interface TriggerResult {
  user: Wire;
  conversation: Wire;
  message?: Wire;
  interactiveDataRef?: Wire;
}

/** The kinds `trigger` knows, for usage texts. */
export const TRIGGER_TYPES = ['message', 'postback', 'conversation:start', 'apple:interactive'] as const;

/**
 * Makes `input` happen in `app` and queues its webhook events.
 * @example trigger(store, app, deliveries, { type: 'message', text: 'hi' });
 */
export function trigger(
  store: SandboxStore,
  app: AppState,
  deliveries: Deliveries,
  input: TriggerInput,
): TriggerResult {
  if (!input || !(TRIGGER_TYPES as readonly string[]).includes(input.type)) {
    throw badRequest(`type must be one of ${TRIGGER_TYPES.join(', ')}`);
  }
  const events: QueuedEvent[] = [];
  const user = userFor(app, input.user ?? 'sandbox-user');
  const conversation = conversationFor(app, user, events);
  // The user's activity gives the conversation to the default switchboard integration, as any activity does.
  ensureActive(app, conversation);
  const result: TriggerResult = { user: userView(user), conversation: conversationView(conversation) };
  const source = { type: input.type === 'apple:interactive' ? 'apple' : 'web' };
  if (input.type === 'message' || input.type === 'apple:interactive') {
    const text = input.type === 'message' ? input.text : 'Apple interactive message';
    if (typeof text !== 'string' || text === '') throw badRequest('text is required');
    const message = userMessage(user, text, source);
    events.push(appendMessage(store, app, conversation, message, user));
    result.message = structuredClone(message);
    if (input.type === 'apple:interactive')
      result.interactiveDataRef = storeRef(app, conversation, user, input.data);
  } else if (input.type === 'postback') {
    if (typeof input.payload !== 'string' || input.payload === '') throw badRequest('payload is required');
    const postback = { payload: input.payload, ...(input.text ? { text: input.text } : {}) };
    events.push({
      type: 'conversation:postback',
      payload: { conversation: conversationTruncated(conversation), postback, user: userView(user), source },
    });
  }
  for (const event of events) deliveries.emit(app, event);
  return result;
}

function userFor(app: AppState, idOrExternalId: string): UserRecord {
  const found = findUser(app, idOrExternalId);
  if (found) return found;
  const wire = {
    id: newId(),
    externalId: idOrExternalId,
    authenticated: false,
    signedUpAt: now(),
    toBeRetained: false,
    profile: {},
    metadata: {},
    identities: [],
  };
  const user: UserRecord = { wire, clients: new Map(), devices: new Map() };
  app.users.set(wire.id, user);
  return user;
}

function conversationFor(app: AppState, user: UserRecord, events: QueuedEvent[]): ConversationRecord {
  const existing = defaultConversationOf(app, user);
  if (existing) return existing;
  const conversation = newConversation(app, 'personal', [user]);
  ensureActive(app, conversation);
  app.conversations.set(conversation.wire.id, conversation);
  events.push({
    type: 'conversation:create',
    payload: {
      conversation: conversationTruncated(conversation),
      creationReason: 'startConversation',
      source: { type: 'web' },
      user: userView(user),
    },
  });
  return conversation;
}

function userMessage(user: UserRecord, text: string, source: Wire): Wire & { id: string } {
  return {
    id: newId(),
    received: now(),
    author: { type: 'user', userId: user.wire.id },
    content: { type: 'text', text },
    source,
  };
}

function storeRef(app: AppState, conversation: ConversationRecord, user: UserRecord, data?: Wire): Wire {
  if (data !== undefined && (typeof data !== 'object' || data === null))
    throw badRequest('data must be an object');
  const token = newToken();
  const ref = {
    url: `https://apple.sandbox.invalid/${token}`,
    bid: 'com.apple.messages.MSMessageExtensionBalloonPlugin:sandbox',
    key: newToken(),
    signature: newToken(),
    owner: token,
  };
  const stored = data ?? {
    interactiveData: { version: '1.0', data: { receivedMessage: { title: 'Sandbox' } } },
  };
  app.messageRefs.set(ref.url, {
    conversationId: conversation.wire.id,
    userId: user.wire.id,
    ref,
    data: stored,
  });
  return structuredClone(ref);
}
