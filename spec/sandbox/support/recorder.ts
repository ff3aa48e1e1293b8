// A pass-through proxy in front of the sandbox that records every exchange, so a suite can validate each
// response the library received exactly as it went over the wire.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange } from './response-validator.js';

/** A running recorder: its URL (give it to a Connection as `baseUrl`), what it saw, and `close()`. */
export interface Recorder {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

/** Starts a proxy to `target` recording API exchanges (media downloads are passed through, not recorded). */
export async function startRecorder(target: string): Promise<Recorder> {
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const sent: Buffer[] = [];
    req.on('data', (chunk: Buffer) => sent.push(chunk));
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const raw = Buffer.concat(chunks);
          const path = new URL(req.url ?? '/', target).pathname;
          if (path.startsWith('/v2/') || path.startsWith('/oauth/')) {
            let body: unknown = raw.toString('utf8');
            try {
              body = JSON.parse(body as string);
            } catch {
              // kept as text: the check then reports a body that is not JSON
            }
            const json = String(req.headers['content-type'] ?? '').includes('json');
            const request = json && sent.length ? parse(Buffer.concat(sent).toString('utf8')) : undefined;
            exchanges.push({
              method: req.method ?? 'GET',
              path,
              status: answer.statusCode ?? 0,
              body,
              request,
            });
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(raw);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // malformed on purpose (a bad-input case): kept as text
  }
}
