/**
 * Our transport's floor: raw got 14 with a keep-alive agent, `responseType: 'json'`, got's default retry,
 * and a token signed once. smooch-record adds its model layer on top of exactly this. The `timeout` variant
 * adds the one transport setting smooch-record has by default and raw got has not: a 30 s per-attempt timeout
 * (got's `timeout.request`), so the cost of that timeout can be told from the library's own.
 */
import http from 'node:http';
import https from 'node:https';
import got, { type Got } from 'got';
import { type Adapter, runWorker } from '../driver.js';
import { bearer } from '../jwt.js';
import { APP_ID, CLIENT_PAGE } from '../shared.js';

interface Meta {
  meta: { hasMore: boolean; afterCursor?: string; beforeCursor?: string };
}

let client: Got;
const withTimeout = process.env.BENCH_VARIANT === 'timeout';
const ONLY_FINDS = 'run in (a) and (b) only, where target 1 is measured';

const adapter: Adapter = {
  setup(target) {
    client = got.extend({
      prefixUrl: target.baseUrl,
      responseType: 'json',
      headers: { authorization: bearer(), accept: 'application/json' },
      agent: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
      ...(withTimeout ? { timeout: { request: 30_000 } } : {}),
    });
  },
  async findUser(id) {
    const { body } = await client.get<{ user: { id: string } }>(
      `v2/apps/${APP_ID}/users/${encodeURIComponent(id)}`,
    );
    return body.user.id;
  },
  async listClients(userId, onItem) {
    const path = `v2/apps/${APP_ID}/users/${encodeURIComponent(userId)}/clients`;
    let cursor: string | undefined;
    do {
      const searchParams: Record<string, string | number> = { 'page[size]': CLIENT_PAGE };
      if (cursor) searchParams['page[after]'] = cursor;
      const { body } = await client.get<Meta & { clients: { id: string }[] }>(path, { searchParams });
      for (const item of body.clients) onItem(item.id);
      cursor = body.meta.hasMore ? body.meta.afterCursor : undefined;
    } while (cursor);
  },
  async walkMessages(conversationId, onItem) {
    const path = `v2/apps/${APP_ID}/conversations/${encodeURIComponent(conversationId)}/messages`;
    let cursor: string | undefined;
    do {
      const searchParams = cursor ? { 'page[before]': cursor } : undefined;
      const { body } = await client.get<Meta & { messages: { id: string }[] }>(path, { searchParams });
      for (const message of body.messages) onItem(message.id);
      cursor = body.meta.hasMore ? body.meta.beforeCursor : undefined;
    } while (cursor);
  },
  notApplicable: withTimeout ? { c: ONLY_FINDS, d: ONLY_FINDS } : undefined,
};

await runWorker(adapter);
