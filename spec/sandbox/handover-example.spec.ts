// README's "Handing over to agents": `npm run example:handover` runs examples/handover.ts against the sandbox:
// the bot answers, passes control to the agents with metadata, the agents hear switchboard:passControl and
// reply, release control, and the bot answers again. It exits 0 with exactly these lines.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runNode } from './support/child.js';

describe('sandbox: the handover example (npm run example:handover)', () => {
  it('is the npm script example:handover', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(scripts['example:handover']).to.equal('tsx examples/handover.ts');
  });

  it('hands the conversation to the agents and back, and exits 0 with the expected lines', async function () {
    this.timeout(60_000);
    const { code, stdout, stderr } = await runNode(['examples/handover.ts']);
    expect(code, stderr).to.equal(0);
    const bot = 'bot: "I am a bot. Type "agent" to talk to a human."; active: bot';
    expect(stdout.trim().split('\n').slice(1)).to.deep.equal([
      '1. switchboard enabled: bot (default, next: agents), agents (next: bot)',
      'Ana: "Hi, where is my order?"',
      `  ${bot}`,
      'Ana: "I want a human agent"',
      '  bot: "Passing you to a human agent." and passControl(agents); active: agents',
      '  agents heard switchboard:passControl {"reason":"user asked","priority":2}',
      'Ana: "Thanks, that is all"',
      '  agents: "Your order ships today." and releaseControl(); active: none',
      '  bot heard switchboard:releaseControl {"resolved":true}',
      'Ana: "One more question"',
      `  ${bot}`,
      '9 messages in the conversation',
      'done',
    ]);
    expect(stdout).to.match(/^sandbox: http:\/\/127\.0\.0\.1:\d+\n/);
    expect(stderr).to.equal('');
  });
});
