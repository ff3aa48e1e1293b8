// The public surface of smooch-record: re-exports only.
export { configure, resetConfiguration, Connection } from './connection.js';
export type { CallOptions, ConnectionOptions, Region, RequestOptions } from './connection.js';
export { jwtForUser, signToken, basicAuthorization, inferScope, Authorizer } from './auth.js';
export type { AuthMode, Scope, SignOptions } from './auth.js';
export * from './errors.js';
export { path } from './path.js';
export { Collection, validatePageSize } from './collection.js';
export type { ListOptions, Page, PageLoader } from './collection.js';
export { Model, hydrate } from './model.js';
export type { Binding, InstanceCallOptions } from './model.js';
export type { RetryPolicy } from './retry.js';
export { VERSION } from './version.js';
export { App } from './models/app.js';
export type { AppCreate, AppSettings } from './models/app.js';
export { Key } from './models/key.js';
export { Integration } from './models/integration.js';
export type * from './models/integration-types.js';
export { IntegrationKey } from './models/integration-key.js';
