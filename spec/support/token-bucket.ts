// A real node:http server on 127.0.0.1 that enforces a token bucket, as the API's rate limit does: `rate`
// tokens a second, at most `burst` saved; a request without a token is answered 429. It counts what it
// processed per message id (a body's `content.text`), so duplicates are seen. Used by the throttle specs and
// the rate-limit benchmark (bench/rate-limit/).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface BucketOptions {
  /** Tokens per second. */
  rate: number;
  /** Most tokens saved (and the first burst). */
  burst: number;
  /** The `Retry-After` value of a 429, or undefined for none. */
  retryAfter?: string;
  /** Delays every answer by this many ms (holds a slot of the client). */
  latencyMs?: number;
}

export interface BucketServer {
  url: string;
  /** Requests received, 429s answered, and how many times each message text was processed. */
  readonly requests: number;
  readonly refused: number;
  readonly processed: Map<string, number>;
  /** Time (ms since start) of each request, and whether it was accepted, for rate charts. */
  readonly log: Array<{ at: number; ok: boolean }>;
  /** Processed texts seen more than once. */
  duplicates(): number;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. @example const api = await startBucketServer({ rate: 500, burst: 50 }); */
export async function startBucketServer(options: BucketOptions): Promise<BucketServer> {
  const started = performance.now();
  let tokens = options.burst;
  let refilled = started;
  const sockets = new Set<Socket>();
  const state = {
    url: '',
    requests: 0,
    refused: 0,
    processed: new Map<string, number>(),
    log: [] as Array<{ at: number; ok: boolean }>,
    duplicates: () => [...state.processed.values()].filter((n) => n > 1).length,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const take = (): boolean => {
    const now = performance.now();
    tokens = Math.min(options.burst, tokens + ((now - refilled) * options.rate) / 1000);
    refilled = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
  const answer = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    state.requests += 1;
    const ok = take();
    state.log.push({ at: performance.now() - started, ok });
    if (!ok) {
      state.refused += 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.retryAfter !== undefined) headers['retry-after'] = options.retryAfter;
      res.writeHead(429, headers);
      res.end(JSON.stringify({ errors: [{ code: 'too_many_requests', title: 'Too many requests' }] }));
      return;
    }
    const text = textOf(body) ?? `${req.method} ${req.url}`;
    state.processed.set(text, (state.processed.get(text) ?? 0) + 1);
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        messages: [{ id: `m${state.requests}`, type: 'text', content: { type: 'text', text } }],
      }),
    );
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (options.latencyMs) setTimeout(() => answer(req, res, body), options.latencyMs);
      else answer(req, res, body);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function textOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { content?: { text?: string } }).content?.text;
  } catch {
    return undefined;
  }
}
