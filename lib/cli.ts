#!/usr/bin/env node
/**
 * The `smooch-record` command, a developer console for the sandbox: `sandbox` serves it and logs every request
 * and webhook delivery (optionally forwarding every trigger to a local bot), `trigger` makes an end user act in
 * a running one. Like the sandbox it shares nothing with the library, so it could ship with it on its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TRIGGER_PATH } from './sandbox/console-endpoint.js';
import { deliveryLine, type LogFormat, requestLine } from './sandbox/console-log.js';
import { startSandbox } from './sandbox/index.js';
import { TRIGGER_TYPES } from './sandbox/triggers.js';

type Options = NonNullable<ParseArgsConfig['options']>;
interface Command {
  usage: string;
  options: Options;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const USAGE = `Usage: smooch-record <command> [options]

Commands:
  sandbox   serve an in-memory Sunshine Conversations v2 API and log its requests and webhook deliveries
  trigger   make an end user act in a running sandbox (a message, a postback, ...)

Options:
  -h, --help      this help; \`smooch-record <command> --help\` for a command's
  -v, --version   the version`;

const SANDBOX_USAGE = `Usage: smooch-record sandbox [--port N] [--host H] [--forward-to URL] [--json] [--persist FILE]

  Starts an in-memory Sunshine Conversations v2 API server (no credentials needed), prints its URL and
  credentials, then one line per request (method, path, status, ms, operation) and per webhook delivery
  (triggers, target, status, attempt). Stop it with Ctrl-C.

  --port N           port to listen on (default: a free one)
  --host H           interface to listen on (default: 127.0.0.1)
  --forward-to URL   deliver every webhook trigger to URL (a custom integration; its secret is printed)
  --json             print the credentials as one JSON object and every log line as JSON
  --persist FILE     keep the state in FILE (a JSON snapshot read at start, written at Ctrl-C)`;

const TRIGGER_USAGE = `Usage: smooch-record trigger <${TRIGGER_TYPES.join('|')}> [options]

  Makes an end user act in a running sandbox; its webhooks fire as the API's would.

  --text T       the message text (message)
  --payload P    the postback payload (postback)
  --user ID      the user's externalId or id (default: sandbox-user, created when new)
  --url URL      the sandbox (default: $SMOOCH_SANDBOX_URL)
  --key-id ID    an app key of the sandbox, or its account key (default: $SMOOCH_KEY_ID)
  --secret S     that key's secret (default: $SMOOCH_SECRET)
  --app-id ID    the app, with the account key (default: the sandbox's first app)
  --json         print what happened as JSON`;

/** What the trigger endpoint answers (or its error body). */
interface TriggerAnswer {
  user?: { id: string; externalId?: string };
  conversation?: { id: string };
  message?: { id: string };
  errors?: Array<{ title?: string }>;
}

const write = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

const COMMANDS: Record<string, Command> = {
  sandbox: {
    usage: SANDBOX_USAGE,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'forward-to': { type: 'string' },
      json: { type: 'boolean' },
      persist: { type: 'string' },
    },
    run: serve,
  },
  trigger: {
    usage: TRIGGER_USAGE,
    options: {
      ...Object.fromEntries(
        ['text', 'payload', 'user', 'url', 'key-id', 'secret', 'app-id'].map((name) => [
          name,
          { type: 'string' },
        ]),
      ),
      json: { type: 'boolean' },
    } as Options,
    run: triggerCommand,
  },
};

/** Runs the command line `argv` (without node and the script); resolves with the exit code. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') return (write(`smooch-record ${version()}`), 0);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const command = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    return (write(command?.usage ?? USAGE), 0);
  }
  const command = COMMANDS[name];
  if (!command) return (fail(`Unknown command: ${name}\n\n${USAGE}`), 2);
  let parsed;
  try {
    const options = { ...command.options, help: { type: 'boolean', short: 'h' } } as Options;
    parsed = parseArgs({ args: rest, options, allowPositionals: name === 'trigger', strict: true });
  } catch (error) {
    return (fail(`${(error as Error).message}\n\n${command.usage}`), 2);
  }
  if (parsed.values.help) return (write(command.usage), 0);
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
}

async function serve(values: Record<string, string | boolean | undefined>): Promise<number> {
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return (fail(`--port must be an integer from 0 to 65535, got ${values.port}\n\n${SANDBOX_USAGE}`), 2);
  }
  const format: LogFormat = values.json ? 'json' : 'text';
  const sandbox = await startSandbox({
    port,
    host: values.host as string | undefined,
    persist: values.persist as string | undefined,
    onRequest: (entry) => write(requestLine(entry, format)),
    onDelivery: (attempt) => write(deliveryLine(attempt, format)),
  });
  let forward;
  try {
    forward = values['forward-to'] ? sandbox.forwardTo(values['forward-to'] as string) : undefined;
  } catch (error) {
    await sandbox.close();
    return (fail(`--forward-to: ${(error as Error).message}\n\n${SANDBOX_USAGE}`), 2);
  }
  const { url, appId, keyId, secret, accountKeyId, accountSecret, oauthClientId, oauthClientSecret } =
    sandbox;
  const credentials = {
    url,
    appId,
    keyId,
    secret,
    accountKeyId,
    accountSecret,
    oauthClientId,
    oauthClientSecret,
  };
  const forwarding = forward && { forwardTo: values['forward-to'] as string, forwardSecret: forward.secret };
  if (format === 'json') write(JSON.stringify({ ...credentials, ...forwarding }));
  else {
    write(`smooch-record sandbox listening on ${url}`);
    for (const [label, value] of Object.entries({ ...credentials, ...forwarding }))
      write(`  ${label.padEnd(18)} ${value}`);
    write('Make an end user act from another shell:');
    write(`  SMOOCH_SANDBOX_URL=${url} SMOOCH_KEY_ID=${keyId} SMOOCH_SECRET=${secret} \\`);
    write('    smooch-record trigger message --text hi');
    write('State is kept in memory only. Press Ctrl-C to stop.');
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}

async function triggerCommand(values: Record<string, string | boolean | undefined>, positionals: string[]) {
  const [type, ...extra] = positionals;
  if (!type || extra.length || !(TRIGGER_TYPES as readonly string[]).includes(type)) {
    return (
      fail(
        `${type ? `Unknown trigger: ${[type, ...extra].join(' ')}` : 'Name what to trigger'}\n\n${TRIGGER_USAGE}`,
      ),
      2
    );
  }
  const url = (values.url as string | undefined) ?? process.env.SMOOCH_SANDBOX_URL;
  const keyId = (values['key-id'] as string | undefined) ?? process.env.SMOOCH_KEY_ID;
  const secret = (values.secret as string | undefined) ?? process.env.SMOOCH_SECRET;
  if (!url || !keyId || !secret) {
    return (
      fail(
        `trigger needs --url, --key-id and --secret (or SMOOCH_SANDBOX_URL, SMOOCH_KEY_ID, SMOOCH_SECRET)\n\n${TRIGGER_USAGE}`,
      ),
      2
    );
  }
  const { text, payload, user, 'app-id': appId } = values as Record<string, string | undefined>;
  let response: Response;
  try {
    response = await fetch(new URL(TRIGGER_PATH, url), {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${keyId}:${secret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ type, text, payload, user, appId }),
    });
  } catch (error) {
    return (fail(`No sandbox answered at ${url}: ${(error as Error).message}`), 1);
  }
  const body = (await response.json().catch(() => ({}))) as TriggerAnswer;
  if (!response.ok || !body.user || !body.conversation) {
    return (fail(`trigger failed: ${response.status} ${body.errors?.[0]?.title ?? ''}`), 1);
  }
  if (values.json) return (write(JSON.stringify(body)), 0);
  const who = `${body.user.externalId ?? body.user.id} in conversation ${body.conversation.id}`;
  write(`${type} by ${who}${body.message ? `: message ${body.message.id}` : ''}`);
  return 0;
}

/** The package's version, from the package.json above this file (lib/ in the repository, dist/lib/ once built). */
function version(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory)
    directory = dirname(directory);
  return (JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string }).version;
}

process.exitCode = await main(process.argv.slice(2));
