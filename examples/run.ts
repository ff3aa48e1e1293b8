/**
 * `npm run example`: runs examples/quickstart.ts against the built-in sandbox, or against the real API when
 * SMOOCH_KEY_ID, SMOOCH_SECRET and SMOOCH_APP_ID are set (then SMOOCH_ACCOUNT_KEY_ID / SMOOCH_ACCOUNT_SECRET,
 * if set too, provision a new app first; SMOOCH_BASE_URL or SMOOCH_REGION pick the host).
 */
import { Connection } from '../lib/index.js';
import { startSandbox } from '../lib/sandbox/index.js';
import { quickstart } from './quickstart.js';

async function main(): Promise<void> {
  // The library's one rule for the environment: SMOOCH_KEY_ID, SMOOCH_SECRET, SMOOCH_APP_ID, and
  // SMOOCH_REGION or SMOOCH_BASE_URL (an incomplete set is a ConfigurationError naming what is missing).
  const app = Connection.fromEnvironment();
  if (app) {
    console.log(`real API: ${app.baseUrl} (app ${app.appId})`);
    const { SMOOCH_ACCOUNT_KEY_ID, SMOOCH_ACCOUNT_SECRET } = process.env;
    const account =
      SMOOCH_ACCOUNT_KEY_ID && SMOOCH_ACCOUNT_SECRET
        ? app.with({ keyId: SMOOCH_ACCOUNT_KEY_ID, secret: SMOOCH_ACCOUNT_SECRET, appId: undefined })
        : undefined;
    if (!account)
      console.log('1. provisioning: skipped (set SMOOCH_ACCOUNT_KEY_ID and SMOOCH_ACCOUNT_SECRET)');
    await quickstart({ app, account, localWebhooks: false });
  } else {
    const sandbox = await startSandbox();
    console.log(
      `sandbox: ${sandbox.url} (in memory; set SMOOCH_KEY_ID, SMOOCH_SECRET, SMOOCH_APP_ID for the real API)`,
    );
    try {
      const account = new Connection({
        keyId: sandbox.accountKeyId,
        secret: sandbox.accountSecret,
        baseUrl: sandbox.url,
      });
      await quickstart({ account, localWebhooks: true });
    } finally {
      await sandbox.close();
    }
  }
  console.log('done');
}

main().catch((error: unknown) => {
  console.error(`example failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
