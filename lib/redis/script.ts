/**
 * A Lua script run atomically on Redis, loaded once per client (ioredis sends EVALSHA, and the script text
 * again only if Redis does not know it yet).
 */
import type { Redis } from 'ioredis';

/** Runs the script with its keys and arguments. */
export type ScriptCall = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/**
 * Defines the script `name` on `client` (once) and returns its caller.
 * @example const claim = defineScript(client, 'smoochRecordClaim', 'return redis.call("GET", KEYS[1])');
 */
export function defineScript(client: Redis, name: string, lua: string): ScriptCall {
  const commands = client as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>;
  if (typeof commands[name] !== 'function') client.defineCommand(name, { lua });
  return (keys, args) => commands[name]!.call(client, keys.length, ...keys, ...args);
}
