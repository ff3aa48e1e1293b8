// The optional peer dependencies stay optional: importing the main entry loads neither ioredis nor bullmq;
// only `smooch-record/redis` and `smooch-record/queue` do (which also shows the probe can see them).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

async function importsOf(entry: string): Promise<string[]> {
  const probe = fileURLToPath(new URL('./processes/imports-of.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probe, entry]);
  return JSON.parse(stdout.trim().split('\n').pop()!) as string[];
}

const peer = (urls: string[], name: string) => urls.filter((url) => url.includes(`/node_modules/${name}/`));

describe('the main entry and the optional peer dependencies', function () {
  this.timeout(30_000);

  it('import("smooch-record") loads neither ioredis nor bullmq', async () => {
    const urls = await importsOf('../../../lib/index.ts');
    expect(urls.some((url) => url.endsWith('/lib/webhooks/notification.ts'))).to.equal(true);
    expect(peer(urls, 'ioredis')).to.deep.equal([]);
    expect(peer(urls, 'bullmq')).to.deep.equal([]);
  });

  it('smooch-record/redis loads ioredis', async () => {
    expect(peer(await importsOf('../../../lib/redis/index.ts'), 'ioredis')).not.to.deep.equal([]);
  });

  it('smooch-record/queue loads bullmq', async () => {
    expect(peer(await importsOf('../../../lib/queue/index.ts'), 'bullmq')).not.to.deep.equal([]);
  });
});
