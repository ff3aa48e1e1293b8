import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { File } from 'node:buffer';
import { expect } from 'chai';
import nock from 'nock';
import { Attachment } from '../../lib/models/attachment.js';
import { BadRequestError } from '../../lib/errors.js';
import { MAX_UPLOAD_BYTES } from '../../lib/limits.js';
import { APP_ID, BASE, BASIC, testConnection } from '../support/fixtures.js';
import { trap } from '../support/nock-traps.js';
import { rejectionOf } from '../support/rejection.js';

const MEDIA_URL = 'https://subdomain.zendesk.com/sc/attachments/v2/01JK699PBZ645YAFJW2RF45F0B/photo.jpg';

/** Intercepts one upload and records its multipart body and content type. */
function expectUpload(
  query: Record<string, string>,
  answer = { mediaUrl: MEDIA_URL, mediaType: 'image/jpeg' },
) {
  const seen: { body?: string } = {};
  const scope = nock(BASE)
    .matchHeader('authorization', BASIC)
    .matchHeader('content-type', /^multipart\/form-data; boundary=/)
    .post(`/v2/apps/${APP_ID}/attachments`, (body: string) => {
      seen.body = body;
      return true;
    })
    .query(query)
    .reply(201, { attachment: answer });
  return { scope, seen };
}

/** The headers and content of the `source` part of a multipart body. */
function sourcePart(body: string | undefined): { disposition: string; type: string; content: string } {
  const match =
    /Content-Disposition: form-data; name="source"; filename="([^"]*)"\r\nContent-Type: ([^\r]*)\r\n\r\n([\s\S]*?)\r\n--/.exec(
      body ?? '',
    );
  expect(match, `a source part in ${body}`).to.not.equal(null);
  return { disposition: match![1]!, type: match![2]!, content: match![3]! };
}

describe('Attachment', () => {
  const connection = testConnection();
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smooch-record-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('.upload', () => {
    it('sends a file path as multipart source with its name and type, access=public', async () => {
      const file = join(dir, 'photo.jpg');
      await writeFile(file, 'jpeg-bytes');
      const { scope, seen } = expectUpload({ access: 'public' });
      const attachment = await Attachment.upload(file, { connection });
      expect(scope.isDone()).to.equal(true);
      expect(sourcePart(seen.body)).to.deep.equal({
        disposition: 'photo.jpg',
        type: 'image/jpeg',
        content: 'jpeg-bytes',
      });
      expect(attachment).to.be.instanceOf(Attachment);
      expect(attachment.toJSON()).to.deep.equal({ mediaUrl: MEDIA_URL, mediaType: 'image/jpeg' });
      expect(attachment.mediaUrl).to.equal(MEDIA_URL);
    });

    it('sends for and conversationId in the query', async () => {
      const { scope, seen } = expectUpload({
        access: 'public',
        for: 'message',
        conversationId: 'c616a583e4c240a871818541',
      });
      await Attachment.upload(Buffer.from('%PDF-1.4'), {
        connection,
        for: 'message',
        conversationId: 'c616a583e4c240a871818541',
        filename: 'receipt.pdf',
      });
      expect(scope.isDone()).to.equal(true);
      expect(sourcePart(seen.body)).to.deep.equal({
        disposition: 'receipt.pdf',
        type: 'application/pdf',
        content: '%PDF-1.4',
      });
    });

    it('names a Buffer without a filename after its media type', async () => {
      const { seen } = expectUpload({ access: 'public' });
      await Attachment.upload(Buffer.from('png'), { connection, mediaType: 'image/png' });
      expect(sourcePart(seen.body)).to.include({ disposition: 'file.png', type: 'image/png' });
    });

    it('sends unknown bytes as application/octet-stream', async () => {
      const { seen } = expectUpload({ access: 'public' });
      await Attachment.upload(new Uint8Array([104, 105]), { connection });
      expect(sourcePart(seen.body)).to.deep.equal({
        disposition: 'file',
        type: 'application/octet-stream',
        content: 'hi',
      });
    });

    it('takes the name and type of a File (Blob)', async () => {
      const { seen } = expectUpload({ access: 'public' });
      await Attachment.upload(new File(['hello'], 'note.txt', { type: 'text/plain' }) as unknown as Blob, {
        connection,
      });
      expect(sourcePart(seen.body)).to.deep.equal({
        disposition: 'note.txt',
        type: 'text/plain',
        content: 'hello',
      });
    });

    it('lets an explicit mediaType and filename win over the Blob', async () => {
      const { seen } = expectUpload({ access: 'public' });
      await Attachment.upload(new Blob(['x'], { type: 'text/plain' }), {
        connection,
        mediaType: 'text/csv',
        filename: 'a.csv',
      });
      expect(sourcePart(seen.body)).to.deep.equal({ disposition: 'a.csv', type: 'text/csv', content: 'x' });
    });

    it('reads a readable stream, naming it after an fs stream path', async () => {
      const { seen } = expectUpload({ access: 'public' });
      const stream = Readable.from([Buffer.from('GIF8'), Buffer.from('9a')]) as Readable & { path?: string };
      stream.path = '/tmp/anim.gif';
      await Attachment.upload(stream, { connection });
      expect(sourcePart(seen.body)).to.deep.equal({
        disposition: 'anim.gif',
        type: 'image/gif',
        content: 'GIF89a',
      });
    });

    it('refuses a file over 50 MB before any request', async () => {
      const file = join(dir, 'big.mp4');
      await writeFile(file, '');
      await truncate(file, MAX_UPLOAD_BYTES + 1); // sparse: costs no disk
      const scope = trap(expectUpload({ access: 'public' }).scope);
      const error = await rejectionOf(Attachment.upload(file, { connection }));
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.equal(
        'The file big.mp4 is 52,428,801 bytes (50 MB); the API accepts uploads of at most 52,428,800 bytes (50 MB)',
      );
      expect(scope.isDone()).to.equal(false);
    });

    it('stops reading a stream as soon as it passes 50 MB, and destroys it', async () => {
      const chunk = Buffer.alloc(1024 * 1024);
      let produced = 0;
      const stream = Readable.from(
        (function* () {
          for (let i = 0; i < 80; i++) {
            produced++;
            yield chunk;
          }
        })(),
      );
      const scope = trap(expectUpload({ access: 'public' }).scope);
      const error = await rejectionOf(Attachment.upload(stream, { connection }));
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.match(/^The stream is over 52,428,800 bytes \(50 MB\)/);
      expect(produced).to.be.lessThan(60);
      expect(stream.destroyed).to.equal(true);
      expect(scope.isDone()).to.equal(false);
    });

    it('refuses a Buffer over 50 MB', async () => {
      const error = await Attachment.upload(Buffer.alloc(MAX_UPLOAD_BYTES + 1), { connection }).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(RangeError);
      expect((error as Error).message).to.match(/^The buffer is 52,428,801 bytes/);
    });

    it('refuses bad sources and options before any request', async () => {
      const cases: [unknown, object, RegExp][] = [
        [42, {}, /must be a file path, a Buffer, a readable stream or a Blob/],
        ['', {}, /non-empty string/],
        [Buffer.from('x'), { access: 'private' }, /access must be 'public'/],
        [Buffer.from('x'), { for: 'conversation' }, /for must be 'message'/],
        [Buffer.from('x'), { mediaType: 'jpeg' }, /type\/subtype/],
        [Buffer.from('x'), { filename: '' }, /filename must be a non-empty string/],
        [Buffer.from('x'), { conversationId: '' }, /conversationId must be a non-empty string/],
      ];
      for (const [source, options, message] of cases) {
        const error = await Attachment.upload(source as Blob, { connection, ...options }).catch(
          (e: unknown) => e,
        );
        expect(error, String(message)).to.be.instanceOf(TypeError);
        expect((error as Error).message).to.match(message);
      }
      expect(nock.pendingMocks()).to.deep.equal([]);
    });

    it('refuses a directory path', async () => {
      const error = await rejectionOf(Attachment.upload(dir, { connection }));
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.equal(`Not a file: ${dir}`);
    });

    it('sends the whole file again when a 429 is retried (a file path is read again)', async () => {
      const file = join(dir, 'retry.txt');
      await writeFile(file, 'hello again');
      const bodies: string[] = [];
      const record = (body: string) => (bodies.push(body), true);
      const scope = nock(BASE)
        .post(`/v2/apps/${APP_ID}/attachments`, record)
        .query({ access: 'public' })
        .reply(429, { errors: [{ code: 'too_many_requests', title: 'Slow down' }] }, { 'retry-after': '0' })
        .post(`/v2/apps/${APP_ID}/attachments`, record)
        .query({ access: 'public' })
        .reply(201, { attachment: { mediaUrl: MEDIA_URL, mediaType: 'text/plain' } });
      const retrying = testConnection({ retry: { limit: 1, baseDelay: 1 } });
      const attachment = await Attachment.upload(file, { connection: retrying });
      expect(scope.isDone()).to.equal(true);
      expect(attachment.mediaType).to.equal('text/plain');
      expect(bodies).to.have.length(2);
      expect(bodies[1]).to.equal(bodies[0]);
      expect(sourcePart(bodies[1]).content).to.equal('hello again');
    });

    it('sends an exact content-length and escapes quotes and line breaks in the file name', async () => {
      let length = 0;
      const { scope, seen } = expectUpload({ access: 'public' });
      scope.on('request', (req: { headers: Headers | Record<string, string> }) => {
        const headers = req.headers;
        length = Number(
          headers instanceof Headers ? headers.get('content-length') : headers['content-length'],
        );
      });
      await Attachment.upload(Buffer.from('héllo'), { connection, filename: 'name"with\rbreaks\n.txt' });
      expect(scope.isDone()).to.equal(true);
      expect(sourcePart(seen.body).disposition).to.equal('name%22with%0Dbreaks%0A.txt');
      expect(length).to.equal(Buffer.byteLength(seen.body!));
    });

    it('surfaces the API error as a typed error', async () => {
      nock(BASE)
        .post(`/v2/apps/${APP_ID}/attachments`)
        .query({ access: 'public' })
        .reply(400, { errors: [{ code: 'bad_request', title: 'Bad request' }] });
      const error = await rejectionOf(Attachment.upload(Buffer.from('x'), { connection }));
      expect(error).to.be.instanceOf(BadRequestError);
      expect((error as BadRequestError).title).to.equal('Bad request');
    });
  });

  describe('.delete', () => {
    it('POSTs the media URL to attachments/remove', async () => {
      const scope = nock(BASE)
        .matchHeader('authorization', BASIC)
        .post(`/v2/apps/${APP_ID}/attachments/remove`, { mediaUrl: MEDIA_URL })
        .reply(200, {});
      await Attachment.delete(MEDIA_URL, { connection });
      expect(scope.isDone()).to.equal(true);
    });

    it('is also an instance method using the connection the attachment came from', async () => {
      nock(BASE)
        .post(`/v2/apps/${APP_ID}/attachments`)
        .query(true)
        .reply(201, { attachment: { mediaUrl: MEDIA_URL, mediaType: 'image/jpeg' } });
      const scope = nock(BASE)
        .post(`/v2/apps/${APP_ID}/attachments/remove`, { mediaUrl: MEDIA_URL })
        .reply(200, {});
      const attachment = await Attachment.upload(Buffer.from('x'), { connection });
      await attachment.delete();
      expect(scope.isDone()).to.equal(true);
    });

    it('refuses something that is not a URL', async () => {
      const error = await rejectionOf(Attachment.delete('photo.jpg', { connection }));
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.equal('mediaUrl must be an http(s) URL, got "photo.jpg"');
    });
  });
});
