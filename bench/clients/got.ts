/**
 * Our transport's floor: raw got 14 with a keep-alive agent, `responseType: 'json'`, got's default retry,
 * and a token signed once. smooch-record adds its model layer on top of exactly this.
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

const adapter: Adapter = {
  setup(target) {
    client = got.extend({
      prefixUrl: target.baseUrl,
      responseType: 'json',
      headers: { authorization: bearer(), accept: 'application/json' },
      agent: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
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
};

await runWorker(adapter);
