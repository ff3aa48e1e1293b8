// The public surface of smooch-record: re-exports only.
export { configure, resetConfiguration, Connection } from './connection/index.js';
export type { CallOptions, ConnectionOptions, Region, RequestOptions } from './connection/index.js';
export { jwtForUser } from './auth.js';
export type { Authorizer } from './auth.js';
export type { AuthMode, Scope, SignOptions } from './auth.js';
export type { AuthorizerOptions } from './auth.js';
export {
  SmoochError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  LockedError,
  RateLimitError,
  ServerError,
  ServiceUnavailableError,
  ReadOnlyFieldError,
  ConnectionError,
  TimeoutError,
  AbortError,
  ConfigurationError,
  WebhookVerificationError,
  ParseError,
  ResponseTooLargeError,
} from './errors.js';
export type { ApiErrorDetail, ResponseInfo } from './errors.js';
export { path } from './path.js';
export { Collection } from './collection.js';
export type { ListOptions, Page, PageLoader } from './collection.js';
export { Model } from './model.js';
export type { Binding, InstanceCallOptions } from './model.js';
export type { ModelClass } from './model.js';
export type { RetryPolicy } from './connection/index.js';
export { DEFAULT_RETRY_POLICY } from './connection/index.js';
export type { ResponseMeta, Timeouts } from './connection/index.js';
export type {
  ConnectionEvents,
  ConnectionHooks,
  ErrorEvent,
  Logger,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from './connection/index.js';
export { DEFAULT_MAX_SOCKETS } from './connection/index.js';
export { DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE } from './connection/index.js';
export type { AgentOption, AgentPair } from './connection/index.js';
export { DEFAULT_RECOVER_AFTER, QueueFullError } from './connection/index.js';
export type { SharedRateStore, SharedSlot, ThrottleEvent, ThrottleOptions } from './connection/index.js';
export { bulk, DEFAULT_BULK_CONCURRENCY } from './bulk.js';
export type { BulkOptions, BulkProgress, BulkReport, BulkResult } from './bulk.js';
export { VERSION } from './version.js';
export { App } from './models/app.js';
export type { AppCreate, AppSettings } from './models/app.js';
export { Key } from './models/key.js';
export { Integration } from './models/integration.js';
export type * from './models/integration-types.js';
export { IntegrationKey } from './models/integration-key.js';
export { AppUser, Profile } from './models/app-user.js';
export type { AppUserCreate, Identity, UserLookupOptions } from './models/app-user.js';
export { Client } from './models/client.js';
export type { ClientCreate, MatchCriteria } from './models/client.js';
export { Device } from './models/device.js';
export type { UserOrId } from './models/user-owned.js';
export { Attachment } from './models/attachment.js';
export type { UploadOptions } from './models/attachment.js';
export type { MediaSource, MediaOptions } from './media.js';
export { MAX_JSON_BYTES, MAX_UPLOAD_BYTES } from './limits.js';
export { Conversation } from './models/conversation.js';
export type { ConversationCreate, MediaReplyOptions, ParticipantInput } from './models/conversation.js';
export type { JoinOptions } from './models/conversation.js';
export { Message, Author } from './models/message.js';
export type { ReplyOptions, ActivityType } from './models/message-post.js';
export type { HistoryOptions } from './models/message-history.js';
export { Participant } from './models/participant.js';
export type { UserRef, ParticipantRef } from './models/user-ref.js';
export {
  Content,
  TextContent,
  ImageContent,
  FileContent,
  CarouselContent,
  ListContent,
  LocationContent,
  TemplateContent,
  FormContent,
  FormResponseContent,
} from './models/content/index.js';
export type {
  Action,
  Item,
  Field,
  Coordinates,
  ContentInput,
  TextOptions,
  MediaContentOptions,
} from './models/content/index.js';
export { Webhook, DEFAULT_INTEGRATION_NAME } from './models/webhook.js';
export type { WebhookCallOptions, WebhookCreate, WebhookEnsure } from './models/webhook.js';
export { Notification } from './webhooks/notification.js';
export type { ParseOptions } from './webhooks/notification.js';
export type {
  Activity,
  ClientAddEvent,
  ClientRemoveEvent,
  ClientUpdateEvent,
  ConversationActivityEvent,
  ConversationCreateEvent,
  ConversationMembershipEvent,
  ConversationMessageEvent,
  ConversationPostbackEvent,
  ConversationReferralEvent,
  ConversationRemoveEvent,
  EventBase,
  EventOf,
  EventSource,
  GenericEvent,
  Merged,
  MessageDeliveryEvent,
  Referral,
  SwitchboardEvent,
  UserMergeEvent,
  UserRemoveEvent,
  UserUpdateEvent,
  WebhookEvent,
  WebhookEventType,
} from './webhooks/events.js';
export type {
  Delivery,
  DeliveryQueue,
  EventHandler,
  EventHandlers,
  HandlerOptions,
  RunOptions,
  WebhookHandler,
} from './webhooks/types.js';
export { MemoryEventStore } from './webhooks/memory-store.js';
export { EventStoreError } from './webhooks/event-store.js';
export type { ClaimState, EventStore } from './webhooks/event-store.js';
export type { Rejection, RejectionKind } from './webhooks/rejection.js';
export type { WebhookRequest } from './webhooks/read-body.js';
export type { HeaderBag, WebhookSecret } from './webhooks/verify.js';
export type { WebhookBody } from './webhooks/parse.js';
export type { RecentIdsOptions } from './webhooks/memory-store.js';
export { WEBHOOK_TRIGGERS, isWebhookTrigger } from './webhooks/triggers.js';
export type { TriggerName, WebhookTrigger } from './webhooks/triggers.js';
export { DEFAULT_BODY_LIMIT, DEFAULT_MAX_DEPTH } from './webhooks/safe-json.js';
export { OAuth, OAUTH_BASE_URL } from './oauth.js';
export type { OAuthCallOptions, OAuthToken } from './oauth.js';
export { Switchboard } from './models/switchboard.js';
export { SwitchboardIntegration } from './models/switchboard-integration.js';
export type { SwitchboardIntegrationCreate } from './models/switchboard-integration.js';
// Types that public signatures name (TypeDoc's notExported check found them): exported so users can name them.
export type { PagedListOptions } from './listing.js';
export type { AppUserUpdate } from './models/app-user-fields.js';
export type { ConversationUpdate } from './models/conversation-input.js';
export type { ControlCallOptions, ControlMetadata, ControlOptions } from './models/conversation-control.js';
export type { ConversionChannel, InteractiveDataRef } from './models/conversation-control.js';
export type { ApiHostOptions } from './oauth.js';
export type { EventModelType } from './webhooks/event-model.js';
