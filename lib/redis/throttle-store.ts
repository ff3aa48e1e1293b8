/**
 * A `SharedRateStore` in Redis: processes of one app share its learnt rate and its pace. One hash per app
 * holds the rate, the epoch of the last decrease and the time of the next free send slot (`tat`, as in
 * GCRA); each reservation is one Lua script, so slots handed to different processes never overlap and the
 * processes together send at the shared rate. The hash expires `recoverAfter` ms after the last 429, which
 * ends the throttling everywhere at once. Redis's clock (TIME) is the one clock every process reads.
 */
import type { SharedRateStore, SharedSlot } from '../connection/index.js';
import { SmoochError } from '../errors.js';
import { redisClient, type RedisConnection, redisFailure } from './client.js';
import { defineScript, type ScriptCall } from './script.js';

/** Options of `RedisThrottleStore`. */
export interface RedisThrottleStoreOptions {
  /** The Redis: an ioredis client (you close it), a `redis://` URL or ioredis options. */
  redis: RedisConnection;
  /** Prefix of every key (default `smooch-record:throttle:`). */
  prefix?: string;
  /** A Redis call slower than this (ms, default 500) counts as failed: the throttle paces per process. */
  timeout?: number;
}

/** A Redis call of the throttle store failed or took too long. */
export class ThrottleStoreError extends SmoochError {
  override name = 'ThrottleStoreError';
}

// KEYS: the app's hash; ARGV: the caller's epoch, its new rate, ttl ms, '1' when the caller was not paced
// yet. The first decrease of an epoch wins. A caller that was not paced measured only its own traffic, so
// when others already started, its estimate is added to theirs (two processes at 250/s each sent 500/s).
const REFUSED = `
local epoch = tonumber(redis.call('HGET', KEYS[1], 'epoch') or '-1')
local seen = tonumber(ARGV[1])
if seen >= epoch then
  epoch = math.max(epoch, seen) + 1
  redis.call('HSET', KEYS[1], 'rate', ARGV[2], 'epoch', epoch)
elseif ARGV[4] == '1' then
  redis.call('HINCRBYFLOAT', KEYS[1], 'rate', ARGV[2])
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { redis.call('HGET', KEYS[1], 'rate'), tostring(epoch) }`;

// KEYS: the app's hash; ARGV: requests/s to add (successes since the last call). Answers wait ms, rate,
// epoch; or nothing when the app is not throttled here (no hash: never, or expired).
const RESERVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate = tonumber(redis.call('HGET', KEYS[1], 'rate')) + tonumber(ARGV[1])
local interval = 1000 / rate
local slot = math.max(tonumber(redis.call('HGET', KEYS[1], 'tat') or '0'), now - interval)
redis.call('HSET', KEYS[1], 'rate', tostring(rate), 'tat', tostring(slot + interval))
return { tostring(math.max(0, slot - now)), tostring(rate), redis.call('HGET', KEYS[1], 'epoch') }`;

/**
 * Shares throttling between the processes of an app.
 * @example
 * import { RedisThrottleStore } from 'smooch-record/redis';
 * const store = new RedisThrottleStore({ redis: process.env.REDIS_URL! });
 * const connection = new Connection({ keyId, secret, appId, throttle: { store } });
 */
export class RedisThrottleStore implements SharedRateStore {
  readonly #client;
  readonly #owned: boolean;
  readonly #prefix: string;
  readonly #timeout: number;
  readonly #refused: ScriptCall;
  readonly #reserve: ScriptCall;

  constructor(options: RedisThrottleStoreOptions) {
    if (typeof options !== 'object' || options === null || options.redis === undefined)
      throw new TypeError('RedisThrottleStore needs { redis }: an ioredis client, a redis:// URL or options');
    this.#prefix = options.prefix ?? 'smooch-record:throttle:';
    if (typeof this.#prefix !== 'string') throw new TypeError('prefix must be a string');
    this.#timeout = options.timeout ?? 500;
    if (!(this.#timeout > 0 && Number.isFinite(this.#timeout)))
      throw new RangeError(`timeout must be a positive number of ms, got ${options.timeout}`);
    const { client, owned } = redisClient(options.redis);
    // A store that cannot reach Redis must not crash the process: ioredis reports connection errors as
    // 'error' events, which would be thrown without a listener. The throttle warns once instead.
    if (owned) client.on('error', () => {});
    this.#client = client;
    this.#owned = owned;
    this.#refused = defineScript(client, 'smoochRecordThrottleRefused', REFUSED);
    this.#reserve = defineScript(client, 'smoochRecordThrottleReserve', RESERVE);
  }

  /**
   * Records a decrease decided in `epoch` (the first one of an epoch wins), or the first estimate of a
   * process that was not paced (`start`, added to the others'), and answers the shared rate.
   */
  async refused(
    app: string,
    epoch: number,
    rate: number,
    ttlMs: number,
    start = false,
  ): Promise<{ rate: number; epoch: number }> {
    const [shared, current] = (await this.#call('record the 429', () =>
      this.#refused([this.#prefix + app], [epoch, rate, Math.ceil(ttlMs), start ? 1 : 0]),
    )) as [string, string];
    return { rate: Number(shared), epoch: Number(current) };
  }

  /** The next send slot of the app, or undefined when it is not throttled in Redis. */
  async reserve(app: string, raise: number): Promise<SharedSlot | undefined> {
    const answer = (await this.#call('reserve a send slot', () =>
      this.#reserve([this.#prefix + app], [raise]),
    )) as [string, string, string] | null;
    if (!answer) return undefined;
    return { waitMs: Number(answer[0]), rate: Number(answer[1]), epoch: Number(answer[2]) };
  }

  /** Closes the Redis client if this store made it (from a URL or options). */
  async close(): Promise<void> {
    if (this.#owned) await this.#client.quit().catch(() => this.#client.disconnect());
  }

  async #call<T>(what: string, call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeout} ms`)), this.#timeout);
    });
    try {
      return await Promise.race([call(), late]);
    } catch (error) {
      throw redisFailure(what, error, ThrottleStoreError);
    } finally {
      clearTimeout(timer);
    }
  }
}
