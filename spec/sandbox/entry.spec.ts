// The sandbox is a separate entry point (smooch-record/sandbox): importing the library never loads it.
// And the `smooch-record sandbox` command serves until stopped.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { Connection } from '../../lib/connection/connection.js';
import { App } from '../../lib/models/app.js';
import { REPO_ROOT, runNode } from './support/child.js';

/** The repository modules (lib/...) a child process loads when it imports `entry`. */
async function modulesLoadedBy(entry: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'smooch-record-loads-'));
  try {
    const hook = join(dir, 'hook.mjs');
    writeFileSync(
      hook,
      'export async function resolve(s, c, next) { const r = await next(s, c); console.log(`LOADED ${r.url}`); return r; }',
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});`,
    );
    const result = await runNode([
      '--import',
      pathToFileURL(register).href,
      '-e',
      `await import(${JSON.stringify(entry)})`,
    ]);
    expect(result.code, result.stderr).to.equal(0);
    const root = pathToFileURL(REPO_ROOT).href;
    return result.stdout
      .split('\n')
      .filter((line) => line.startsWith(`LOADED ${root}/lib/`))
      .map((line) => line.slice(`LOADED ${root}/`.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('sandbox: a separate entry point', () => {
  it('is not loaded by importing the library (lib/index.ts)', async function () {
    this.timeout(30_000);
    const loaded = await modulesLoadedBy('./lib/index.ts');
    expect(loaded).to.include('lib/connection/connection.ts');
    expect(loaded.filter((path) => path.startsWith('lib/sandbox/') || path === 'lib/cli.ts')).to.deep.equal(
      [],
    );
    const sandbox = await modulesLoadedBy('./lib/sandbox/index.ts');
    expect(sandbox).to.include('lib/sandbox/router.ts');
  });

  it('`smooch-record sandbox` prints its URL and credentials, serves them, and stops on SIGTERM', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli.ts', 'sandbox', '--port', '0'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const printed = new Promise<Record<string, string>>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (!output.includes('Ctrl-C')) return;
        resolve(
          Object.fromEntries(
            output
              .split('\n')
              .map((line) => line.trim().split(/\s+/))
              .filter((p) => p.length === 2),
          ),
        );
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const values = await printed;
    expect(values).to.have.keys(
      'url',
      'appId',
      'keyId',
      'secret',
      'accountKeyId',
      'accountSecret',
      'oauthClientId',
      'oauthClientSecret',
    );
    const connection = new Connection({ keyId: values.keyId!, secret: values.secret!, baseUrl: values.url! });
    expect((await App.find(values.appId!, { connection })).id).to.equal(values.appId);
    // The request log: one line per request, with its status, time and operation.
    const logged = `GET    /v2/apps/${values.appId} 200 `;
    while (!output.includes(logged)) await new Promise((resolve) => child.stdout.once('data', resolve));
    expect(output).to.match(new RegExp(`${logged}\\d+ms  GetApp\\n`));
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });
});
