/**
 * `npm run example`: runs examples/quickstart.ts against the built-in sandbox, or against the real API when
 * SMOOCH_KEY_ID, SMOOCH_SECRET and SMOOCH_APP_ID are set (then SMOOCH_ACCOUNT_KEY_ID / SMOOCH_ACCOUNT_SECRET,
 * if set too, provision a new app first; SMOOCH_BASE_URL or SMOOCH_REGION pick the host).
 */
import { Connection, type Region } from '../lib/index.js';
import { startSandbox } from '../lib/sandbox/index.js';
import { quickstart } from './quickstart.js';

async function main(): Promise<void> {
  const { SMOOCH_KEY_ID, SMOOCH_SECRET, SMOOCH_APP_ID, SMOOCH_ACCOUNT_KEY_ID, SMOOCH_ACCOUNT_SECRET } =
    process.env;
  if (SMOOCH_KEY_ID && SMOOCH_SECRET && SMOOCH_APP_ID) {
    const host = {
      baseUrl: process.env.SMOOCH_BASE_URL || undefined,
      region: (process.env.SMOOCH_REGION || undefined) as Region | undefined,
    };
    console.log(`real API: ${host.baseUrl ?? host.region ?? 'us'} (app ${SMOOCH_APP_ID})`);
    const app = new Connection({
      keyId: SMOOCH_KEY_ID,
      secret: SMOOCH_SECRET,
      appId: SMOOCH_APP_ID,
      ...host,
    });
    const account =
      SMOOCH_ACCOUNT_KEY_ID && SMOOCH_ACCOUNT_SECRET
        ? new Connection({ keyId: SMOOCH_ACCOUNT_KEY_ID, secret: SMOOCH_ACCOUNT_SECRET, ...host })
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
