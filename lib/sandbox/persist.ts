/**
 * `--persist FILE`: the sandbox's whole state as one JSON snapshot, written when the sandbox closes (atomically:
 * a temporary file renamed over the old one) and read back when it starts, so a restart keeps apps, keys,
 * users, conversations, uploads and the rest. Deliveries in flight and the delivery log are not kept.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SandboxStore } from './store.js';

const FIELDS = ['apps', 'keys', 'zendeskUsers', 'oauthClients', 'oauthCodes', 'oauthTokens'] as const;

/**
 * Writes the store to `file`.
 * @example saveSnapshot(store, 'sandbox.json');
 */
export function saveSnapshot(store: SandboxStore, file: string): void {
  const state = { version: 1, accountKeyId: store.accountKey.id, ...pick(store) };
  // Why `this[key]`: JSON.stringify has already called Buffer#toJSON on `value`; the raw field is still a Buffer.
  const text = JSON.stringify(state, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof Map) return { $map: [...raw] };
    if (Buffer.isBuffer(raw)) return { $buffer: raw.toString('base64') };
    return value;
  });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/**
 * Fills the store from `file`; false when there is no such file yet.
 * @example if (!loadSnapshot(store, 'sandbox.json')) store.createApp({ displayName: 'Sandbox app' });
 */
export function loadSnapshot(store: SandboxStore, file: string): boolean {
  if (!existsSync(file)) return false;
  const state = JSON.parse(readFileSync(file, 'utf8'), (key, value: unknown) => {
    if (key === '__proto__') return undefined;
    const tagged = value as { $map?: Array<[unknown, unknown]>; $buffer?: string } | null;
    if (tagged && Array.isArray(tagged.$map)) return new Map(tagged.$map);
    if (tagged && typeof tagged.$buffer === 'string') return Buffer.from(tagged.$buffer, 'base64');
    return value;
  }) as { version?: number; accountKeyId?: string } & ReturnType<typeof pick>;
  if (state.version !== 1) throw new TypeError(`${file} is not a smooch-record sandbox snapshot`);
  for (const field of FIELDS) {
    const target = store[field] as Map<unknown, unknown>;
    target.clear();
    for (const [key, value] of state[field] as Map<unknown, unknown>) target.set(key, value);
  }
  const accountKey = store.keys.get(state.accountKeyId ?? '');
  if (!accountKey) throw new TypeError(`${file} holds no account key`);
  store.accountKey = accountKey;
  return true;
}

function pick(store: SandboxStore) {
  return Object.fromEntries(FIELDS.map((field) => [field, store[field]])) as Pick<
    SandboxStore,
    (typeof FIELDS)[number]
  >;
}
