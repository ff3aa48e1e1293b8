/**
 * The sandbox's in-memory state: one account, its apps, and per app every resource the library wraps.
 * Records are stored in their wire shape (what the API returns), plus a few internal links.
 */
import { newId, newKeyId, newSecret } from './ids.js';

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

/** The whole state of one sandbox. */
export class SandboxStore {
  readonly apps = new Map<string, AppState>();
  /** Every key the sandbox issued, by id (account, app and integration keys). */
  readonly keys = new Map<string, KeyRecord>();
  readonly accountKey: KeyRecord;
  /** The simulated core Zendesk users, by zendeskId (see zendesk-users.ts). */
  readonly zendeskUsers = new Map<string, ZendeskUser>();
  /** OAuth clients by id; codes (single use) and access tokens by their value. */
  readonly oauthClients = new Map<string, OAuthClient>();
  readonly oauthCodes = new Map<string, { clientId: string; appId: string; expires: number }>();
  readonly oauthTokens = new Map<string, KeyRecord>();

  /**
   * @param messageLimit messages a conversation may hold before PostMessage answers 423 `locked`.
   * @param uploadLimitBytes bytes of uploads the sandbox holds at most (UploadAttachment answers 413 beyond).
   */
  constructor(
    readonly messageLimit = 30_000,
    readonly uploadLimitBytes = 200 * 1024 * 1024,
  ) {
    this.accountKey = this.issueKey({ scope: 'account', displayName: 'Sandbox account key' });
  }

  /** The bytes held in uploads, over every app. */
  uploadedBytes(): number {
    let total = 0;
    for (const app of this.apps.values())
      for (const file of app.attachments.values()) total += file.data.length;
    return total;
  }

  /** Creates an app with default settings. */
  createApp(fields: { displayName: string; settings?: Wire; metadata?: Wire | null }): AppState {
    const id = newId();
    const state: AppState = {
      wire: {
        id,
        displayName: fields.displayName,
        settings: { ...defaultSettings, ...fields.settings },
        metadata: fields.metadata ?? null,
      },
      keys: new Map(),
      integrations: new Map(),
      webhooks: new Map(),
      users: new Map(),
      conversations: new Map(),
      attachments: new Map(),
      switchboards: new Map(),
      messageRefs: new Map(),
      oauthGrants: new Map(),
    };
    this.apps.set(id, state);
    return state;
  }

  /** Deletes an app, its keys and integrations. */
  deleteApp(id: string): void {
    const state = this.apps.get(id);
    if (!state) return;
    for (const key of this.keys.values()) if (key.appId === id) this.keys.delete(key.id);
    this.apps.delete(id);
  }

  /** Issues a key with a fresh random secret. */
  issueKey(fields: Omit<KeyRecord, 'id' | 'secret'>): KeyRecord {
    const prefix = ({ account: 'act_', app: 'app_', integration: 'int_' } as const)[fields.scope];
    const key: KeyRecord = { id: newKeyId(prefix), secret: newSecret(), ...fields };
    this.keys.set(key.id, key);
    if (fields.scope === 'app' && fields.appId) this.apps.get(fields.appId)?.keys.set(key.id, key);
    return key;
  }

  /** Revokes a key. */
  revokeKey(id: string): void {
    const key = this.keys.get(id);
    if (key?.appId) this.apps.get(key.appId)?.keys.delete(id);
    this.keys.delete(id);
  }
}

/** The settings a new app starts with (the API's defaults). */
const defaultSettings = {
  conversationRetentionSeconds: 0,
  maskCreditCardNumbers: true,
  useAnimalNames: false,
  echoPostback: false,
  ignoreAutoConversationStart: false,
  multiConvoEnabled: false,
  appLocalizationEnabled: false,
  endSessionEnabled: false,
  disableConversationReopen: false,
};

/** Finds a user by id or externalId (the API's `{userIdOrExternalId}`). */
export function findUser(app: AppState, idOrExternalId: string): UserRecord | undefined {
  const byId = app.users.get(idOrExternalId);
  if (byId) return byId;
  for (const user of app.users.values()) if (user.wire.externalId === idOrExternalId) return user;
  return undefined;
}
