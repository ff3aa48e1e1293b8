/**
 * `npm run bench`: builds the runners, starts the canned server in its own process, runs every client in a
 * fresh process per scenario and protocol, in rounds, then prints the table and writes bench/RESULTS.md.
 *
 * Options: --rounds N (default 3) --scenarios a,b,c,d,e,f --clients id,id --proto https,http
 *          --lib dist|src (dist by default: what users run) --profile (adds a --cpu-prof pass, see profile.ts)
 *          --out FILE (RESULTS.md only for a complete run unless given)
 *          --render FILE.json (render a saved run: node_modules/.cache/smooch-record-bench/last-run.json).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { RunResult } from './driver.js';
import { installedSizes, measureImports, type ImportSample } from './imports.js';
import { makeCertificate } from './certificate.js';
import { loadSnapshot, othersShare } from './machine-load.js';
import { profileSummary } from './profile.js';
import { renderResults, type Machine, type Report, type Sample } from './report.js';
import { writeSection } from './results-file.js';
import type { Proto, Scenario } from './shared.js';
import { CLIENTS, type ClientSpec } from './clients.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(benchDir, '..');
const cacheDir = join(benchDir, 'node_modules', '.cache', 'smooch-record-bench');

interface Options {
  rounds: number;
  scenarios: (Scenario | 'e' | 'f')[];
  clients: ClientSpec[];
  protos: Proto[];
  lib: 'dist' | 'src';
  profile: boolean;
  out: string | undefined;
  /** Render the tables of a saved run (bench/node_modules/.cache/smooch-record-bench/last-run.json). */
  render: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const list = (name: string, all: string[]): string[] => {
    const given = value(name)?.split(',').filter(Boolean) ?? all;
    for (const item of given) if (!all.includes(item)) throw new Error(`--${name}: unknown ${item}`);
    return given;
  };
  const rounds = Number(value('rounds') ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
  const ids = list(
    'clients',
    CLIENTS.map((c) => c.id),
  );
  const complete = !value('scenarios') && !value('clients') && !value('proto') && rounds >= 3;
  return {
    rounds,
    scenarios: list('scenarios', ['a', 'b', 'c', 'd', 'e', 'f']) as Options['scenarios'],
    clients: CLIENTS.filter((c) => ids.includes(c.id)),
    protos: list('proto', ['https', 'http']) as Proto[],
    lib: value('lib') === 'src' ? 'src' : 'dist',
    profile: argv.includes('--profile'),
    out: value('out') ?? (complete ? join(benchDir, 'RESULTS.md') : undefined),
    render: value('render'),
  };
}

/** Bundles each runner (npm packages stay external) so measured processes run plain node, no loader. */
async function buildRunners(): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const entries = ['server', ...new Set(CLIENTS.map((c) => `clients/${c.runner}`)), 'clients/notification'];
  await build({
    entryPoints: Object.fromEntries(
      entries.map((e) => [e.replace('clients/', ''), join(benchDir, `${e}.ts`)]),
    ),
    outdir: cacheDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

function libEntry(lib: Options['lib']): string {
  if (lib === 'src') return join(repoDir, 'lib', 'index.ts');
  const entry = join(repoDir, 'dist', 'lib', 'index.js');
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build\` at the repository root`);
  const built = statSync(entry).mtimeMs;
  const source = statSync(join(repoDir, 'lib', 'index.ts')).mtimeMs;
  if (source > built) console.warn('warning: lib/index.ts is newer than dist/: run `npm run build` first');
  return entry;
}

interface Server {
  child: ChildProcess;
  ports: { http: number; https: number; control: number };
}

async function startServer(cert: { certFile: string; keyFile: string }): Promise<Server> {
  const child = spawn(process.execPath, [join(cacheDir, 'server.mjs'), cert.certFile, cert.keyFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolveLine, reject) => {
    lines.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ports: JSON.parse(first) as Server['ports'] };
}

/** Runs one process and resolves with its RESULT line (or a failed result naming why). */
function runProcess(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<string> {
  return new Promise((resolveOut) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) resolveOut(line.slice('RESULT '.length));
      else
        resolveOut(
          JSON.stringify({
            ok: false,
            error: `exited ${code ?? signal} without a result: ${err.trim().split('\n').slice(-3).join(' | ')}`,
          }),
        );
    });
  });
}

function runnerArgs(spec: ClientSpec, options: Options, extra: string[] = []): string[] {
  const loader = spec.runner === 'smooch-record' && options.lib === 'src' ? ['--import', 'tsx'] : [];
  return ['--expose-gc', ...loader, ...extra, join(cacheDir, `${spec.runner}.mjs`)];
}

function machine(others: (number | undefined)[], certificate: string): Machine {
  const versionOf = (dir: string): string =>
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const nm = join(benchDir, 'node_modules');
  return {
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} x ${os.cpus().length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    openssl: process.versions.openssl,
    certificate,
    versions: {
      'smooch-record': versionOf(repoDir),
      'got (smooch-record’s)': versionOf(join(repoDir, 'node_modules', 'got')),
      'got (floor)': versionOf(join(nm, 'got')),
      'sunshine-conversations-client': versionOf(join(nm, 'sunshine-conversations-client')),
      superagent: versionOf(join(nm, 'superagent')),
      'smooch-core': versionOf(join(nm, 'smooch-core')),
      'node-fetch (smooch-core’s)': versionOf(join(nm, 'node-fetch')),
    },
    cores: os.cpus().length,
    others,
  };
}

function publish(report: Report, out: string | undefined): void {
  const markdown = renderResults(report);
  console.log(`\n${markdown}`);
  if (out) {
    // The default file holds the other benchmarks' sections too: replace only this one.
    if (out === join(benchDir, 'RESULTS.md')) writeSection('main-bench', markdown, true);
    else writeFileSync(out, markdown);
    console.log(`written to ${out}`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.render) {
    const saved = JSON.parse(readFileSync(options.render, 'utf8')) as Report;
    publish(
      { ...saved, clients: CLIENTS.filter((c) => saved.clients.some((s) => s.id === c.id)) },
      options.out,
    );
    return;
  }
  const started = Date.now();
  await buildRunners();
  const entry = libEntry(options.lib);
  const tmp = join(os.tmpdir(), `smooch-record-bench-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const cert = await makeCertificate(tmp);
  const server = await startServer(cert);
  const env = {
    ...process.env,
    NODE_EXTRA_CA_CERTS: cert.certFile,
    BENCH_LIB_ENTRY: entry,
    BENCH_CONTROL_URL: `http://127.0.0.1:${server.ports.control}`,
  };
  const samples: Sample[] = [];
  const imports: ImportSample[] = [];
  // Other processes' share of the machine: over the whole run (first) and in each round.
  const others: (number | undefined)[] = [];
  const runStart = loadSnapshot(server.child.pid);
  let roundStart = runStart;
  const timed = options.scenarios.filter((s): s is Scenario => 'abcd'.includes(s));
  try {
    for (let round = 1; round <= options.rounds; round++) {
      // Rotate the order each round, so that no client always runs first (or right after another).
      const clients = options.clients.map((_, i, all) => all[(i + round - 1) % all.length]!);
      for (const proto of options.protos) {
        for (const scenario of timed) {
          for (const spec of clients) {
            const began = Date.now();
            const line = await runProcess(runnerArgs(spec, options), {
              ...env,
              BENCH_PROTO: proto,
              BENCH_SCENARIO: scenario,
              BENCH_VARIANT: spec.variant,
              BENCH_BASE_URL: `${proto}://127.0.0.1:${server.ports[proto]}`,
            });
            const result = { scenario, proto, ...(JSON.parse(line) as Partial<RunResult>) } as RunResult;
            samples.push({ client: spec.id, round, result });
            const rate = result.wallMs ? Math.round((result.requests / result.wallMs) * 1000) : 0;
            console.log(
              `round ${round} ${proto} ${scenario} ${spec.id}: ${
                result.notApplicable ? 'n/a' : result.ok ? `${rate} req/s` : `FAILED ${result.error}`
              } (${((Date.now() - began) / 1000).toFixed(1)} s)`,
            );
          }
        }
      }
      if (options.scenarios.includes('e')) imports.push(...(await measureImports(entry, benchDir, round)));
      if (options.scenarios.includes('f')) {
        const loader = options.lib === 'src' ? ['--import', 'tsx'] : [];
        const line = await runProcess(['--expose-gc', ...loader, join(cacheDir, 'notification.mjs')], env);
        samples.push({ client: 'smooch-record', round, result: JSON.parse(line) as RunResult });
        console.log(`round ${round} f: ${line.slice(0, 200)}`);
      }
      const roundEnd = loadSnapshot(server.child.pid);
      others.push(othersShare(roundStart, roundEnd));
      roundStart = roundEnd;
    }
    const profiles = options.profile ? await profile(options, env, server) : undefined;
    const sizes = options.scenarios.includes('e') ? installedSizes(repoDir, benchDir) : undefined;
    others.unshift(othersShare(runStart, loadSnapshot(server.child.pid)));
    const report: Report = {
      samples,
      imports,
      sizes,
      profiles,
      clients: options.clients,
      rounds: options.rounds,
      machine: machine(others, cert.kind),
      minutes: (Date.now() - started) / 60_000,
      lib: options.lib,
      date: new Date().toISOString(),
    };
    // The raw figures, so the tables can be rendered again (`--render`) without running again.
    writeFileSync(join(cacheDir, 'last-run.json'), JSON.stringify(report));
    publish(report, options.out);
  } finally {
    server.child.stdin?.end();
    server.child.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** One extra --cpu-prof pass of this library and raw got in (a), (b), (d) over HTTPS, and of (f), summarised. */
async function profile(options: Options, env: NodeJS.ProcessEnv, server: Server): Promise<string> {
  const dir = join(cacheDir, 'profiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const parts: string[] = [];
  for (const id of ['smooch-record', 'got']) {
    const spec = CLIENTS.find((c) => c.id === id)!;
    for (const scenario of ['a', 'b', 'd'] as Scenario[]) {
      const name = `${id}-${scenario}`;
      await runProcess(
        runnerArgs(spec, options, [
          '--cpu-prof',
          '--cpu-prof-dir',
          dir,
          '--cpu-prof-name',
          `${name}.cpuprofile`,
        ]),
        {
          ...env,
          BENCH_PROTO: 'https',
          BENCH_SCENARIO: scenario,
          BENCH_VARIANT: spec.variant,
          BENCH_BASE_URL: `https://127.0.0.1:${server.ports.https}`,
        },
      );
      parts.push(profileSummary(join(dir, `${name}.cpuprofile`), name, repoDir));
    }
  }
  const loader = options.lib === 'src' ? ['--import', 'tsx'] : [];
  const prof = ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'notification.cpuprofile'];
  await runProcess([...loader, ...prof, join(cacheDir, 'notification.mjs')], env);
  parts.push(
    profileSummary(join(dir, 'notification.cpuprofile'), 'smooch-record-f (Notification.parse)', repoDir),
  );
  return parts.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
