/**
 * The writable fields of a webhook, checked before any request, and the comparison `Webhook.ensure` uses to
 * decide whether an existing webhook needs an update. Pure functions, no I/O.
 */
import type { CallOptions } from '../connection/index.js';
import type { TriggerName } from '../webhooks/triggers.js';

/** What a webhook is: where deliveries go, which triggers, and what each delivery includes. */
export interface WebhookCreate {
  /** The URL the API POSTs deliveries to. */
  target: string;
  /** Case-sensitive trigger names, for example `['conversation:message']`. */
  triggers: readonly TriggerName[];
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
  const wire: WebhookWire = { target: fields.target, triggers: [...fields.triggers] };
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
