import { expect } from 'chai';
import {
  checkJsonSize,
  checkUploadSize,
  formatBytes,
  MAX_JSON_BYTES,
  MAX_UPLOAD_BYTES,
} from '../lib/limits.js';
// Imported statically: a dynamic import of a module that imports nock can load a second nock instance.
import { testConnection } from './support/fixtures.js';

describe('limits', () => {
  describe('checkJsonSize', () => {
    it('returns the UTF-8 size of the serialised body', () => {
      expect(checkJsonSize({ text: 'hi' })).to.equal(13);
      expect(checkJsonSize({ text: 'é' })).to.equal(13); // 12 characters, é is two bytes in UTF-8
      expect(checkJsonSize(undefined)).to.equal(0);
    });

    it('accepts exactly 100 kB and refuses one byte more, with a clear message', () => {
      const wrapper = '{"text":""}'.length;
      expect(checkJsonSize({ text: 'a'.repeat(MAX_JSON_BYTES - wrapper) })).to.equal(MAX_JSON_BYTES);
      expect(() => checkJsonSize({ text: 'a'.repeat(MAX_JSON_BYTES - wrapper + 1) })).to.throw(
        RangeError,
        'The JSON body is 102,401 bytes (100 kB); the API accepts at most 102,400 bytes (100 kB).',
      );
    });

    it('counts multi-byte characters as bytes, not characters', () => {
      expect(() => checkJsonSize({ text: '€'.repeat(40_000) })).to.throw(RangeError); // 120,000 bytes
    });
  });

  describe('checkUploadSize', () => {
    it('accepts 50 MB and refuses more', () => {
      expect(() => checkUploadSize(MAX_UPLOAD_BYTES)).to.not.throw();
      expect(() => checkUploadSize(MAX_UPLOAD_BYTES + 1, 'The file a.mp4')).to.throw(
        RangeError,
        'The file a.mp4 is 52,428,801 bytes (50 MB); the API accepts uploads of at most 52,428,800 bytes (50 MB)',
      );
    });
  });

  it('formatBytes shows exact and rounded sizes', () => {
    expect(formatBytes(512)).to.equal('512 bytes');
    expect(formatBytes(1536)).to.equal('1,536 bytes (1.5 kB)');
    expect(formatBytes(3 * 1024 * 1024)).to.equal('3,145,728 bytes (3 MB)');
  });
});

describe('Connection and the JSON size limit', () => {
  it('refuses a JSON body over 100 kB with a RangeError before any request', async () => {
    // nock blocks all hosts: had a request been sent, the error would be a ConnectionError instead.
    const error = await testConnection()
      .request({ method: 'POST', path: '/v2/apps', json: { displayName: 'x'.repeat(110 * 1024) } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.match(/accepts at most/);
  });
});
