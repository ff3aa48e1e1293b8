// `startSandbox({ persist })` / `smooch-record sandbox --persist FILE`: the state survives a restart, uploads,
// keys and the switchboard included; a file that is not a snapshot is refused.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '../../lib/connection/connection.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Attachment } from '../../lib/models/attachment.js';
import { Switchboard } from '../../lib/models/switchboard.js';
import { startSandbox } from '../../lib/sandbox/index.js';
import { PNG } from './support/scenario.js';

describe('sandbox: --persist', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'sandbox-persist-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps the app, its keys, users, conversations, uploads and the switchboard across a restart', async () => {
    const file = join(directory, 'state.json');
    const first = await startSandbox({ persist: file });
    const connect = (s: typeof first) =>
      new Connection({
        keyId: s.keyId,
        secret: s.secret,
        appId: s.appId,
        baseUrl: s.url,
        retry: { limit: 0 },
      });
    const c = { connection: connect(first) };
    const user = await AppUser.create({ externalId: 'kept', profile: { givenName: 'Kim' } }, c);
    await (await user.conversation()).reply('still here?', { as: user });
    const upload = await Attachment.upload(PNG, { ...c, filename: 'dot.png', mediaType: 'image/png' });
    await Switchboard.create(c);
    await first.close();

    const second = await startSandbox({ persist: file });
    try {
      expect([second.appId, second.keyId, second.secret]).to.deep.equal([
        first.appId,
        first.keyId,
        first.secret,
      ]);
      expect(second.accountKeyId).to.equal(first.accountKeyId);
      expect(second.oauthClientId).to.equal(first.oauthClientId);
      const again = { connection: connect(second) };
      const found = await AppUser.find('kept', again);
      expect(found.profile.givenName).to.equal('Kim');
      const [message] = await (await found.conversation()).messages().toArray({ limit: 5 });
      expect(message!.content).to.deep.include({ type: 'text', text: 'still here?' });
      expect(await Switchboard.all(again).toArray({ limit: 2 })).to.have.length(1);
      const media = await fetch(upload.mediaUrl.replace(first.url, second.url));
      expect(Buffer.from(await media.arrayBuffer())).to.deep.equal(PNG);
    } finally {
      await second.close();
    }
  });

  it('refuses a file that is not a snapshot', async () => {
    const file = join(directory, 'other.json');
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    let error: unknown;
    await startSandbox({ persist: file }).catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.include('is not a smooch-record sandbox snapshot');
  });
});
