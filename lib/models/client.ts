import { Type } from 'class-transformer';
import type { Collection, ListOptions } from '../collection.js';
import { type InstanceCallOptions, Model, type ModelClass, referenceOf } from '../model.js';
import { allIn, createIn, resource } from '../resource.js';
import { type UserLookupOptions, type UserOrId, userOwner } from './user-owned.js';

/** The API has no "get one client" and no update of one: no `find`, no `save`. */
const CLIENTS = resource({
  path: '/v2/apps/{appId}/users/{userId}/clients',
  one: 'client',
  many: 'clients',
  operations: ['create', 'all', 'delete'],
  brand: true,
  owner: userOwner,
});

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
  /** The declaration of a user's clients; the generic calls read it. @example Client.resource.parent // 'userId' */
  static readonly resource = CLIENTS;

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
  get userId(): string {
    return referenceOf(this, 'userId') as string;
  }
  /** The brand of that user, when the call named one; set by this library, not a wire field. */
  get userBrandId(): string | undefined {
    return referenceOf(this, 'brandId') as string | undefined;
  }

  /**
   * Links the user to a channel (channel transfer). The client starts `pending`; `client:add` /
   * `client:update` webhooks tell how the link went. A brand-separated user named by externalId needs
   * `{ brandId }` (an AppUser brings its own).
   * @example
   * await Client.create(user, {
   *   matchCriteria: { type: 'whatsapp', integrationId, phoneNumber: '+15551234567' },
   *   confirmation: { type: 'immediate' },
   *   target: { conversationId: convo.id },
   * });
   */
  static async create<M extends Client>(
    this: ModelClass<M>,
    user: UserOrId,
    fields: ClientCreate,
    options: UserLookupOptions = {},
  ): Promise<M> {
    checkCreate(fields);
    return createIn(this, CLIENTS, user, fields, options);
  }

  /**
   * Lists the user's clients, linked and pending, lazily page by page.
   * @example const clients = await Client.all('b6518').toArray({ limit: 100 });
   */
  static all<M extends Client>(
    this: ModelClass<M>,
    user: UserOrId,
    options: UserLookupOptions & ListOptions = {},
  ): Collection<M> {
    return allIn(this, CLIENTS, user, options);
  }

  /**
   * Unlinks this client and unsubscribes it from its conversations. An `sdk` client cannot be removed: the API
   * answers 400, thrown as a `BadRequestError` whose `title` says so.
   * @example await client.delete();
   */
  delete(options?: InstanceCallOptions): Promise<void> {
    return this.deleteAt(CLIENTS, options);
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
