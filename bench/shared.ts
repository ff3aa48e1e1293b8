/**
 * Sizes, ids and small helpers shared by the server, the runners and the orchestrator. The scenario sizes are
 * those of issue 7 and are not scaled: the orchestrator scales the number of rounds instead.
 */

/** (a) sequential AppUser.find. */
export const SEQUENTIAL_FINDS = 2_000;
/** (b) AppUser.find at a fixed concurrency. */
export const CONCURRENT_FINDS = 20_000;
export const CONCURRENCY = 64;
/** (c) clients of one user, listed in pages of CLIENT_PAGE. */
export const CLIENT_COUNT = 10_000;
export const CLIENT_PAGE = 100;
/** (d) messages of one conversation; ListMessages has a fixed page size of 100. */
export const MESSAGE_COUNT = 100_000;
export const MESSAGE_PAGE = 100;

export const APP_ID = '5d8cff3cd55b040010928b5b';
export const USER_ID = '5963c0d619a30a2e00de36b8';
export const CONVERSATION_ID = '029c31f25a21b47effd7be90';
/** Not a real credential: the canned server accepts any Authorization value of the right form. */
export const KEY_ID = 'app_5d8cff3cd55b040010928b5c';
export const SECRET = 'bench-secret-not-real';

/** A 24-hex id whose value is `index`, so a runner can check what it walked without keeping it. */
export function hexId(index: number): string {
  return index.toString(16).padStart(24, '0');
}

/** The index encoded by `hexId`, or NaN. */
export function indexOf(id: string): number {
  return /^[0-9a-f]{24}$/.test(id) ? parseInt(id, 16) : NaN;
}

/** The user id the n-th find asks for (a realistic 24-hex id, different every time). */
export function userIdFor(n: number): string {
  return `5e${n.toString(16).padStart(22, '0')}`;
}

/** Sum of 0..count-1: what adding `indexOf(id)` over a complete walk must give. */
export function expectedChecksum(count: number): number {
  return (count * (count - 1)) / 2;
}

export type Scenario = 'a' | 'b' | 'c' | 'd';
export type Proto = 'http' | 'https';

export const SCENARIOS: Record<Scenario | 'e' | 'f', string> = {
  a: `${SEQUENTIAL_FINDS.toLocaleString('en')} sequential AppUser.find`,
  b: `${CONCURRENT_FINDS.toLocaleString('en')} AppUser.find at concurrency ${CONCURRENCY}`,
  c: `listing ${CLIENT_COUNT.toLocaleString('en')} clients of a user in pages of ${CLIENT_PAGE}`,
  d: `walking ${MESSAGE_COUNT.toLocaleString('en')} messages with for await`,
  e: 'cold import time and installed size',
  f: 'Notification.parse of a 1-event and a 50-event delivery vs JSON.parse',
};
