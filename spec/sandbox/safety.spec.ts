// A sandbox that is safe on a laptop: uploads a browser would run are downloads, never pages of the sandbox's
// origin; media URLs and ids cannot be guessed from one another; another app's key reads no media; the bytes
// held in uploads are capped (413); and a request no served operation matches is a 501 naming what the path
// does serve, never a 404 that reads as a missing record.
import { expect } from 'chai';
import { Attachment } from '../../lib/models/attachment.js';
import { AppUser } from '../../lib/models/app-user.js';
import { App } from '../../lib/models/app.js';
import { Key } from '../../lib/models/key.js';
import { rejectionOf, useSandbox } from './support/fixture.js';
import { PNG } from './support/scenario.js';

describe('sandbox: safety', () => {
  const fixture = useSandbox({ uploadLimitBytes: 4096 });

  const upload = (data: Buffer | string, filename: string, mediaType: string) =>
    Attachment.upload(Buffer.from(data), { connection: fixture().app(), filename, mediaType });

  it('serves html, svg, xml and js as nosniff downloads, and images inline', async () => {
    const cases: Array<[string, string, string]> = [
      ['page.html', 'text/html', 'attachment'],
      ['logo.svg', 'image/svg+xml', 'attachment'],
      ['feed.xml', 'application/xml', 'attachment'],
      ['app.js', 'text/javascript', 'attachment'],
      ['dot.png', 'image/png', 'inline'],
    ];
    for (const [filename, mediaType, disposition] of cases) {
      const { mediaUrl } = await upload(
        filename.endsWith('.png') ? PNG : '<script>alert(1)</script>',
        filename,
        mediaType,
      );
      const response = await fetch(mediaUrl);
      expect(response.status, filename).to.equal(200);
      expect(response.headers.get('x-content-type-options'), filename).to.equal('nosniff');
      expect(response.headers.get('content-disposition'), filename).to.equal(disposition);
      expect(response.headers.get('content-security-policy'), filename).to.include('sandbox');
      await Attachment.delete(mediaUrl, { connection: fixture().app() });
    }
  });

  it('puts a random 128-bit token in media URLs; a changed token or another app key reads nothing', async () => {
    const { sandbox } = fixture();
    const { mediaUrl } = await upload(PNG, 'dot.png', 'image/png');
    const token = new URL(mediaUrl).pathname.split('/')[4]!;
    expect(token).to.match(/^[0-9a-f]{32}$/);
    const flipped = mediaUrl.replace(token, `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`);
    expect((await fetch(flipped)).status).to.equal(404);
    const account = fixture().account();
    const other = await App.create({ displayName: 'Other' }, { connection: account });
    const key = await Key.create({ displayName: 'other' }, { connection: account, appId: other.id });
    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const asOther = await fetch(mediaUrl, { headers: { authorization: basic(key.id, key.secret!) } });
    expect(asOther.status).to.equal(403);
    const asOwner = await fetch(mediaUrl, {
      headers: { authorization: basic(sandbox.keyId, sandbox.secret) },
    });
    expect(asOwner.status).to.equal(200);
    await Attachment.delete(mediaUrl, { connection: fixture().app() });
  });

  it('makes ids that sort by creation but whose next one cannot be computed', async () => {
    const c = { connection: fixture().app() };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await AppUser.create({}, c)).id);
    expect([...ids].sort()).to.deep.equal(ids);
    const randomParts = new Set(ids.map((id) => id.slice(-10)));
    expect(randomParts.size).to.equal(5);
    const successor = (id: string) => (BigInt(`0x${id}`) + 1n).toString(16).padStart(24, '0');
    for (let i = 1; i < ids.length; i++) expect(ids[i]).not.to.equal(successor(ids[i - 1]!));
  });

  it('caps the bytes held in uploads (413 payload_too_large) until attachments are deleted', async () => {
    const first = await upload(Buffer.alloc(3000, 1), 'a.bin', 'application/octet-stream');
    const error = (await rejectionOf(
      upload(Buffer.alloc(3000, 2), 'b.bin', 'application/octet-stream'),
    )) as Error & {
      status: number;
      code: string;
    };
    expect(error.status).to.equal(413);
    expect(error.code).to.equal('payload_too_large');
    expect(error.message).to.include('at most 4096');
    await Attachment.delete(first.mediaUrl, { connection: fixture().app() });
    const second = await upload(Buffer.alloc(3000, 2), 'b.bin', 'application/octet-stream');
    await Attachment.delete(second.mediaUrl, { connection: fixture().app() });
  });

  it('answers 501 not_implemented for what no operation serves, naming the operations of the path', async () => {
    const { sandbox } = fixture();
    const unknown = await fetch(`${sandbox.url}/v2/apps/${sandbox.appId}/tickets`);
    expect(unknown.status).to.equal(501);
    const [error] = ((await unknown.json()) as { errors: Array<{ code: string; title: string }> }).errors;
    expect(error!.code).to.equal('not_implemented');
    expect(error!.title).to.include(`GET /v2/apps/${sandbox.appId}/tickets`);
    const put = await fetch(`${sandbox.url}/v2/apps/${sandbox.appId}`, { method: 'PUT' });
    expect(put.status).to.equal(501);
    const { errors } = (await put.json()) as { errors: Array<{ title: string }> };
    expect(errors[0]!.title).to.include('GetApp (GET), UpdateApp (PATCH), DeleteApp (DELETE)');
  });
});
