// A sandbox per suite, with connections that act as its account key, its app key, or any key it issued.
import { Connection, type ConnectionOptions } from '../../../lib/connection/connection.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../../lib/sandbox/index.js';

export interface SandboxFixture {
  sandbox: Sandbox;
  /** The base URL connections use (the sandbox, or a recorder in front of it). */
  baseUrl: string;
  /** A connection with the sandbox's app key, acting on its app. */
  app(options?: Partial<ConnectionOptions>): Connection;
  /** A connection with the sandbox's account key (no default app). */
  account(options?: Partial<ConnectionOptions>): Connection;
}

/** Starts a sandbox in `before` and closes it in `after`; `fixture()` gives it to the tests. */
export function useSandbox(
  options: SandboxOptions & { via?: (url: string) => Promise<string> } = {},
): () => SandboxFixture {
  let fixture: SandboxFixture | undefined;
  before(async () => {
    const sandbox = await startSandbox({ deliveries: { backoffMs: 10 }, ...options });
    const baseUrl = options.via ? await options.via(sandbox.url) : sandbox.url;
    const base = { baseUrl, retry: { limit: 0 } };
    fixture = {
      sandbox,
      baseUrl,
      app: (changes = {}) =>
        new Connection({
          keyId: sandbox.keyId,
          secret: sandbox.secret,
          appId: sandbox.appId,
          ...base,
          ...changes,
        }),
      account: (changes = {}) =>
        new Connection({ keyId: sandbox.accountKeyId, secret: sandbox.accountSecret, ...base, ...changes }),
    };
  });
  after(async () => {
    await fixture?.sandbox.close();
  });
  return () => {
    if (!fixture) throw new Error('The sandbox is not started: call useSandbox() inside describe()');
    return fixture;
  };
}

export { rejectionOf } from '../../support/rejection.js';
