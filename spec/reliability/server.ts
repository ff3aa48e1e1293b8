// A real node:http server on 127.0.0.1 for fault-injection specs: counts requests and open sockets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Connection, ConnectionOptions } from '../../lib/connection/connection.js';
import { testConnection } from '../support/fixtures.js';

/** What the server saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Answers the `n`th request (1-based). */
export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

export interface TestServer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request received, in order. */
  requests: SeenRequest[];
  /** Sockets open right now, the most ever open at once, and every connection ever accepted. */
  openSockets: number;
  maxSockets: number;
  connections: number;
  /** Replaces the handler (between phases of a test). */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/**
 * Starts a server on an ephemeral port of 127.0.0.1. The handler runs once the request body is read.
 * @example const server = await startServer((req, res) => res.end('{}'));
 */
export async function startServer(handler: Handler): Promise<TestServer> {
  let current = handler;
  const sockets = new Set<Socket>();
  const state = {
    url: '',
    requests: [] as SeenRequest[],
    openSockets: 0,
    maxSockets: 0,
    connections: 0,
    handle(next: Handler) {
      current = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
      state.requests.push({ ...seen, body: Buffer.concat(chunks).toString('utf8') });
      current(req, res, state.requests.length);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    state.connections += 1;
    state.openSockets += 1;
    state.maxSockets = Math.max(state.maxSockets, state.openSockets);
    socket.on('close', () => {
      sockets.delete(socket);
      state.openSockets -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** Sends a JSON answer. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** A Basic-auth connection to a test server, with fast retries unless the spec says otherwise. */
export function connectionTo(server: TestServer, options: Partial<ConnectionOptions> = {}): Connection {
  return testConnection({ baseUrl: server.url, retry: { baseDelay: 5, maxDelay: 50 }, ...options });
}

/** Records every event of a connection, in order. */
export function recordEvents(connection: Connection): Array<{ name: string } & Record<string, unknown>> {
  const seen: Array<{ name: string } & Record<string, unknown>> = [];
  for (const name of ['request', 'response', 'retry', 'error'] as const) {
    connection.on(name, (event) => seen.push({ name, ...event }));
  }
  return seen;
}

export { rejectionOf } from '../support/rejection.js';
