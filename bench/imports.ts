/**
 * (e) Cold import time (a fresh node process per sample, the OS file cache warm) and installed size
 * (the package plus every production dependency it pulls in, each counted once, as npm would install them).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ImportSample {
  name: string;
  round: number;
  /** Time of `await import(name)` inside the process. */
  importMs: number;
  /** From spawning `node` to its exit (node's own start-up included). */
  processMs: number;
}

export interface SizeRow {
  name: string;
  packages: number;
  files: number;
  bytes: number;
}

const SAMPLES_PER_ROUND = 5;
const SCRIPT =
  'const s = performance.now(); await import(process.env.BENCH_IMPORT);' +
  "process.stdout.write('RESULT ' + JSON.stringify({ ms: performance.now() - s }));";

function importOnce(specifier: string, cwd: string): Promise<{ importMs: number; processMs: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd,
      env: { ...process.env, BENCH_IMPORT: specifier },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      const processMs = Number(process.hrtime.bigint() - start) / 1e6;
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`import ${specifier} failed (exit ${code})`));
      else resolve({ importMs: (JSON.parse(line.slice(7)) as { ms: number }).ms, processMs });
    });
  });
}

/** The packages measured: this library from `entry`, the floor and the official clients from bench/. */
export function importTargets(entry: string): [string, string][] {
  return [
    ['smooch-record', pathToFileURL(entry).href],
    ['sunshine-conversations-client', 'sunshine-conversations-client'],
    ['smooch-core', 'smooch-core'],
    ['got', 'got'],
  ];
}

export async function measureImports(
  entry: string,
  benchDir: string,
  round: number,
): Promise<ImportSample[]> {
  const out: ImportSample[] = [];
  for (let i = 0; i < SAMPLES_PER_ROUND; i++) {
    for (const [name, specifier] of importTargets(entry)) {
      out.push({ name, round, ...(await importOnce(specifier, benchDir)) });
    }
  }
  return out;
}

function walkFiles(dir: string, skipNodeModules = true): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipNodeModules && entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = walkFiles(full, skipNodeModules);
      files += inner.files;
      bytes += inner.bytes;
    } else if (entry.isFile()) {
      files++;
      bytes += statSync(full).size;
    }
  }
  return { files, bytes };
}

function resolvePackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  files?: string[];
}

/** Size of `root` (only its published `files` when `ownFiles`) plus its production dependency tree. */
function closure(root: string, ownFiles: boolean): Omit<SizeRow, 'name'> {
  const seen = new Set<string>();
  let files = 0;
  let bytes = 0;
  const visit = (dir: string, isRoot: boolean): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    if (isRoot && ownFiles && manifest.files) {
      for (const item of [...manifest.files, 'package.json']) {
        const full = join(dir, item);
        if (!existsSync(full)) continue;
        const stat = statSync(full);
        const size = stat.isDirectory() ? walkFiles(full) : { files: 1, bytes: stat.size };
        files += size.files;
        bytes += size.bytes;
      }
    } else {
      const size = walkFiles(dir);
      files += size.files;
      bytes += size.bytes;
    }
    const names = { ...manifest.dependencies, ...manifest.optionalDependencies };
    for (const name of Object.keys(names)) {
      const found = resolvePackage(name, dir);
      if (found) visit(found, false);
    }
  };
  visit(root, true);
  return { packages: seen.size, files, bytes };
}

export function installedSizes(repoDir: string, benchDir: string): SizeRow[] {
  const nm = join(benchDir, 'node_modules');
  return [
    { name: 'smooch-record', ...closure(repoDir, true) },
    { name: 'sunshine-conversations-client', ...closure(join(nm, 'sunshine-conversations-client'), false) },
    { name: 'smooch-core', ...closure(join(nm, 'smooch-core'), false) },
    { name: 'got', ...closure(join(nm, 'got'), false) },
  ];
}
