/**
 * Stress run (not a test): 10,000 calls through one Connection at concurrency 256 against a local server that
 * answers 429 to a random tenth of the requests. Prints successes, retries, the most sockets the server saw
 * against the pool size, unhandled rejections and the heap after GC against the start.
 *
 *   node --expose-gc --import tsx scripts/stress.ts [calls] [concurrency] [--retry '{"limit":6}']
 *
 * Exits 1 when a call failed, a rejection went unhandled, the pool was exceeded or the heap grew by > 10 MB.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MAX_SOCKETS } from '../lib/connection/agents.js';
import { Connection } from '../lib/connection/connection.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../lib/connection/retry-policy.js';

const positional = process.argv
  .slice(2)
  .filter((arg, i, all) => arg !== '--retry' && all[i - 1] !== '--retry');
const calls = Number(positional[0] ?? 10_000);
const concurrency = Number(positional[1] ?? 256);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('Run with node --expose-gc --import tsx scripts/stress.ts');
  process.exit(2);
}

let unhandled = 0;
process.on('unhandledRejection', () => (unhandled += 1));

// The server: a tenth of the answers are 429 (Retry-After: 0, so the client's own jittered backoff applies).
const seen = { requests: 0, refused: 0, open: 0, maxOpen: 0 };
const server = createServer((req, res) => {
  seen.requests += 1;
  req.resume();
  req.on('end', () => {
    const refuse = Math.random() < 0.1;
    if (refuse) seen.refused += 1;
    const body = refuse
      ? JSON.stringify({ errors: [{ code: 'too_many_requests', title: 'Slow down' }] })
      : JSON.stringify({ user: { id: `u${seen.requests}`, profile: { givenName: 'Stress' } } });
    res.writeHead(refuse ? 429 : 200, {
      'content-type': 'application/json',
      ...(refuse ? { 'retry-after': '0' } : {}),
    });
    res.end(body);
  });
});
server.on('connection', (socket) => {
  seen.open += 1;
  seen.maxOpen = Math.max(seen.maxOpen, seen.open);
  socket.on('close', () => (seen.open -= 1));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

// The default retry policy (issue 17): a 429 has its own budget, bounded by the total wait, so a call refused
// several times in a row still gets through. `--retry '{"limit":6}'` tries another policy.
const retryArg = process.argv.indexOf('--retry');
const retry = retryArg > 0 ? (JSON.parse(process.argv[retryArg + 1]!) as RetryPolicy) : DEFAULT_RETRY_POLICY;
const connection = new Connection({
  keyId: 'app_stress',
  secret: 'test-secret-not-real',
  auth: 'basic',
  appId: 'stress',
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  retry,
});
let retries = 0;
connection.on('retry', () => (retries += 1));

let next = 0;
let successes = 0;
const failures = new Map<string, number>();
async function worker(total: number): Promise<void> {
  while (next < total) {
    const n = next++;
    try {
      await connection.request({ method: 'GET', path: `/v2/apps/stress/users/u${n}` });
      successes += 1;
    } catch (error) {
      const name = (error as Error).name;
      failures.set(name, (failures.get(name) ?? 0) + 1);
    }
  }
}
const run = (total: number) => Promise.all(Array.from({ length: concurrency }, () => worker(total)));

// A warm-up fills the pool and loads got's lazy parts, so the heap baseline measures leaks, not first use.
const warmUp = 500;
await run(warmUp);
[next, successes, retries, seen.requests, seen.refused] = [0, 0, 0, 0, 0];
gc();
const heapStart = process.memoryUsage().heapUsed;
const started = performance.now();
await run(calls);
const seconds = (performance.now() - started) / 1000;

connection.close();
await new Promise<void>((resolve) => server.close(() => resolve()));
await new Promise((resolve) => setTimeout(resolve, 50));
gc();
const heapEnd = process.memoryUsage().heapUsed;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

console.log(`calls             ${calls} at concurrency ${concurrency}, retry ${JSON.stringify(retry)}`);
console.log(`successes         ${successes}`);
console.log(`failures          ${failures.size ? JSON.stringify(Object.fromEntries(failures)) : 0}`);
console.log(`server requests   ${seen.requests} (${seen.refused} answered 429), client retries ${retries}`);
console.log(`max sockets       ${seen.maxOpen} seen by the server, pool size ${DEFAULT_MAX_SOCKETS}`);
console.log(`unhandled         ${unhandled} rejections`);
console.log(
  `heap after GC     ${mb(heapEnd)} vs ${mb(heapStart)} at start, after ${warmUp} warm-up calls ` +
    `(${heapEnd >= heapStart ? '+' : ''}${mb(heapEnd - heapStart)})`,
);
console.log(`time              ${seconds.toFixed(1)} s, ${Math.round(calls / seconds)} calls/s`);

const ok =
  successes === calls &&
  unhandled === 0 &&
  seen.maxOpen <= DEFAULT_MAX_SOCKETS &&
  heapEnd - heapStart < 10 * 1024 * 1024;
process.exit(ok ? 0 : 1);
