/**
 * The records the sandbox keeps, in their wire shape (what the API returns) plus a few internal links.
 */

/** Who a key acts as. */
export type KeyScope = 'account' | 'app' | 'integration';

/** An issued API key: account (`act_`), app (`app_`) or custom integration (`int_`). */
export interface KeyRecord {
  id: string;
  secret: string;
  displayName: string;
  scope: KeyScope;
  appId?: string;
  integrationId?: string;
  /** Set on the principal of an OAuth access token: the client it was issued to. */
  oauthClientId?: string;
}

/** An OAuth client (a Zendesk marketplace partner), as GetToken checks it. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** An app's grant to an OAuth client: the integration its tokens act as. */
export interface OAuthGrant {
  integrationId: string;
  clientId: string;
}

export type Wire = Record<string, unknown>;

/** A webhook of a custom integration. */
export interface WebhookRecord {
  id: string;
  version: 'v2';
  target: string;
  triggers: string[];
  secret: string;
  includeFullUser: boolean;
  includeFullSource: boolean;
}

/** A conversation with its participants and messages (oldest first). */
export interface ConversationRecord {
  wire: Wire & { id: string; type: 'personal' | 'sdkGroup' };
  participants: Array<Wire & { id: string; userId: string }>;
  messages: Array<Wire & { id: string }>;
}

/** A user with the clients and devices linked to them. */
export interface UserRecord {
  wire: Wire & { id: string; externalId?: string };
  clients: Map<string, Wire & { id: string; type: string }>;
  devices: Map<string, Wire & { id: string }>;
}

/** An uploaded file, served back at its mediaUrl. */
export interface AttachmentRecord {
  id: string;
  mediaUrl: string;
  mediaType: string;
  data: Buffer;
}

/** A switchboard integration, in its wire shape. */
export type SwitchboardIntegrationWire = Wire & {
  id: string;
  name: string;
  integrationId: string;
  integrationType: string;
  deliverStandbyEvents: boolean;
  nextSwitchboardIntegrationId: string | null;
  messageHistoryCount: number | null;
};

/** An app's switchboard and its switchboard integrations (in creation order). */
export interface SwitchboardRecord {
  wire: { id: string; enabled: boolean; defaultSwitchboardIntegrationId: string | null };
  integrations: Map<string, SwitchboardIntegrationWire>;
}

/** An Apple interactive data ref of a simulated message, and the data DownloadMessageRef answers with. */
export interface MessageRefRecord {
  conversationId: string;
  userId: string;
  ref: Wire;
  data: Wire;
}

/** A core Zendesk user, as the sandbox simulates it (see zendesk-users.ts). */
export interface ZendeskUser {
  zendeskId: string;
  givenName?: string;
  surname?: string;
  email?: string;
  externalId?: string;
}

/** Everything that belongs to one app. Maps keep insertion order, which is the order lists page in. */
export interface AppState {
  wire: Wire & { id: string };
  keys: Map<string, KeyRecord>;
  integrations: Map<string, Wire & { id: string; type: string }>;
  webhooks: Map<string, Map<string, WebhookRecord>>;
  users: Map<string, UserRecord>;
  conversations: Map<string, ConversationRecord>;
  attachments: Map<string, AttachmentRecord>;
  /** Zero or one switchboard (the API allows one per app). */
  switchboards: Map<string, SwitchboardRecord>;
  /** Apple message refs by their url. */
  messageRefs: Map<string, MessageRefRecord>;
  /** OAuth grants by their integration id. */
  oauthGrants: Map<string, OAuthGrant>;
}
