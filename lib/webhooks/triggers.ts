/**
 * The webhook triggers of the v2 API, as its Webhooks tag lists them (26; `passthrough:messaging` has no payload
 * schema in the spec). A leaf module: the Webhook model and the event parser both read it.
 * @example await Webhook.ensure({ target, triggers: [...WEBHOOK_TRIGGERS] });
 */
export const WEBHOOK_TRIGGERS = [
  'client:add',
  'client:remove',
  'client:update',
  'conversation:create',
  'conversation:join',
  'conversation:leave',
  'conversation:remove',
  'conversation:message',
  'conversation:message:delivery:channel',
  'conversation:message:delivery:failure',
  'conversation:message:delivery:user',
  'conversation:postback',
  'conversation:read',
  'conversation:referral',
  'conversation:typing',
  'passthrough:messaging',
  'switchboard:acceptControl',
  'switchboard:acceptControl:failure',
  'switchboard:offerControl',
  'switchboard:offerControl:failure',
  'switchboard:passControl',
  'switchboard:passControl:failure',
  'switchboard:releaseControl',
  'user:merge',
  'user:update',
  'user:remove',
] as const;

/** One of the 26 v2 triggers. @example const trigger: WebhookTrigger = 'conversation:message'; */
export type WebhookTrigger = (typeof WEBHOOK_TRIGGERS)[number];

/**
 * A trigger name as `Webhook.create` / `ensure` accept it: the v2 names autocomplete, and a name this version
 * does not know yet (the API adds triggers over time) is still accepted.
 */
export type TriggerName = WebhookTrigger | (string & {});

/** Whether `type` is one of the v2 triggers. @example isWebhookTrigger('conversation:message') // true */
export function isWebhookTrigger(type: unknown): type is WebhookTrigger {
  return typeof type === 'string' && (WEBHOOK_TRIGGERS as readonly string[]).includes(type);
}
