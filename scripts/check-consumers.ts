/**
 * `npm run check:consumers` (after `npm run build`; run by .ci/run): installs the packed tarball into two fresh
 * CommonJS projects and runs them, so `require('smooch-record')` keeps working for the many Node backends that
 * are still CommonJS: a plain `.cjs` script, and a TypeScript project with `module: nodenext` compiled by tsc
 * and run. Both live in scripts/consumers/; this copies each into a temporary folder first.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './api-reference.js';

const work = mkdtempSync(join(tmpdir(), 'smooch-record-consumers-'));
const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const install = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline'];

try {
  const [packed] = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], REPO_ROOT),
  ) as [{ filename: string }];
  const tarball = join(work, packed.filename);

  const cjs = join(work, 'cjs');
  cpSync(resolve(REPO_ROOT, 'scripts/consumers/cjs'), cjs, { recursive: true });
  run('npm', [...install, tarball], cjs);
  process.stdout.write(run(process.execPath, ['index.cjs'], cjs));

  const ts = join(work, 'ts-cjs');
  cpSync(resolve(REPO_ROOT, 'scripts/consumers/ts-cjs'), ts, { recursive: true });
  run('npm', [...install, tarball, '@types/node@20'], ts);
  run(process.execPath, [resolve(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], ts);
  process.stdout.write(run(process.execPath, ['out/index.js'], ts));
} finally {
  rmSync(work, { recursive: true, force: true });
}
