/**
 * An `EventStore` in Redis, shared by every process and machine that handles the app's webhooks: claims are
 * one Lua script (atomic: of many processes claiming a key at once, one gets it), leases and retention are
 * Redis expiries (PX), so a claim of a process that died ends by itself.
 */
import {
  type ClaimState,
  DEFAULT_RETENTION,
  type EventStore,
  EventStoreError,
} from '../webhooks/event-store.js';
import { redisClient, type RedisConnection, redisFailure } from './client.js';
import { defineScript, type ScriptCall } from './script.js';

/** Options of `RedisEventStore`. */
export interface RedisEventStoreOptions {
  /** The Redis: an ioredis client (you close it), a `redis://` URL or ioredis options. */
  redis: RedisConnection;
  /** Prefix of every key (default `smooch-record:webhook:`). */
  prefix?: string;
  /** How long a done key is remembered, in ms (default 15 minutes, the API's retry window). */
  retention?: number;
}

const DONE = 'done';

// KEYS: the keys; ARGV: owner, lease ms, the done marker. Answers each key's state before the claim.
const CLAIM = `
local out = {}
for i, key in ipairs(KEYS) do
  local value = redis.call('GET', key)
  if not value then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    out[i] = 'claimed'
  elseif value == ARGV[3] then
    out[i] = 'done'
  else
    out[i] = 'busy'
  end
end
return out`;

// KEYS: the keys; ARGV: owner. Deletes only the keys the owner still holds.
const RELEASE = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 0`;

/**
 * Remembers webhook runs in Redis, for handlers in many processes.
 * @example
 * const store = new RedisEventStore({ redis: process.env.REDIS_URL! });
 * http.createServer(Notification.handler({ secret, store, on }));
 */
export class RedisEventStore implements EventStore {
  readonly #client;
  readonly #owned: boolean;
  readonly #prefix: string;
  readonly #retention: number;
  readonly #claim: ScriptCall;
  readonly #release: ScriptCall;

  constructor(options: RedisEventStoreOptions) {
    if (typeof options !== 'object' || options === null || options.redis === undefined)
      throw new TypeError('RedisEventStore needs { redis }: an ioredis client, a redis:// URL or options');
    this.#prefix = options.prefix ?? 'smooch-record:webhook:';
    if (typeof this.#prefix !== 'string') throw new TypeError('prefix must be a string');
    this.#retention = options.retention ?? DEFAULT_RETENTION;
    if (!Number.isInteger(this.#retention) || this.#retention < 1)
      throw new RangeError(`retention must be a positive whole number of ms, got ${this.#retention}`);
    const { client, owned } = redisClient(options.redis);
    this.#client = client;
    this.#owned = owned;
    this.#claim = defineScript(client, 'smoochRecordClaim', CLAIM);
    this.#release = defineScript(client, 'smoochRecordRelease', RELEASE);
  }

  /** Claims each free key for `owner` for `lease` ms, atomically. */
  async claim(keys: readonly string[], owner: string, lease: number): Promise<ClaimState[]> {
    if (keys.length === 0) return [];
    const states = await this.#call('claim the event', () =>
      this.#claim(this.#keys(keys), [owner, lease, DONE]),
    );
    return states as ClaimState[];
  }

  /** Marks `key` done for the retention. */
  async markDone(key: string): Promise<void> {
    await this.#call('mark the event done', () =>
      this.#client.set(this.#prefix + key, DONE, 'PX', this.#retention),
    );
  }

  /** Frees those of `keys` still claimed by `owner`. */
  async release(keys: readonly string[], owner: string): Promise<void> {
    if (keys.length === 0) return;
    await this.#call('release the event', () => this.#release(this.#keys(keys), [owner]));
  }

  /** Closes the Redis client if this store made it (from a URL or options). */
  async close(): Promise<void> {
    if (this.#owned) await this.#client.quit().catch(() => this.#client.disconnect());
  }

  #keys(keys: readonly string[]): string[] {
    return keys.map((key) => this.#prefix + key);
  }

  async #call<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw redisFailure(what, error, EventStoreError);
    }
  }
}
