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

/** Everything that belongs to one app. Maps keep insertion order, which is the order lists page in. */
export interface AppState {
  wire: Wire & { id: string };
  keys: Map<string, KeyRecord>;
  integrations: Map<string, Wire & { id: string; type: string }>;
  webhooks: Map<string, Map<string, WebhookRecord>>;
  users: Map<string, UserRecord>;
  conversations: Map<string, ConversationRecord>;
  attachments: Map<string, AttachmentRecord>;
}

/** The whole state of one sandbox. */
export class SandboxStore {
  readonly apps = new Map<string, AppState>();
  /** Every key the sandbox issued, by id (account, app and integration keys). */
  readonly keys = new Map<string, KeyRecord>();
  readonly accountKey: KeyRecord;

  /** @param messageLimit messages a conversation may hold before PostMessage answers 423 `locked`. */
  constructor(readonly messageLimit = 30_000) {
    this.accountKey = this.issueKey({ scope: 'account', displayName: 'Sandbox account key' });
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
