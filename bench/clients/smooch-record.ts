/**
 * This library, loaded from the entry run.ts names (the built dist/ by default, what users run), configured
 * the way its README says: `configure({ keyId, secret, appId, baseUrl })`, then the models. No agent is given:
 * the keep-alive pool is the library's own.
 */
import { pathToFileURL } from 'node:url';
import { type Adapter, runWorker } from '../driver.js';
import { APP_ID, CLIENT_PAGE, CONCURRENCY, KEY_ID, SECRET } from '../shared.js';

interface Identified {
  id: string;
}
type Lazy<T> = AsyncIterable<T>;
interface Library {
  configure(options: object): { authorizer?: { signatures: number } };
  AppUser: { find(id: string): Promise<Identified> };
  Client: { all(user: string, options: object): Lazy<Identified> };
  Conversation: { find(id: string): Promise<Identified & { messages(): Lazy<Identified> }> };
}

// The wide-pool variant differs only where calls wait for a socket: (b), 64 calls in flight against the
// default pool of 50 sockets. Sequential scenarios use one socket either way.
const widePool = process.env.BENCH_VARIANT === 'wide-pool';
const SAME = 'one socket in use, as with the default pool (see the smooch-record row)';

const entry = process.env.BENCH_LIB_ENTRY;
if (!entry) throw new Error('BENCH_LIB_ENTRY (the library entry point) is required');
const lib = (await import(pathToFileURL(entry).href)) as Library;

let connection: ReturnType<Library['configure']>;
let conversation: Awaited<ReturnType<Library['Conversation']['find']>> | undefined;

const adapter: Adapter = {
  setup(target) {
    connection = lib.configure({
      ...{ keyId: KEY_ID, secret: SECRET, appId: APP_ID, baseUrl: target.baseUrl },
      ...(widePool ? { maxSockets: CONCURRENCY } : {}),
    });
  },
  async findUser(id) {
    return (await lib.AppUser.find(id)).id;
  },
  async listClients(userId, onItem) {
    for await (const client of lib.Client.all(userId, { pageSize: CLIENT_PAGE })) onItem(client.id);
  },
  async walkMessages(conversationId, onItem) {
    // Found once (during the warm-up), as an application holding a conversation would.
    conversation ??= await lib.Conversation.find(conversationId);
    for await (const message of conversation.messages()) onItem(message.id);
  },
  extra: () => ({ jwtSignatures: connection?.authorizer?.signatures }),
  notApplicable: widePool ? { a: SAME, c: SAME, d: SAME } : undefined,
};

await runWorker(adapter);
