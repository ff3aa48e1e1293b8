/**
 * The canned API server of the benchmark, run in its own process so its CPU is never the client's.
 * It answers the few v2 (and legacy v1.1) routes the scenarios use, over plain HTTP and over HTTPS with the
 * certificate run.ts made, and counts what the real API charges dearly for: new TCP connections, TLS
 * handshakes, distinct Authorization values. A third, uncounted port serves those counters to the runners.
 *
 * Usage: node server.mjs <cert.pem> <key.pem>; prints one JSON line {http, https, control} with the ports.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  CLIENT_COUNT,
  CONVERSATION_ID,
  MESSAGE_COUNT,
  MESSAGE_PAGE,
  USER_ID,
  APP_ID,
  hexId,
  indexOf,
} from './shared.js';
import { clientJson, messageJson, userBody, v1AppUserBody, v1MessageJson, v1Received } from './fixtures.js';

const counters = {
  httpConnections: 0,
  httpsConnections: 0,
  tlsHandshakes: 0,
  tlsResumed: 0,
  requests: 0,
  unauthorized: 0,
  badRequests: 0,
};
let authValues = new Set<string>();

type Query = URLSearchParams;
interface Answer {
  status: number;
  body: string | Buffer;
}

const notFound = (what: string): Answer => ({
  status: 404,
  body: JSON.stringify({ errors: [{ code: 'not_found', title: `${what} not found` }] }),
});
const badRequest = (title: string): Answer => {
  counters.badRequests++;
  return { status: 400, body: JSON.stringify({ errors: [{ code: 'bad_request', title }] }) };
};

// Pages are rendered once and reused: the server's CPU should go to HTTP and TLS, not to JSON.
const clientPages = new Map<string, Buffer>();
const messagePages = new Map<string, Buffer>();
const v1MessagePages = new Map<string, Buffer>();
const CACHE_LIMIT = 10_000;

function pageSizeOf(query: Query): number | Answer {
  const raw = query.get('page[size]');
  if (raw === null) return 25;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 100) return badRequest('page[size] must be 1-100');
  return size;
}

function listClients(base: string, appId: string, userId: string, query: Query): Answer {
  if (query.has('page[after]') && query.has('page[before]')) return badRequest('only one cursor');
  const size = pageSizeOf(query);
  if (typeof size !== 'number') return size;
  const after = query.get('page[after]');
  const start = after === null ? 0 : indexOf(after) + 1;
  if (Number.isNaN(start)) return badRequest('bad cursor');
  const key = `${userId}|${start}|${size}`;
  let body = clientPages.get(key);
  if (!body) {
    const end = Math.min(CLIENT_COUNT, start + size);
    const items: string[] = [];
    for (let i = start; i < end; i++) items.push(clientJson(i));
    const hasMore = end < CLIENT_COUNT;
    const last = hexId(end - 1);
    const self = `${base}/v2/apps/${appId}/users/${encodeURIComponent(userId)}/clients`;
    const meta = hasMore
      ? `{"hasMore":true,"afterCursor":"${last}","beforeCursor":"${hexId(start)}"}`
      : `{"hasMore":false,"beforeCursor":"${hexId(start)}"}`;
    const links = hasMore ? `{"next":"${self}?page[after]=${last}&page[size]=${size}"}` : '{}';
    body = Buffer.from(`{"clients":[${items.join(',')}],"meta":${meta},"links":${links}}`);
    if (clientPages.size < CACHE_LIMIT) clientPages.set(key, body);
  }
  return { status: 200, body };
}

/** ListMessages: newest page first, each page in chronological order, fixed size 100, `page[before]`. */
function listMessages(base: string, appId: string, conversationId: string, query: Query): Answer {
  if (query.has('page[after]') && query.has('page[before]')) return badRequest('only one cursor');
  const before = query.get('page[before]');
  const end = before === null ? MESSAGE_COUNT : indexOf(before);
  if (Number.isNaN(end) || end < 0 || end > MESSAGE_COUNT) return badRequest('bad cursor');
  const start = Math.max(0, end - MESSAGE_PAGE);
  const key = `${base}|${conversationId}|${end}`;
  let body = messagePages.get(key);
  if (!body) {
    const items: string[] = [];
    for (let i = start; i < end; i++) items.push(messageJson(i));
    const self = `${base}/v2/apps/${appId}/conversations/${encodeURIComponent(conversationId)}/messages`;
    const hasMore = start > 0;
    const meta = hasMore
      ? `{"hasMore":true,"beforeCursor":"${hexId(start)}"}`
      : `{"hasMore":false${end < MESSAGE_COUNT ? `,"afterCursor":"${hexId(end - 1)}"` : ''}}`;
    const links = hasMore ? `{"prev":"${self}?page[before]=${hexId(start)}"}` : '{}';
    body = Buffer.from(`{"messages":[${items.join(',')}],"meta":${meta},"links":${links}}`);
    if (messagePages.size < CACHE_LIMIT) messagePages.set(key, body);
  }
  return { status: 200, body };
}

/** Legacy v1.1 history: `?before=<unix seconds>`, 100 per page, `previous` while older ones exist. */
function v1Messages(base: string, userId: string, query: Query): Answer {
  const raw = query.get('before');
  let end = MESSAGE_COUNT;
  if (raw !== null) {
    const before = Number(raw);
    if (!Number.isFinite(before)) return badRequest('before must be a timestamp');
    end = Math.max(0, Math.min(MESSAGE_COUNT, Math.ceil(before - v1Received(0))));
  }
  const start = Math.max(0, end - MESSAGE_PAGE);
  const key = `${base}|${userId}|${end}`;
  let body = v1MessagePages.get(key);
  if (!body) {
    const items: string[] = [];
    for (let i = start; i < end; i++) items.push(v1MessageJson(i));
    const previous =
      start > 0
        ? `,"previous":"${base}/v1.1/appusers/${encodeURIComponent(userId)}/messages?before=${v1Received(start)}"`
        : '';
    body = Buffer.from(
      `{"conversation":{"_id":"${hexId(7)}","unreadCount":0},"messages":[${items.join(',')}]${previous}}`,
    );
    if (v1MessagePages.size < CACHE_LIMIT) v1MessagePages.set(key, body);
  }
  return { status: 200, body };
}

function route(base: string, method: string, pathname: string, query: Query): Answer {
  if (method !== 'GET') return { status: 405, body: '{"errors":[{"code":"method_not_allowed"}]}' };
  const parts = pathname.split('/').map((part) => decodeURIComponent(part));
  // v2: /v2/apps/{appId}/users/{id}[/clients] and /v2/apps/{appId}/conversations/{id}[/messages]
  if (parts[1] === 'v2' && parts[2] === 'apps' && parts.length >= 6) {
    const [, , , appId, kind, id, sub] = parts;
    if (kind === 'users' && parts.length === 6) return { status: 200, body: userBody(id!) };
    if (kind === 'users' && sub === 'clients' && parts.length === 7)
      return listClients(base, appId!, id!, query);
    if (kind === 'conversations' && parts.length === 6) {
      return {
        status: 200,
        body: `{"conversation":{"id":${JSON.stringify(id)},"type":"personal","isDefault":true,"displayName":null,"metadata":{},"createdAt":"2021-03-04T12:00:00.000Z"}}`,
      };
    }
    if (kind === 'conversations' && sub === 'messages' && parts.length === 7)
      return listMessages(base, appId!, id!, query);
  }
  // v1.1 (smooch-core, app scope): /v1.1/appusers/{id}[/messages]
  if (parts[1] === 'v1.1' && parts[2] === 'appusers') {
    if (parts.length === 4) return { status: 200, body: v1AppUserBody(parts[3]!) };
    if (parts.length === 5 && parts[4] === 'messages') return v1Messages(base, parts[3]!, query);
  }
  return notFound(pathname);
}

function handler(base: () => string) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    counters.requests++;
    const auth = req.headers.authorization;
    let answer: Answer;
    if (!auth || !/^(Bearer|Basic) \S+$/.test(auth)) {
      counters.unauthorized++;
      answer = {
        status: 401,
        body: '{"errors":[{"code":"unauthorized","title":"Authorization is required"}]}',
      };
    } else {
      authValues.add(auth);
      const url = req.url ?? '/';
      const mark = url.indexOf('?');
      const pathname = mark === -1 ? url : url.slice(0, mark);
      const query = new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1));
      try {
        answer = route(base(), req.method ?? 'GET', pathname, query);
      } catch {
        answer = badRequest('malformed request');
      }
    }
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
    // Bodies are ignored (every route is a GET); drain anything sent anyway.
    req.resume();
  };
}

function control(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method === 'POST' && req.url === '/reset') authValues = new Set();
  if (req.method === 'POST' && req.url === '/exit') {
    res.end('{}', () => process.exit(0));
    return;
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ...counters, distinctAuthorization: authValues.size }));
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

async function main(): Promise<void> {
  const [certFile, keyFile] = process.argv.slice(2);
  if (!certFile || !keyFile) throw new Error('usage: server <cert.pem> <key.pem>');
  let httpPort = 0;
  let httpsPort = 0;
  const plain = http.createServer(
    { keepAliveTimeout: 60_000 },
    handler(() => `http://127.0.0.1:${httpPort}`),
  );
  const secure = https.createServer(
    { cert: readFileSync(certFile), key: readFileSync(keyFile), keepAliveTimeout: 60_000 },
    handler(() => `https://127.0.0.1:${httpsPort}`),
  );
  plain.on('connection', () => counters.httpConnections++);
  secure.on('connection', (_socket: Socket) => counters.httpsConnections++);
  secure.on('secureConnection', (socket: TLSSocket) => {
    counters.tlsHandshakes++;
    if (socket.isSessionReused()) counters.tlsResumed++;
  });
  // Node's keepAliveTimeout option is only honoured from the property on some versions: set both.
  plain.keepAliveTimeout = secure.keepAliveTimeout = 60_000;
  plain.headersTimeout = secure.headersTimeout = 65_000;
  const controlServer = http.createServer(control);
  httpPort = await listen(plain);
  httpsPort = await listen(secure);
  const controlPort = await listen(controlServer);
  // Render the pages of the benchmark's user and conversation up front, so that no runner's timed section
  // competes with the server rendering them (the machine has 2 cores).
  for (const base of [`http://127.0.0.1:${httpPort}`, `https://127.0.0.1:${httpsPort}`]) {
    for (let end = MESSAGE_COUNT; end > 0; end -= MESSAGE_PAGE) {
      const before = end === MESSAGE_COUNT ? '' : `page[before]=${hexId(end)}`;
      listMessages(base, APP_ID, CONVERSATION_ID, new URLSearchParams(before));
      v1Messages(
        base,
        USER_ID,
        new URLSearchParams(end === MESSAGE_COUNT ? '' : `before=${v1Received(end)}`),
      );
    }
    for (let start = 0; start < CLIENT_COUNT; start += 100) {
      const after = start === 0 ? '' : `page[after]=${hexId(start - 1)}&`;
      listClients(base, APP_ID, USER_ID, new URLSearchParams(`${after}page[size]=100`));
    }
  }
  process.stdout.write(`${JSON.stringify({ http: httpPort, https: httpsPort, control: controlPort })}\n`);
  // Stop by ourselves if the orchestrator dies.
  process.on('disconnect', () => process.exit(0));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
