import { expect } from 'chai';
import { Readable } from 'node:stream';
import { readMedia } from '../lib/media.js';
import { extensionOf, mediaTypeOf } from '../lib/media-types.js';
import { AbortError } from '../lib/errors.js';
import { rejectionOf } from './support/rejection.js';

describe('media', () => {
  it('mediaTypeOf knows common extensions, case-insensitively', () => {
    expect(mediaTypeOf('a.JPG')).to.equal('image/jpeg');
    expect(mediaTypeOf('/x/y/report.pdf')).to.equal('application/pdf');
    expect(mediaTypeOf('clip.mp4')).to.equal('video/mp4');
    expect(mediaTypeOf('noext')).to.equal(undefined);
    expect(mediaTypeOf('a.unknownext')).to.equal(undefined);
  });

  it('extensionOf maps a media type back, ignoring parameters', () => {
    expect(extensionOf('image/jpeg')).to.equal('jpg');
    expect(extensionOf('text/plain; charset=utf-8')).to.equal('txt');
    expect(extensionOf('application/x-unknown')).to.equal(undefined);
  });

  it('reads string chunks of a stream as UTF-8 bytes', async () => {
    const file = await readMedia(Readable.from(['hé', 'llo']), { filename: 'a.txt' });
    expect(file).to.include({ filename: 'a.txt', mediaType: 'text/plain', size: 6 }); // é is two bytes
    expect(await file.blob.text()).to.equal('héllo');
  });

  it('stops at an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(readMedia(Buffer.from('x'), { signal: controller.signal }));
    expect(error).to.be.instanceOf(AbortError);
  });

  it('lets a missing file fail with the system error', async () => {
    const error = await rejectionOf(readMedia('/nonexistent/smooch-record/photo.jpg'));
    expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
  });
});
