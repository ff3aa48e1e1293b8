/**
 * The sandbox's in-memory state: one account, its apps, and per app every resource the library wraps.
 * Records are stored in their wire shape (what the API returns), plus a few internal links.
 */
import { newId, newKeyId, newSecret } from './ids.js';
import type { AppState, KeyRecord, OAuthClient, UserRecord, Wire, ZendeskUser } from './records.js';

export type {
  KeyScope,
  KeyRecord,
  OAuthClient,
  OAuthGrant,
  Wire,
  WebhookRecord,
  ConversationRecord,
  UserRecord,
  AttachmentRecord,
  SwitchboardIntegrationWire,
  SwitchboardRecord,
  MessageRefRecord,
  ZendeskUser,
  AppState,
} from './records.js';

/** The whole state of one sandbox. */
export class SandboxStore {
  readonly apps = new Map<string, AppState>();
  /** Every key the sandbox issued, by id (account, app and integration keys). */
  readonly keys = new Map<string, KeyRecord>();
  /** The account key (replaced when a snapshot is loaded, see persist.ts). */
  accountKey: KeyRecord;
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
