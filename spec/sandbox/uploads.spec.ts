// The sandbox's multipart parsing: the boundary is taken as sent, whatever its case.
import { expect } from 'chai';
import { useSandbox } from './support/fixture.js';

describe('sandbox: multipart uploads', () => {
  const fixture = useSandbox();

  it('accepts a boundary with upper-case letters (boundaries are case-sensitive)', async () => {
    const { sandbox } = fixture();
    const boundary = 'abcDEF123';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="source"; filename="note.txt"',
      'Content-Type: text/plain',
      '',
      'hello',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const basic = Buffer.from(`${sandbox.keyId}:${sandbox.secret}`).toString('base64');
    const response = await fetch(`${sandbox.url}/v2/apps/${sandbox.appId}/attachments?access=public`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
    });
    expect(response.status).to.equal(201);
    const { attachment } = (await response.json()) as { attachment: { mediaUrl: string; mediaType: string } };
    expect(attachment.mediaType).to.equal('text/plain');
    expect(await (await fetch(attachment.mediaUrl)).text()).to.equal('hello');
  });
});
