/**
 * smooch-core, the official legacy v1 client (node-fetch 1), against the canned server's v1.1 routes, as
 * installed and with a keep-alive agent given (`httpAgent`). Each scenario uses its nearest v1 call:
 * (a)/(b) appUsers.get -> GET /v1.1/appusers/{id}; (d) appUsers.getMessages with `before` timestamps ->
 * GET /v1.1/appusers/{id}/messages (100 per page, newest first). (c) has no v1 counterpart: v1 never paged
 * a user's clients (they came inline in the appUser).
 */
import http from 'node:http';
import https from 'node:https';
import SmoochCore from 'smooch-core';
import { type Adapter, runWorker } from '../driver.js';
import { KEY_ID, SECRET, USER_ID } from '../shared.js';

interface V1Message {
  _id: string;
  received: number;
}
interface Smooch {
  appUsers: {
    get(userId: string): Promise<{ appUser: { _id: string } }>;
    getMessages(
      userId: string,
      query?: { before: number },
    ): Promise<{ messages: V1Message[]; previous?: string }>;
  };
}
type SmoochClass = new (options: object) => Smooch;

let smooch: Smooch;

const adapter: Adapter = {
  notApplicable: { c: 'v1 has no paginated list of a user’s clients (they come inline in the appUser)' },
  setup(target) {
    const httpAgent =
      target.variant === 'keepalive'
        ? target.proto === 'https'
          ? new https.Agent({ keepAlive: true })
          : new http.Agent({ keepAlive: true })
        : undefined;
    smooch = new (SmoochCore as unknown as SmoochClass)({
      keyId: KEY_ID,
      secret: SECRET,
      scope: 'app',
      serviceUrl: target.baseUrl,
      httpAgent,
    });
  },
  async findUser(id) {
    return (await smooch.appUsers.get(id)).appUser._id;
  },
  async walkMessages(_conversationId, onItem) {
    // v1 has one conversation per user: the history is read through the user.
    let before: number | undefined;
    for (;;) {
      const body = await smooch.appUsers.getMessages(USER_ID, before ? { before } : undefined);
      for (const message of body.messages) onItem(message._id);
      if (!body.previous || body.messages.length === 0) break;
      before = body.messages[0]!.received;
    }
  },
};

await runWorker(adapter);
