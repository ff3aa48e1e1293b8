/// <reference types="mocha" />
// A real redis-server for the specs that need one: started on a free loopback port with persistence off, in a
// temporary directory, and stopped afterwards. Without redis-server on the machine those suites stand aside
// with one pending test that says how to install it, except in CI (env CI set), where they fail instead.
// Env REDIS_SERVER names another binary (a nonexistent one shows what a machine without Redis does).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL = 'apt-get install redis-server';
/** The binary: `redis-server` on the PATH, or the one env REDIS_SERVER names. */
const BINARY = process.env.REDIS_SERVER || 'redis-server';

/** A running redis-server of a spec. */
export interface RedisServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops it (SIGTERM, then waits for the exit); stopping twice is a no-op. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop()`), empty. */
  restart(): Promise<void>;
}

let available: boolean | undefined;

/** Whether `redis-server` can be run here. */
export function hasRedisServer(): boolean {
  if (available === undefined) {
    try {
      execFileSync(BINARY, ['--version'], { stdio: 'ignore' });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/** Starts a redis-server on a free loopback port; `args` are extra `--name value` settings. */
export async function startRedisServer(args: string[] = []): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'smooch-record-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    child = await spawnServer(port, dir, args).catch((error: unknown) => {
      if (attempt >= 4) throw error; // the port was taken between finding it and binding it: try another
      return undefined;
    });
  }
  const server = {
    host: '127.0.0.1' as const,
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await stopChild(child);
      child = undefined;
    },
    async restart() {
      await stopChild(child);
      mkdirSync(dir, { recursive: true }); // stop() removed it
      child = await spawnServer(port, dir, args);
    },
  };
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A describe block with a redis-server started before its tests and stopped after them. Without redis-server:
 * one pending test naming the install command (once in the whole run), or in CI a failing test.
 */
export function describeWithRedis(title: string, body: (redis: () => RedisServer) => void): void {
  if (!hasRedisServer()) return standAside(title);
  describe(title, function () {
    let server: RedisServer | undefined;
    before(async function () {
      this.timeout(20_000);
      server = await startRedisServer();
    });
    body(() => {
      if (!server) throw new Error('redis-server is not started yet (use it inside a test or hook)');
      return server;
    });
    // Registered after the body's own hooks, so it runs after them: their clients close before Redis stops.
    after(async () => server?.stop());
  });
}

let announced = false;

function standAside(title: string): void {
  if (process.env.CI && !['0', 'false'].includes(process.env.CI)) {
    describe(title, () => {
      it(`needs redis-server, which CI must install (${INSTALL})`, () => {
        throw new Error(`redis-server not found: CI must run the Redis specs (${INSTALL})`);
      });
    });
    return;
  }
  if (announced) return;
  announced = true;
  describe('Redis specs', () => it(`need redis-server on this machine: ${INSTALL}`));
}

function spawnServer(port: number, dir: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(
    BINARY,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining so the server never blocks on a full pipe
      child.off('exit', onExit);
      resolve(child);
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`redis-server exited (${code}) before it was ready: ${output.slice(-300)}`));
    child.stdout!.on('data', onData);
    child.stderr!.resume();
    child.once('exit', onExit);
    child.once('error', reject);
  });
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
