/**
 * What python-intercom's webhook flow gave (`payload.model`, `payload.model_type`, `payload.load()`), on each
 * event: its main model, that model's kind, and loaders that fetch the full user or conversation from the API
 * when the delivery holds only ids (a truncated user, an author named by `userId`). Non-enumerable, so the
 * event still spreads and serialises as the delivery's fields.
 */
import { type Binding, hydrate, type InstanceCallOptions, type Model } from '../model.js';
import { AppUser } from '../models/app-user.js';
import { Conversation } from '../models/conversation.js';
import { isPlainObject } from '../wire.js';
import type { WebhookTrigger } from './triggers.js';

type Plain = Record<string, unknown>;

/** The kinds of main model an event has. */
export type EventModelType = 'client' | 'conversation' | 'message' | 'user';

/** The main model of each trigger: the resource the event is about (none for merges and passthrough). */
export function modelTypeOf(type: WebhookTrigger | 'unknown'): EventModelType | undefined {
  if (type.startsWith('client:')) return 'client';
  if (type === 'conversation:message' || type.startsWith('conversation:message:')) return 'message';
  if (type.startsWith('conversation:') || type.startsWith('switchboard:')) return 'conversation';
  if (type === 'user:update' || type === 'user:remove') return 'user';
  return undefined;
}

/**
 * Defines `model`, `modelType`, `loadUser()` and `loadConversation()` on a built event.
 * @example withEventModel(event, payload, binding);
 */
export function withEventModel(event: Plain, payload: Plain, binding: Binding): void {
  const modelType = modelTypeOf(event.type as WebhookTrigger | 'unknown');
  const hidden = (value: unknown) => ({ value, enumerable: false, configurable: true, writable: true });
  Object.defineProperties(event, {
    modelType: hidden(modelType),
    model: {
      enumerable: false,
      configurable: true,
      get: () => (modelType === undefined ? undefined : (event[modelType] as Model | undefined)),
    },
    loadUser: hidden(async (options: InstanceCallOptions = {}) => {
      const id = userIdOf(payload);
      if (!id) throw new TypeError(`This ${String(event.type)} event names no user to load`);
      return AppUser.find(id, { ...options, ...binding });
    }),
    loadConversation: hidden(async (options: InstanceCallOptions = {}) => {
      const conversation = payload.conversation;
      const id = isPlainObject(conversation) ? conversation.id : undefined;
      if (typeof id === 'string' && id) return Conversation.find(id, { ...options, ...binding });
      // v1 deliveries name no conversation: the user's default one is where v1 replies went.
      const userId = userIdOf(payload);
      if (!userId) throw new TypeError(`This ${String(event.type)} event names no conversation to load`);
      return hydrate(AppUser, { id: userId }, binding).conversation(options);
    }),
  });
}

/** The id of the user an event is about: its `user`, else the author of its message or activity. */
function userIdOf(payload: Plain): string | undefined {
  const ids: unknown[] = [isPlainObject(payload.user) ? payload.user.id : undefined];
  for (const key of ['message', 'activity']) {
    const author = isPlainObject(payload[key]) ? (payload[key] as Plain).author : undefined;
    if (!isPlainObject(author)) continue;
    ids.push(isPlainObject(author.user) ? author.user.id : undefined, author.userId);
  }
  return ids.find((id): id is string => typeof id === 'string' && id.length > 0);
}
