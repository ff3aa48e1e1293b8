// A local webhook receiver for specs: records each delivery (headers and parsed body) and answers with the
// statuses a spec queues (200 once the queue is empty).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  /** The path the delivery was posted to (receivers tell webhooks apart by it). */
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    app: { id: string };
    webhook: { id: string; version: string };
    events: Array<Record<string, unknown>>;
  };
}

export interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Statuses to answer with, in order, before answering 200. */
  statuses: number[];
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1. */
export async function startReceiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({
        path: req.url ?? '/',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    statuses,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
