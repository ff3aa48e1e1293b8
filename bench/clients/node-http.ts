/**
 * The platform floor: node:http / node:https with a keep-alive agent, JSON.parse of the collected body, no
 * retries, no hydration. Nothing written in JavaScript can do the same requests with less.
 */
import http from 'node:http';
import https from 'node:https';
import { type Adapter, runWorker } from '../driver.js';
import { bearer } from '../jwt.js';
import { APP_ID, CLIENT_PAGE } from '../shared.js';

type Json = Record<string, unknown> & {
  meta?: { hasMore?: boolean; afterCursor?: string; beforeCursor?: string };
};

let agent: http.Agent;
let request: typeof http.request;
let host = '';
let port = 0;
const headers = { authorization: '', accept: 'application/json' };

function getJson(path: string): Promise<Json> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`GET ${path} answered ${res.statusCode}: ${text}`));
        else resolve(JSON.parse(text) as Json);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const adapter: Adapter = {
  setup(target) {
    const url = new URL(target.baseUrl);
    host = url.hostname;
    port = Number(url.port);
    headers.authorization = bearer();
    const secure = target.proto === 'https';
    agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    request = (secure ? https.request : http.request) as typeof http.request;
  },
  async findUser(id) {
    const body = await getJson(`/v2/apps/${APP_ID}/users/${encodeURIComponent(id)}`);
    return (body.user as { id: string }).id;
  },
  async listClients(userId, onItem) {
    const path = `/v2/apps/${APP_ID}/users/${encodeURIComponent(userId)}/clients?page[size]=${CLIENT_PAGE}`;
    let cursor: string | undefined;
    do {
      const body = await getJson(cursor ? `${path}&page[after]=${cursor}` : path);
      for (const client of body.clients as { id: string }[]) onItem(client.id);
      cursor = body.meta?.hasMore ? body.meta.afterCursor : undefined;
    } while (cursor);
  },
  async walkMessages(conversationId, onItem) {
    const path = `/v2/apps/${APP_ID}/conversations/${encodeURIComponent(conversationId)}/messages`;
    let cursor: string | undefined;
    do {
      const body = await getJson(cursor ? `${path}?page[before]=${cursor}` : path);
      for (const message of body.messages as { id: string }[]) onItem(message.id);
      cursor = body.meta?.hasMore ? body.meta.beforeCursor : undefined;
    } while (cursor);
  },
};

await runWorker(adapter);
