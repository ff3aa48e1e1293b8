/**
 * sunshine-conversations-client, the official v2 client (OpenAPI-generated, superagent), as its README sets it
 * up (the shared ApiClient.instance, a Bearer token), and with a keep-alive agent given (`requestAgent`).
 *
 * Quirk measured in (c): its ApiClient.normalizeParams sends only the FIRST key of the `page` object, so
 * `page[after]` and `page[size]` cannot go together. Pages after the first are the API's default 25 items.
 */
import http from 'node:http';
import https from 'node:https';
import Sunshine from 'sunshine-conversations-client';
import { type Adapter, runWorker } from '../driver.js';
import { bearer } from '../jwt.js';
import { APP_ID, CLIENT_PAGE } from '../shared.js';

interface Meta {
  meta: { hasMore: boolean; afterCursor?: string; beforeCursor?: string };
}
interface ApiClient {
  basePath: string;
  requestAgent: http.Agent | null;
  authentications: { bearerAuth: { accessToken: string } };
}
interface Apis {
  ApiClient: { instance: ApiClient };
  UsersApi: new () => { getUser(appId: string, id: string): Promise<{ user: { id: string } }> };
  ClientsApi: new () => {
    listClients(appId: string, user: string, opts: object): Promise<Meta & { clients: { id: string }[] }>;
  };
  MessagesApi: new () => {
    listMessages(appId: string, cid: string, opts: object): Promise<Meta & { messages: { id: string }[] }>;
  };
}

const sdk = Sunshine as unknown as Apis;
let users: InstanceType<Apis['UsersApi']>;
let clients: InstanceType<Apis['ClientsApi']>;
let messages: InstanceType<Apis['MessagesApi']>;
let clientRequests = 0;

const adapter: Adapter = {
  setup(target) {
    const client = sdk.ApiClient.instance;
    client.basePath = target.baseUrl;
    client.authentications.bearerAuth.accessToken = bearer().slice('Bearer '.length);
    if (target.variant === 'keepalive') {
      client.requestAgent =
        target.proto === 'https' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    }
    users = new sdk.UsersApi();
    clients = new sdk.ClientsApi();
    messages = new sdk.MessagesApi();
  },
  async findUser(id) {
    return (await users.getUser(APP_ID, id)).user.id;
  },
  async listClients(userId, onItem) {
    let cursor: string | undefined;
    do {
      // Only one key of `page` is sent (see the file comment): size on the first page, the cursor after.
      const page = cursor ? { after: cursor } : { size: CLIENT_PAGE };
      const body = await clients.listClients(APP_ID, userId, { page });
      clientRequests++;
      for (const item of body.clients) onItem(item.id);
      cursor = body.meta.hasMore ? body.meta.afterCursor : undefined;
    } while (cursor);
  },
  async walkMessages(conversationId, onItem) {
    let cursor: string | undefined;
    do {
      const opts = cursor ? { page: { before: cursor } } : {};
      const body = await messages.listMessages(APP_ID, conversationId, opts);
      for (const message of body.messages) onItem(message.id);
      cursor = body.meta.hasMore ? body.meta.beforeCursor : undefined;
    } while (cursor);
  },
  extra: () =>
    clientRequests > 0
      ? { note: 'sends page[size] on the first page only: later pages hold 25 clients (more requests)' }
      : {},
};

await runWorker(adapter);
