/**
 * The transport's face: what the rest of the library (models, webhooks, OAuth) may use of lib/connection/.
 * Everything else in this folder is the transport's own business (got's hooks, call state, the translation
 * of got's errors), so it can change without touching a model. Lint keeps other folders to this file.
 */
export { configure, Connection, resetConfiguration } from './connection.js';
export type {
  CallOptions,
  ConnectionOptions,
  Region,
  RequestOptions,
  ResponseMeta,
  Timeouts,
} from './connection.js';
export { WEBHOOK_SECRET_VARIABLE, webhookSecretFromEnvironment } from './environment.js';
export { DEFAULT_MAX_SOCKETS } from './agents.js';
export { DEFAULT_MAX_RESPONSE_SIZE } from './body-limit.js';
export { DEFAULT_ATTEMPT_TIMEOUT } from './options.js';
export type { AgentOption, AgentPair } from './agents.js';
export type {
  ConnectionEvents,
  ConnectionHooks,
  ErrorEvent,
  Logger,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from './events.js';
export { DEFAULT_RETRY_POLICY } from './retry-policy.js';
export type { RetryPolicy } from './retry-policy.js';
export { DEFAULT_RECOVER_AFTER } from './throttle.js';
export { QueueFullError } from './throttle-errors.js';
export type { SharedRateStore, SharedSlot, ThrottleEvent, ThrottleOptions } from './throttle-types.js';
