// README's first command: `npm run example` runs examples/run.ts, which starts the sandbox (no SMOOCH_*
// variables set) and walks the seed flows, printing one short line each, and exits 0.
import { expect } from 'chai';
import { runNode } from './support/child.js';

describe('sandbox: the example (npm run example)', () => {
  it('runs the seed flows against the sandbox and exits 0 with the expected lines', async function () {
    this.timeout(60_000);
    const { code, stdout, stderr } = await runNode(['examples/run.ts']);
    expect(code, stderr).to.equal(0);
    const lines = stdout.trim().split('\n');
    const expected = [
      /^sandbox: http:\/\/127\.0\.0\.1:\d+ /,
      /^1\. provisioned app [0-9a-f]{24} with key app_[0-9a-f]{24} and a twilio integration$/,
      /^2\. user b6518 \([0-9a-f]{24}\) pre-created; profile\.email saved: bob@example\.com$/,
      /^3\. Bob said: "Is Smooch any good\?"$/,
      /^4\. the business replied: "Yes!"$/,
      /^5\. sent an image \(image\/png\): http:\/\/127\.0\.0\.1:\d+\/media\/apps\/\S+\/pixel\.png$/,
      /^6\. webhook [0-9a-f]{24} received conversation:message from user "Ping for the webhook" \(X-API-Key verified\)$/,
      /^7\. linked a twilio client \(\+15550100\): pending$/,
      /^8\. typed error: NotFoundError 404 user_not_found$/,
      /^done$/,
    ];
    expect(lines).to.have.length(expected.length);
    lines.forEach((line, i) => expect(line).to.match(expected[i]!));
    expect(stderr).to.equal('');
  });
});
