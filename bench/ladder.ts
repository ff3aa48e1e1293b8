/**
 * `node --import tsx bench/ladder.ts [--rounds N] [--calls N]`: where the CPU of one `AppUser.find` goes,
 * layer by layer. Each step is a fresh process doing the same sequential GetUser calls over plain HTTP against
 * the canned server (its own process), one step more of the library each time:
 *
 *   raw got            got 14 + keep-alive, as the floor client of run.ts
 *   request()          the library's Connection: its got configuration, credentials, call state
 *   request()+hydrate  the same, then `hydrate(AppUser, body.user)`: the model, its snapshot
 *   AppUser.find       the everyday call: binding, path, load, hydration
 *
 * Steps alternate within each round, so slow drifts of a shared machine hit every step alike; the figure to
 * read is the median over rounds of each step's CPU per call divided by raw got's in the same round.
 * Loads the library from dist/ (run `npm run build` first). `--compare label=DIR` (repeatable) adds a step
 * `AppUser.find [label]` that loads the library built in DIR/dist (DIR: another checkout, built), so a change
 * and its baseline are measured side by side in the same rounds; `--compare-only` then leaves out every step
 * but raw got and those, for more rounds in the same time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import got from 'got';
import { makeCertificate } from './certificate.js';
import { bearer } from './jwt.js';
import { APP_ID, KEY_ID, SECRET, userIdFor } from './shared.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const WARMUP_CALLS = 5_000;
const STEPS = ['raw got', 'request()', 'request()+hydrate', 'AppUser.find'] as const;
/** One of STEPS, or `AppUser.find [label]` of a `--compare` build. */
type Step = string;

interface Library {
  configure(options: object): { request(options: object): Promise<{ user: { id: string } }> };
  hydrate(Class: unknown, plain: unknown, binding: object): { id: string };
  AppUser: { find(id: string): Promise<{ id: string }> };
}

/** One step in this process: warm up, then print the CPU µs per call of `calls` sequential calls. */
async function worker(step: Step, baseUrl: string, calls: number, dist: string): Promise<void> {
  let find: (id: string) => Promise<string>;
  const userPath = (id: string): string => `/v2/apps/${APP_ID}/users/${encodeURIComponent(id)}`;
  if (step === 'raw got') {
    const client = got.extend({
      prefixUrl: baseUrl,
      responseType: 'json',
      headers: { authorization: bearer(), accept: 'application/json' },
      agent: { http: new http.Agent({ keepAlive: true }) },
    });
    find = async (id) => (await client.get(userPath(id).slice(1)).json<{ user: { id: string } }>()).user.id;
  } else {
    const entry = pathToFileURL(resolve(dist, 'lib', 'index.js')).href;
    const lib = (await import(entry)) as Library;
    // hydrate is internal (not exported by the main entry): the ladder reads it from the built module itself.
    const { hydrate } = (await import(entry.replace(/index\.js$/, 'model.js'))) as Pick<Library, 'hydrate'>;
    const connection = lib.configure({ keyId: KEY_ID, secret: SECRET, appId: APP_ID, baseUrl });
    const binding = { connection, appId: APP_ID };
    const AppUser = lib.AppUser;
    if (step === 'request()') {
      find = async (id) => (await connection.request({ method: 'GET', path: userPath(id) })).user.id;
    } else if (step === 'request()+hydrate') {
      find = async (id) => {
        const body = await connection.request({ method: 'GET', path: userPath(id) });
        return hydrate(AppUser, body.user, binding).id;
      };
    } else {
      find = async (id) => (await AppUser.find(id)).id;
    }
  }
  let n = 0;
  const run = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      const id = userIdFor(n++);
      if ((await find(id)) !== id) throw new Error(`${step}: wrong user`);
    }
  };
  // Long enough for V8 to optimise the hot paths of every step (bench/driver.ts, WARMUP).
  await run(WARMUP_CALLS);
  const before = process.cpuUsage();
  await run(calls);
  const used = process.cpuUsage(before);
  console.log(JSON.stringify({ step, usPerCall: (used.user + used.system) / calls }));
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const DIST = resolve(benchDir, '..', 'dist');

/** The `--compare label=DIR` options, as step name -> dist directory. */
function compared(): Map<Step, string> {
  const out = new Map<Step, string>();
  process.argv.forEach((arg, i) => {
    if (arg !== '--compare') return;
    const [label, dir] = (process.argv[i + 1] ?? '').split('=');
    if (!label || !dir) throw new Error('--compare needs label=DIR');
    out.set(`AppUser.find [${label}]`, resolve(dir, 'dist'));
  });
  return out;
}

function runStep(step: Step, baseUrl: string, calls: number, dist: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: {
        ...process.env,
        LADDER_STEP: step,
        LADDER_BASE_URL: baseUrl,
        LADDER_CALLS: String(calls),
        LADDER_DIST: dist,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) =>
      code === 0
        ? done((JSON.parse(out) as { usPerCall: number }).usPerCall)
        : fail(new Error(`${step}: ${code}`)),
    );
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const rounds = option('rounds', 8);
  const calls = option('calls', 3_000);
  // The canned server of run.ts (it also serves HTTPS, which needs a certificate; the steps use plain HTTP).
  const tmp = mkdtempSync(join(os.tmpdir(), 'smooch-record-ladder-'));
  const cert = await makeCertificate(tmp);
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', join(benchDir, 'server.ts'), cert.certFile, cert.keyFile],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((done) =>
    createInterface({ input: server.stdout! }).once('line', done),
  );
  const baseUrl = `http://127.0.0.1:${(JSON.parse(first) as { http: number }).http}`;
  const builds = compared();
  const own = process.argv.includes('--compare-only') ? STEPS.slice(0, 1) : STEPS;
  const steps: Step[] = [...own, ...builds.keys()];
  const figures = new Map<Step, number[]>(steps.map((s) => [s, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      // Rotate the order, so no step always runs first or last in a round.
      const order = steps.map((_, i) => steps[(i + round) % steps.length]!);
      for (const step of order) {
        figures.get(step)!.push(await runStep(step, baseUrl, calls, builds.get(step) ?? DIST));
      }
      console.error(
        `round ${round + 1}/${rounds}: ${steps.map((s) => figures.get(s)!.at(-1)!.toFixed(0)).join(' ')}`,
      );
    }
  } finally {
    server.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
  const floor = figures.get('raw got')!;
  console.log(
    `\n${calls} sequential GetUser calls per process over HTTP, ${rounds} rounds (node ${process.version})\n`,
  );
  console.log('| step | CPU µs per call (median) | vs raw got, same round (median, min-max) |');
  console.log('|---|---|---|');
  for (const step of steps) {
    const mine = figures.get(step)!;
    const ratios = mine.map((value, i) => value / floor[i]!);
    const range = `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
    console.log(`| ${step} | ${median(mine).toFixed(0)} | ${median(ratios).toFixed(2)}x (${range}) |`);
  }
}

const step = process.env.LADDER_STEP as Step | undefined;
if (step) {
  const { LADDER_BASE_URL, LADDER_CALLS, LADDER_DIST } = process.env;
  await worker(step, LADDER_BASE_URL!, Number(LADDER_CALLS), LADDER_DIST ?? DIST);
} else await main();
