/**
 * `node --import tsx bench/hydration.ts --compare label=DIR [--compare label=DIR ...]`: the CPU of hydrating
 * the GetUser body (`hydrateReceived(AppUser, ...)`) and a 100-message page (`Message`) with each build of the
 * library (DIR: a checkout, its dist/ built by `npm run build`), in one process, in interleaved batches, so that
 * two builds (a change and its baseline) are compared side by side. Prints the median µs per object and each
 * build's ratio to the first one. A hot loop: it shows the hydrator's own cost, which in a real call, among
 * got's and node's work, is a few times larger (bench/ANALYSIS.md); bench/ladder.ts measures that.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { messageJson, userBody } from './fixtures.js';
import { USER_ID } from './shared.js';

interface Build {
  label: string;
  user: () => unknown;
  messages: () => unknown;
}

const BATCHES = 15;
const PER_BATCH = 2_000;

async function load(label: string, dir: string): Promise<Build> {
  const at = (file: string): string => pathToFileURL(resolve(dir, 'dist', 'lib', file)).href;
  const lib = (await import(at('index.js'))) as {
    configure(options: object): object;
    AppUser: unknown;
    Message: unknown;
  };
  const model = (await import(at('model.js'))) as {
    hydrateReceived(Class: unknown, plain: unknown, binding: object): { id: string };
  };
  const connection = lib.configure({ keyId: 'app_bench', secret: 'bench-secret-not-real', appId: 'a' });
  const binding = { connection, appId: 'a' };
  const userText = userBody(USER_ID);
  const pageText = `[${Array.from({ length: 100 }, (_, i) => messageJson(i)).join(',')}]`;
  // A fresh parse each time, as a response body is: the hydrator then reads objects V8 has not seen before.
  return {
    label,
    user: () => model.hydrateReceived(lib.AppUser, (JSON.parse(userText) as { user: unknown }).user, binding),
    messages: () =>
      (JSON.parse(pageText) as unknown[]).map((plain) => model.hydrateReceived(lib.Message, plain, binding)),
  };
}

function timeBatch(fn: () => unknown, count: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

const builds: Build[] = [];
for (const [i, arg] of process.argv.entries()) {
  if (arg !== '--compare') continue;
  const [label, dir] = (process.argv[i + 1] ?? '').split('=');
  if (!label || !dir) throw new Error('--compare needs label=DIR');
  builds.push(await load(label, dir));
}
if (builds.length === 0) throw new Error('give at least one --compare label=DIR');

console.log('| build | GetUser body, µs | vs first | 100-message page, µs | vs first |');
console.log('|---|---|---|---|---|');
const figures = builds.map(() => ({ user: [] as number[], messages: [] as number[] }));
for (let batch = -2; batch < BATCHES; batch++) {
  // The first two batches warm up; the order of the builds rotates every batch.
  for (let k = 0; k < builds.length; k++) {
    const index = (k + batch + 2) % builds.length;
    const build = builds[index]!;
    const user = timeBatch(build.user, PER_BATCH);
    const messages = timeBatch(build.messages, PER_BATCH / 100);
    if (batch >= 0) {
      figures[index]!.user.push(user);
      figures[index]!.messages.push(messages);
    }
  }
}
const first = { user: median(figures[0]!.user), messages: median(figures[0]!.messages) };
for (const [i, build] of builds.entries()) {
  const user = median(figures[i]!.user);
  const messages = median(figures[i]!.messages);
  console.log(
    `| ${build.label} | ${user.toFixed(2)} | ${(user / first.user).toFixed(2)}x | ${messages.toFixed(0)} | ${(messages / first.messages).toFixed(2)}x |`,
  );
}
