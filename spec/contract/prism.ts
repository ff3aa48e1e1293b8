/**
 * The contract harness: specs that send real requests to a Prism mock (`prism mock --errors`) of the official
 * OpenAPI document, so every call proves its method, path, query, auth and body are ones the API documents.
 *
 * API (stable: every `spec/contract/*.contract.spec.ts` uses it):
 *
 *   import { describeContract } from './prism.js';
 *   describeContract('users', (ctx) => {
 *     it('CreateUser', async () => {
 *       const user = await AppUser.create({ externalId: 'b6518' }, { connection: ctx.connection(), appId: ctx.appId });
 *     });
 *   });
 *
 * - `ctx.connection(options?)`: a Connection to the mock (Basic auth, account key `act_contract`, app `ctx.appId`,
 *   no retries); `options` change any of that, e.g. `{ auth: 'jwt' }` or `{ keyId: 'app_contract' }`. A call
 *   Prism rejects (a 4xx from Prism, or an `sl-violations` header, also on a 2xx) rejects with a
 *   `ContractViolationError` listing Prism's findings. Connections made from it (`with()`, `Key#connect()`)
 *   are checked the same way; any other request reaching the mock fails the test in an `afterEach`.
 * - `ctx.appId`: an app id for paths (the mock accepts any).
 * - `ctx.url()`: the mock's base URL, for a spec that needs a raw client.
 * Prism starts once, lazily, before the first contract suite that runs, and stops after the whole run. When the
 * document is absent (no `SMOOCH_OPENAPI_SPEC`, nothing at ../shared/spec/) the suites are skipped with a
 * message saying why; a `SMOOCH_OPENAPI_SPEC` that points nowhere is an error, so CI can never skip silently.
 */
import { randomUUID } from 'node:crypto';
import { Connection, type ConnectionOptions, type RequestOptions } from '../../lib/connection/connection.js';
import { describeWithDocument } from '../support/with-document.js';
import { type MockServer, startMockServer, TAG_HEADER, type Violation } from './prism-server.js';

export type { Violation } from './prism-server.js';

/** What a contract suite gets. */
export interface ContractContext {
  connection(options?: Partial<ConnectionOptions>): Connection;
  appId: string;
  url(): string;
}

/** A request the OpenAPI document does not allow. */
export class ContractViolationError extends Error {
  override name = 'ContractViolationError';
  constructor(readonly violations: Violation[]) {
    super(
      `Prism rejected ${violations.length} request(s):\n` +
        violations
          .map((v) => `  ${v.method} ${v.url} -> ${v.status}: ${JSON.stringify(v.findings, null, 1)}`)
          .join('\n'),
    );
  }
}

const APP_ID = '5d8cff3cd55b040010928b5b';
let server: Promise<MockServer> | undefined;

function mockServer(): Promise<MockServer> {
  server ??= startMockServer();
  return server;
}

// A root hook (registered when the first contract spec imports this module): stop Prism after the whole run.
after(async () => {
  if (server) await (await server).stop();
});

/** A Connection whose every call is checked against Prism's findings for that call. */
class ContractConnection extends Connection {
  readonly #options: ConnectionOptions;
  readonly #mock: MockServer;

  constructor(options: ConnectionOptions, mock: MockServer) {
    super(options);
    this.#options = options;
    this.#mock = mock;
  }

  override async request<T = Record<string, unknown>>(options: RequestOptions): Promise<T> {
    const tag = randomUUID();
    const headers = { ...options.headers, [TAG_HEADER]: tag };
    let result: T;
    try {
      result = await super.request<T>({ ...options, headers });
    } catch (error) {
      this.#check(tag);
      throw error;
    }
    this.#check(tag);
    return result;
  }

  override with(changes: Partial<ConnectionOptions>): Connection {
    return new ContractConnection({ ...this.#options, ...changes }, this.#mock);
  }

  #check(tag: string): void {
    const found = this.#mock.violations.get(tag);
    this.#mock.violations.delete(tag);
    if (found) throw new ContractViolationError(found);
  }
}

/**
 * A mocha suite run against the Prism mock; skipped, saying why, when the OpenAPI document is absent.
 * @example describeContract('apps', (ctx) => { it('CreateApp', () => App.create({ displayName: 'A' }, { connection: ctx.connection() })); });
 */
export function describeContract(title: string, fn: (ctx: ContractContext) => void): void {
  describeWithDocument(`contract: ${title}`, function () {
    this.timeout(40_000); // the first suite waits for Prism to start; every later call is local and fast
    let mock: MockServer | undefined;
    before(async () => {
      mock = await mockServer();
    });
    afterEach(() => {
      const stray = mock?.violations.get('');
      mock?.violations.clear();
      if (stray) throw new ContractViolationError(stray);
    });
    fn({
      appId: APP_ID,
      url: () => ready(mock).url,
      connection: (options = {}) =>
        new ContractConnection(
          {
            keyId: 'act_contract',
            secret: 'test-secret-not-real',
            appId: APP_ID,
            auth: 'basic',
            retry: { limit: 0 },
            ...options,
            baseUrl: ready(mock).url,
          },
          ready(mock),
        ),
    });
  });
}

function ready(mock: MockServer | undefined): MockServer {
  if (!mock)
    throw new Error('The Prism mock is not started yet: call ctx.connection() inside a test or hook');
  return mock;
}
