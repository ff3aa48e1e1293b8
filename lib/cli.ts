#!/usr/bin/env node
/**
 * The `smooch-record` command. `smooch-record sandbox [--port N] [--host H]` starts the sandbox API server,
 * prints its URL and credentials, and serves until stopped (Ctrl-C).
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox/index.js';

const USAGE = `Usage: smooch-record sandbox [--port N] [--host H]

  Starts an in-memory Sunshine Conversations v2 API server (no credentials needed) and
  prints its URL, app id and keys. Stop it with Ctrl-C.

  --port N   port to listen on (default: a free one)
  --host H   interface to listen on (default: 127.0.0.1)`;

/** Runs the command line `argv` (without node and the script); resolves with the exit code. */
async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    out(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] !== 'sandbox' || positionals.length > 1) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    out(`--port must be an integer from 0 to 65535, got ${values.port}`);
    return 2;
  }
  const sandbox = await startSandbox({ port, host: values.host });
  out(`smooch-record sandbox listening on ${sandbox.url}`);
  out(`  url            ${sandbox.url}`);
  out(`  appId          ${sandbox.appId}`);
  out(`  keyId          ${sandbox.keyId}`);
  out(`  secret         ${sandbox.secret}`);
  out(`  accountKeyId   ${sandbox.accountKeyId}`);
  out(`  accountSecret  ${sandbox.accountSecret}`);
  out('State is kept in memory only. Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
