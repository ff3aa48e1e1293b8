import { Type } from 'class-transformer';
import type { Collection, ListOptions } from '../collection.js';
import type { CallOptions } from '../connection.js';
import { cursorList } from '../listing.js';
import { callOptions, type InstanceCallOptions, load, Model, requireAppId } from '../model.js';
import { path } from '../path.js';
import { type UserOrId, userBinding, withUser } from './user-owned.js';

/** How CreateClient finds the user on the channel: `{ type: 'whatsapp', integrationId, phoneNumber }`, ... */
export interface MatchCriteria {
  type: 'mailgun' | 'messagebird' | 'twilio' | 'whatsapp' | string;
  integrationId: string;
  /** Whether the client becomes the user's primary one on that channel (default true). */
  primary?: boolean;
  [field: string]: unknown;
}

/** The body of CreateClient (the Clients API's `ClientCreate`). */
export interface ClientCreate {
  matchCriteria: MatchCriteria;
  /** `immediate`, `userActivity` or `prompt`, with an optional message (text or image) to reach out with. */
  confirmation: { type: 'immediate' | 'userActivity' | 'prompt'; message?: Record<string, unknown> };
  /** The conversation the new client is attached to. */
  target: { conversationId: string };
}

/**
 * A client of a user: one channel the user is reachable on (`sdk`, `whatsapp`, `messenger`, ...).
 * @example
 * for await (const client of Client.all(user)) console.log(client.type, client.status);
 */
export class Client extends Model {
  id!: string;
  type!: string;
  status!: 'active' | 'blocked' | 'inactive' | 'pending';
  integrationId?: string;
  externalId?: string;
  @Type(() => Date)
  lastSeen?: Date;
  @Type(() => Date)
  linkedAt?: Date;
  displayName?: string;
  avatarUrl?: string;
  info?: Record<string, unknown>;
  raw?: Record<string, unknown>;
  /** The user (id or externalId) this client was loaded through; set by this library, not a wire field. */
  declare userId: string;

  /**
   * Links the user to a channel (channel transfer). The client starts `pending`; `client:add` /
   * `client:update` webhooks tell how the link went.
   * @example
   * await Client.create(user, {
   *   matchCriteria: { type: 'whatsapp', integrationId, phoneNumber: '+15551234567' },
   *   confirmation: { type: 'immediate' },
   *   target: { conversationId: convo.id },
   * });
   */
  static async create(user: UserOrId, fields: ClientCreate, options: CallOptions = {}): Promise<Client> {
    checkCreate(fields);
    const { userId, binding } = userBinding(user, options);
    const url = path`/v2/apps/${requireAppId(binding)}/users/${userId}/clients`;
    const request = { ...callOptions(options), method: 'POST' as const, path: url, json: fields };
    return withUser(await load(Client, binding, request, 'client'), userId);
  }

  /**
   * Lists the user's clients, linked and pending, lazily page by page.
   * @example const clients = await Client.all('b6518').toArray({ limit: 100 });
   */
  static all(user: UserOrId, options: CallOptions & ListOptions = {}): Collection<Client> {
    const { userId, binding } = userBinding(user, options);
    const url = path`/v2/apps/${requireAppId(binding)}/users/${userId}/clients`;
    return cursorList(Client, binding, { path: url, key: 'clients' }, options).map((client) =>
      withUser(client, userId),
    );
  }

  /**
   * Unlinks this client and unsubscribes it from its conversations. An `sdk` client cannot be removed: the API
   * answers 400, thrown as a `BadRequestError` whose `title` says so.
   * @example await client.delete();
   */
  async delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(path`/v2/apps/${this.ownerAppId}/users/${this.userId}/clients/${this.id}`, options);
  }
}

function checkCreate(fields: ClientCreate): void {
  if (!fields || typeof fields !== 'object')
    throw new TypeError('Client.create needs { matchCriteria, confirmation, target }');
  for (const name of ['matchCriteria', 'confirmation', 'target'] as const) {
    if (!fields[name] || typeof fields[name] !== 'object') {
      throw new TypeError(
        `Client.create needs ${name} (an object); the API requires matchCriteria, confirmation and target`,
      );
    }
  }
  if (typeof fields.matchCriteria.type !== 'string' || !fields.matchCriteria.type) {
    throw new TypeError('matchCriteria.type is required (mailgun, messagebird, twilio or whatsapp)');
  }
  if (typeof fields.target.conversationId !== 'string' || !fields.target.conversationId) {
    throw new TypeError('target.conversationId is required');
  }
}
