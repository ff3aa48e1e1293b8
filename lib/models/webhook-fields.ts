/**
 * The writable fields of a webhook, checked before any request, and the comparison `Webhook.ensure` uses to
 * decide whether an existing webhook needs an update. Pure functions, no I/O.
 */
import type { CallOptions } from '../connection/index.js';
import { isWebhookTrigger, type WebhookTrigger } from '../webhooks/triggers.js';

/** What a webhook is: where deliveries go, which triggers, and what each delivery includes. */
export interface WebhookCreate {
  /** The URL the API POSTs deliveries to. */
  target: string;
  /**
   * v2 trigger names (a union: a typo does not compile), for example `['conversation:message']`. A v1 name
   * (`message:appUser`) is refused before any request with a TypeError naming its v2 trigger.
   */
  triggers: readonly WebhookTrigger[];
  /** Deliver the full user (with `profile`) instead of a truncated one. Default false. */
  includeFullUser?: boolean;
  /** Deliver `source.client` and `source.device`. Default false. */
  includeFullSource?: boolean;
}

/** The wire body of a webhook, as CreateWebhook / UpdateWebhook / CreateIntegration accept it. */
export interface WebhookWire {
  target: string;
  triggers: string[];
  includeFullUser?: boolean;
  includeFullSource?: boolean;
}

/**
 * Checks `fields` and returns only the wire fields (no `integrationId`, `displayName`, no undefined keys).
 * @example webhookWire({ target: 'https://example.com/hooks', triggers: ['conversation:message'] })
 */
export function webhookWire(fields: WebhookCreate): WebhookWire {
  if (!fields || typeof fields !== 'object')
    throw new TypeError('Expected webhook fields { target, triggers }');
  checkTarget(fields.target);
  checkTriggers(fields.triggers);
  return webhookPatch(fields) as WebhookWire;
}

/**
 * The v1 trigger names (v1 docs) and the v2 trigger each became; `null` when v2 has none. v2 has one
 * `conversation:message` for both authors: a handler tells them apart by `event.message.author.type`.
 */
export const V1_TRIGGERS: Readonly<Record<string, WebhookTrigger | null>> = {
  message: 'conversation:message',
  'message:appUser': 'conversation:message',
  'message:appMaker': 'conversation:message',
  'message:delivery:channel': 'conversation:message:delivery:channel',
  'message:delivery:user': 'conversation:message:delivery:user',
  'message:delivery:failure': 'conversation:message:delivery:failure',
  'delivery:success': 'conversation:message:delivery:channel',
  'delivery:failure': 'conversation:message:delivery:failure',
  'conversation:start': 'conversation:create',
  postback: 'conversation:postback',
  'typing:appUser': 'conversation:typing',
  'merge:appUser': 'user:merge',
  'appUser:delete': 'user:remove',
  'link:success': 'client:add',
  'link:failure': 'client:remove',
  'link:match': 'client:update',
  'payment:success': null,
  'notification:delivery:channel': null,
  'notification:delivery:failure': null,
  'notification:delivery:user': null,
  '*': null,
};

/**
 * Checks the fields of an update by id (any of target, triggers and the flags) and returns their wire form.
 * @example webhookPatch({ triggers: ['conversation:message'] }) // { triggers: ['conversation:message'] }
 */
export function webhookPatch(fields: Partial<WebhookCreate>): Partial<WebhookWire> {
  if (!fields || typeof fields !== 'object') throw new TypeError('Webhook.update needs an object of fields');
  const wire: Partial<WebhookWire> = {};
  if (fields.target !== undefined) {
    checkTarget(fields.target);
    wire.target = fields.target;
  }
  if (fields.triggers !== undefined) {
    checkTriggers(fields.triggers);
    wire.triggers = [...fields.triggers];
  }
  for (const flag of ['includeFullUser', 'includeFullSource'] as const) {
    const value = fields[flag];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new TypeError(`${flag} must be a boolean, got ${typeof value}`);
    wire[flag] = value;
  }
  return wire;
}

function checkTarget(target: unknown): void {
  if (typeof target !== 'string' || target.length === 0) {
    throw new TypeError('target must be a non-empty URL string, for example https://example.com/hooks');
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TypeError(`target is not a valid URL: ${JSON.stringify(target)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`target must be an http(s) URL, got ${url.protocol}`);
  }
}

function checkTriggers(triggers: unknown): void {
  if (!Array.isArray(triggers) || triggers.length === 0) {
    throw new TypeError("triggers must be a non-empty array, for example ['conversation:message']");
  }
  const bad = triggers.find((t) => typeof t !== 'string' || t.length === 0);
  if (bad !== undefined)
    throw new TypeError(`Every trigger must be a non-empty string, got ${JSON.stringify(bad)}`);
  for (const trigger of triggers as string[]) {
    if (isWebhookTrigger(trigger)) continue;
    if (Object.hasOwn(V1_TRIGGERS, trigger)) {
      const v2 = V1_TRIGGERS[trigger];
      throw new TypeError(
        v2
          ? `${JSON.stringify(trigger)} is a v1 trigger: in v2 it is '${v2}'` +
              (v2 === 'conversation:message' ? ' (filter on event.message.author.type)' : '')
          : `${JSON.stringify(trigger)} is a v1 trigger with no v2 equivalent: list the v2 triggers you need`,
      );
    }
    throw new TypeError(
      `Unknown trigger ${JSON.stringify(trigger)}: v2 names them like 'conversation:message'`,
    );
  }
}

/**
 * Whether two trigger lists name the same triggers, in any order (the API treats them as a set).
 * @example sameTriggers(['a', 'b'], ['b', 'a', 'a']) // true
 */
export function sameTriggers(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b);
  return left.size === right.size && [...left].every((t) => right.has(t));
}

/** Options of the webhook calls: which integration the webhooks belong to, plus the usual call options. */
export interface WebhookCallOptions extends CallOptions {
  /** The custom (or Connect) integration; defaults to `'me'` with an integration-scope key. */
  integrationId?: string;
}

/** What `Webhook.ensure` makes sure exists. */
export interface WebhookEnsure extends WebhookCreate {
  /** Look only in this integration (and create the webhook there); else every custom integration of the app. */
  integrationId?: string;
  /** Name of the custom integration created when no webhook has this target. */
  displayName?: string;
}
