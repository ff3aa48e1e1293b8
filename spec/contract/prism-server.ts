// One Prism mock for the whole run, behind a small recording proxy. Why a proxy: Connection.request resolves
// to the body only, so the `sl-violations` header of a successful answer would be invisible to the specs.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { writePatchedDocument } from './openapi-document.js';

/** One request the document does not allow, as Prism reported it. */
export interface Violation {
  method: string;
  url: string;
  status: number;
  /** Prism's findings: the `sl-violations` entries, or its own problem (`title`, `detail`, `validation`). */
  findings: unknown;
}

/** Header a ContractConnection tags each request with, so a violation is charged to the call that caused it. */
export const TAG_HEADER = 'x-contract-call';

export interface MockServer {
  /** The proxy's base URL: point connections here. */
  url: string;
  /** Violations by call tag; untagged requests are filed under ''. */
  violations: Map<string, Violation[]>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something answers HTTP on `port` (any status), or rejects when Prism exits or takes too long. */
async function waitUntilListening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${log()}`);
    const up = await new Promise<boolean>((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/' }, (response) => {
        response.resume();
        resolve(true);
      });
      request.on('error', () => resolve(false));
    });
    if (up) return;
    await delay(100);
  }
  throw new Error(`Prism did not listen within ${START_TIMEOUT_MS} ms:\n${log()}`);
}

/** What Prism found wrong with a request, from its answer; undefined when it found nothing. */
function findingsOf(response: http.IncomingMessage, body: string): unknown {
  const header = response.headers['sl-violations'];
  if (header) return JSON.parse(String(header));
  // Prism's own refusals (no such path or method, bad credentials, invalid request) are problem documents.
  if (String(response.headers['content-type']).startsWith('application/problem+json'))
    return JSON.parse(body);
  return undefined;
}

function startProxy(target: number, violations: Map<string, Violation[]>): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const tag = String(request.headers[TAG_HEADER] ?? '');
    const headers = { ...request.headers };
    delete headers[TAG_HEADER];
    const upstream = http.request(
      { host: '127.0.0.1', port: target, method: request.method, path: request.url, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const findings = findingsOf(answer, body.toString('utf8'));
          if (findings !== undefined) {
            const list = violations.get(tag) ?? [];
            list.push({ method: request.method!, url: request.url!, status: answer.statusCode!, findings });
            violations.set(tag, list);
          }
          response.writeHead(answer.statusCode!, answer.headers);
          response.end(body);
        });
      },
    );
    upstream.on('error', (error) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`contract proxy: ${error.message}`);
    });
    request.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Starts Prism (`mock --errors`) over a patched copy of the document, and the recording proxy before it. */
export async function startMockServer(): Promise<MockServer> {
  const document = writePatchedDocument();
  const port = await freePort();
  const cli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const args = [cli, 'mock', '--errors', '-h', '127.0.0.1', '-p', String(port), '-v', 'warn', document.file];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const kill = () => child.exitCode === null && child.kill('SIGTERM');
  process.once('exit', kill);
  try {
    await waitUntilListening(port, child, () => output);
  } catch (error) {
    kill();
    document.remove();
    throw error;
  }
  const violations = new Map<string, Violation[]>();
  const proxy = await startProxy(port, violations);
  const { port: proxyPort } = proxy.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    violations,
    async stop() {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (kill()) await exited;
      process.removeListener('exit', kill);
      document.remove();
    },
  };
}
