// The command line as a developer console: `sandbox --json --forward-to URL` prints its credentials as one JSON
// object, forwards every trigger to a local bot with the printed secret, and logs each request and delivery as
// a JSON line; `trigger` makes an end user act in it; --version, --help per command, exit 2 on bad usage.
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { REPO_ROOT, runNode } from './support/child.js';
import { startReceiver } from './support/receiver.js';

/** Lines of a child's stdout, as they come, with a way to wait for one that matches. */
function lines(stream: NodeJS.ReadableStream) {
  const seen: string[] = [];
  const waiters: Array<[RegExp, (line: string) => void]> = [];
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    for (const line of parts) {
      seen.push(line);
      for (const [pattern, resolve] of waiters) if (pattern.test(line)) resolve(line);
    }
  });
  return {
    seen,
    next: (pattern: RegExp) =>
      new Promise<string>((resolve) => {
        const found = seen.find((line) => pattern.test(line));
        if (found) resolve(found);
        else waiters.push([pattern, resolve]);
      }),
  };
}

describe('sandbox: the command line console', function () {
  this.timeout(60_000);

  it('forwards every trigger to --forward-to, triggers through `trigger`, logs requests and deliveries as JSON', async () => {
    const bot = await startReceiver();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'lib/cli.ts', 'sandbox', '--json', '--forward-to', bot.url],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const out = lines(child.stdout);
      const credentials = JSON.parse(await out.next(/^\{"url"/)) as Record<string, string>;
      expect(credentials).to.include.keys('url', 'appId', 'keyId', 'secret', 'forwardTo', 'forwardSecret');
      expect(credentials.forwardTo).to.equal(bot.url);
      const env = {
        SMOOCH_SANDBOX_URL: credentials.url!,
        SMOOCH_KEY_ID: credentials.keyId!,
        SMOOCH_SECRET: credentials.secret!,
      };
      const said = await runNode(['lib/cli.ts', 'trigger', 'message', '--text', 'hi', '--user', 'ana'], env);
      expect(said.code, said.stderr).to.equal(0);
      expect(said.stdout).to.match(/^message by ana in conversation [0-9a-f]{24}: message [0-9a-f]{24}\n$/);
      const tapped = await runNode(
        ['lib/cli.ts', 'trigger', 'postback', '--payload', 'BUY', '--user', 'ana', '--json'],
        env,
      );
      expect(JSON.parse(tapped.stdout).user.externalId).to.equal('ana');

      const delivered = JSON.parse(await out.next(/"kind":"delivery".*conversation:postback/));
      expect(delivered).to.deep.include({ target: bot.url, status: 200, attempt: 1 });
      const request = JSON.parse(await out.next(/"kind":"request".*_sandbox\/trigger/));
      expect(request).to.include({ method: 'POST', path: '/_sandbox/trigger', status: 200 });
      expect(request.ms).to.be.a('number');
      const types = bot.deliveries.flatMap((d) => d.body.events.map((event) => event.type));
      expect(types).to.deep.equal(['conversation:create', 'conversation:message', 'conversation:postback']);
      expect(new Set(bot.deliveries.map((d) => d.headers['x-api-key']))).to.deep.equal(
        new Set([credentials.forwardSecret]),
      );
    } finally {
      child.kill('SIGTERM');
      expect(await exited).to.equal(0);
      await bot.close();
    }
  });

  it('--version prints the version of package.json', async () => {
    const { code, stdout } = await runNode(['lib/cli.ts', '--version']);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^smooch-record \d+\.\d+\.\d+\n$/);
  });

  it('--help per command exits 0; an unknown command, option or trigger exits 2 with the usage', async () => {
    const help = await runNode(['lib/cli.ts', 'trigger', '--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^Usage: smooch-record trigger </);
    const cases: Array<[string[], RegExp]> = [
      [['serve'], /^Unknown command: serve\n\nUsage: smooch-record <command>/],
      [['sandbox', '--bogus'], /^Unknown option '--bogus'[\s\S]*Usage: smooch-record sandbox/],
      [['sandbox', '--port', 'x'], /^--port must be an integer[\s\S]*Usage: smooch-record sandbox/],
      [['trigger', 'dance'], /^Unknown trigger: dance\n\nUsage: smooch-record trigger/],
      [['trigger', 'message'], /^trigger needs --url, --key-id and --secret/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runNode(['lib/cli.ts', ...args]);
      expect(code, args.join(' ')).to.equal(2);
      expect(stderr, args.join(' ')).to.match(message);
    }
  });
});
