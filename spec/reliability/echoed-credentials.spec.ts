// A proxy or gateway that echoes the request's Authorization header (issue 17, item 5): the connection's own
// credentials never stay in an error's message, title, body, headers, excerpt, cause or inspection.
import util from 'node:util';
import { expect } from 'chai';
import type { Connection } from '../../lib/connection/connection.js';
import { ApiError, ParseError, ServerError, SmoochError } from '../../lib/errors.js';
import { TEST_SECRET } from '../support/fixtures.js';
import { connectionTo, json, rejectionOf, startServer, type TestServer } from './server.js';

const ACCESS_TOKEN = 'oauth-access-token-not-real-0123456789';

/** Every way an error may be shown or logged. */
function shown(error: Error): string {
  return [
    error.message,
    String(error.stack),
    util.inspect(error, { showHidden: true, depth: 20 }),
    JSON.stringify(error),
    JSON.stringify((error as ApiError).body),
    JSON.stringify((error as ApiError).headers),
    String((error as ParseError).excerpt),
    JSON.stringify((error as ParseError).response),
  ].join('\n');
}

/** What the connection sent, in every form a server might echo: the header, its credential, the secret. */
function credentialsOf(server: TestServer): string[] {
  const authorization = String(server.requests.at(-1)!.headers.authorization);
  const credential = authorization.slice(authorization.indexOf(' ') + 1);
  return [authorization, credential, TEST_SECRET, ACCESS_TOKEN, `app_test:${TEST_SECRET}`];
}

describe('reliability: echoed credentials are redacted', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  const connections: Array<[string, (server: TestServer) => Connection]> = [
    ['Basic', (s) => connectionTo(s)],
    ['JWT', (s) => connectionTo(s, { auth: 'jwt' })],
    [
      'access token',
      (s) => connectionTo(s, { keyId: undefined, secret: undefined, accessToken: ACCESS_TOKEN }),
    ],
  ];

  for (const [mode, connect] of connections) {
    describe(`with ${mode} credentials`, () => {
      it('takes them out of a 400 JSON body, its title, message and an echoing header', async () => {
        server = await startServer((req, res) => {
          const echo = String(req.headers.authorization);
          json(
            res,
            400,
            { errors: [{ code: 'bad_request', title: `Bad header ${echo}` }], seen: { [echo]: [echo] } },
            { 'x-echo': echo },
          );
        });
        const error = (await rejectionOf(
          connect(server).request({ method: 'GET', path: '/v2/apps/a' }),
        )) as ApiError;
        expect(error).to.be.instanceOf(ApiError);
        expect(error.title).to.match(/^Bad header (Basic|Bearer) \[redacted\]$/);
        expect(error.headers['x-echo']).to.match(/^(Basic|Bearer) \[redacted\]$/);
        const text = shown(error);
        for (const credential of credentialsOf(server)) expect(text).not.to.contain(credential);
      });

      it('takes them out of a 502 HTML page kept as the body (after the GET retries)', async () => {
        server = await startServer((req, res) => {
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end(
            `<html><body><h1>Bad Gateway</h1><pre>Authorization: ${req.headers.authorization}</pre></body></html>`,
          );
        });
        const error = (await rejectionOf(
          connect(server).request({ method: 'GET', path: '/v2/apps/a' }),
        )) as ServerError;
        expect(error).to.be.instanceOf(ServerError);
        expect(error.body).to.match(/Authorization: (Basic|Bearer) \[redacted\]</);
        const text = shown(error);
        for (const credential of credentialsOf(server)) expect(text).not.to.contain(credential);
      });

      it('takes them out of the excerpt of a 200 that is not JSON, even past its first 120 characters', async () => {
        server = await startServer((req, res) =>
          json(res, 200, `${'x'.repeat(100)} ${req.headers.authorization} ${TEST_SECRET}`),
        );
        const error = (await rejectionOf(
          connect(server).request({ method: 'GET', path: '/v2/apps/a' }),
        )) as ParseError;
        expect(error).to.be.instanceOf(ParseError).and.instanceOf(SmoochError);
        const text = shown(error);
        for (const credential of credentialsOf(server)) expect(text).not.to.contain(credential);
      });
    });
  }

  it('keeps the rest of a body as it came, `__proto__` keys as plain data', async () => {
    server = await startServer((req, res) =>
      json(
        res,
        400,
        `{"errors":[{"code":"bad_request","title":"Missing field"}],"__proto__":{"echo":"${req.headers.authorization}"}}`,
      ),
    );
    const error = (await rejectionOf(
      connectionTo(server).request({ method: 'GET', path: '/v2/apps/a' }),
    )) as ApiError;
    expect(error.title).to.equal('Missing field');
    const body = error.body as Record<string, { echo: string }>;
    expect(Object.keys(body)).to.deep.equal(['errors', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).to.deep.equal({
      echo: 'Basic [redacted]',
    });
    expect(({} as { echo?: string }).echo).to.equal(undefined);
  });
});
