/**
 * Which library method calls each operation of the API (operationIds of the official OpenAPI document).
 * `npm run coverage:api` checks this table against the document, a spec checks that every method named here
 * exists, and README's API reference is generated from it.
 */
export interface Operation {
  /** The method: `Model.static` or `Model#instance` (or a function of the public surface). */
  method: string;
  /** Set when the operation is deliberately not wrapped as a model method; says why. */
  note?: string;
}

/**
 * operationId -> the method that calls it.
 * @example OPERATIONS.GetUser.method // 'AppUser.find'
 */
export const OPERATIONS: Record<string, Operation> = {
  CreateApp: { method: 'App.create' },
  ListApps: { method: 'App.all' },
  GetApp: { method: 'App.find' },
  UpdateApp: { method: 'App#save' },
  DeleteApp: { method: 'App#delete' },
  CreateAppKey: { method: 'Key.create' },
  ListAppKeys: { method: 'Key.all' },
  GetAppKey: { method: 'Key.find' },
  DeleteAppKey: { method: 'Key#delete' },
  UploadAttachment: { method: 'Attachment.upload' },
  DeleteAttachment: { method: 'Attachment.delete' },
  CreateConversation: { method: 'Conversation.create' },
  ListConversations: { method: 'Conversation.all' },
  GetConversation: { method: 'Conversation.find' },
  UpdateConversation: { method: 'Conversation#save' },
  DeleteConversation: { method: 'Conversation#delete' },
  JoinConversation: { method: 'Conversation#join' },
  ListParticipants: { method: 'Conversation#participants' },
  LeaveConversation: { method: 'Conversation#leave' },
  PostMessage: { method: 'Conversation#reply' },
  ListMessages: { method: 'Conversation#messages' },
  DeleteAllMessages: { method: 'Conversation#deleteMessages' },
  DeleteMessage: { method: 'Message#delete' },
  PostActivity: { method: 'Conversation#typing' },
  PassControl: { method: 'Conversation#passControl' },
  ReleaseControl: { method: 'Conversation#releaseControl' },
  OfferControl: { method: 'Conversation#offerControl' },
  AcceptControl: { method: 'Conversation#acceptControl' },
  DownloadMessageRef: { method: 'Conversation#downloadMessageRef' },
  PostConversionEvents: { method: 'Conversation#postConversionEvents' },
  CreateIntegration: { method: 'Integration.create' },
  ListIntegrations: { method: 'Integration.all' },
  GetIntegration: { method: 'Integration.find' },
  UpdateIntegration: { method: 'Integration#save' },
  DeleteIntegration: { method: 'Integration#delete' },
  CreateCustomIntegrationKey: { method: 'IntegrationKey.create' },
  ListCustomIntegrationKeys: { method: 'IntegrationKey.all' },
  GetCustomIntegrationKey: { method: 'IntegrationKey.find' },
  DeleteCustomIntegrationKey: { method: 'IntegrationKey#delete' },
  CreateWebhook: { method: 'Webhook.create' },
  ListWebhooks: { method: 'Webhook.all' },
  GetWebhook: { method: 'Webhook.find' },
  UpdateWebhook: { method: 'Webhook#save' },
  DeleteWebhook: { method: 'Webhook#delete' },
  CreateSwitchboard: { method: 'Switchboard.create' },
  ListSwitchboards: { method: 'Switchboard.all' },
  UpdateSwitchboard: { method: 'Switchboard#save' },
  DeleteSwitchboard: { method: 'Switchboard#delete' },
  CreateSwitchboardIntegration: { method: 'SwitchboardIntegration.create' },
  ListSwitchboardIntegrations: { method: 'SwitchboardIntegration.all' },
  UpdateSwitchboardIntegration: { method: 'SwitchboardIntegration#save' },
  DeleteSwitchboardIntegration: { method: 'SwitchboardIntegration#delete' },
  CreateUser: { method: 'AppUser.create' },
  ListUsers: { method: 'AppUser.findByEmail' },
  GetUser: { method: 'AppUser.find' },
  UpdateUser: { method: 'AppUser#save' },
  DeleteUser: { method: 'AppUser#delete' },
  CreateClient: { method: 'Client.create' },
  ListClients: { method: 'Client.all' },
  RemoveClient: { method: 'Client.delete' },
  ListDevices: { method: 'Device.all' },
  GetDevice: { method: 'Device.find' },
  DeleteUserPersonalInformation: { method: 'AppUser#deletePersonalInformation' },
  SyncUser: { method: 'AppUser#sync' },
  GetTokenInfo: { method: 'OAuth.tokenInfo' },
  Authorize: {
    method: 'OAuth.authorizeUrl',
    note: 'a browser redirect: the helper builds the URL, the user agent calls it',
  },
  GetToken: { method: 'OAuth.getToken' },
  RevokeAccess: { method: 'OAuth.revokeAccess' },
};
