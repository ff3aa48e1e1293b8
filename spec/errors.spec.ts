import http from 'node:http';
import type { AddressInfo } from 'node:net';
import util from 'node:util';
import { expect } from 'chai';
import nock from 'nock';
import sinon from 'sinon';
import { Connection } from '../lib/connection/connection.js';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  LockedError,
  NotFoundError,
  ParseError,
  RateLimitError,
  ServerError,
  ServiceUnavailableError,
  SmoochError,
  TimeoutError,
  errorFromResponse,
  parseRetryAfter,
} from '../lib/errors.js';
import { path } from '../lib/path.js';
import { APP_ID, BASE, BASIC, TEST_SECRET, testConnection } from './support/fixtures.js';

const USER_PATH = path`/v2/apps/${APP_ID}/users/${'bob'}`;

/** GETs the user path once through `connection` against a nock answer, and returns what it rejects with. */
async function failWith(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  connection: Connection = testConnection(),
): Promise<ApiError> {
  nock(BASE)
    .get(USER_PATH)
    .reply(status, body as object, headers);
  try {
    await connection.request({ method: 'GET', path: USER_PATH });
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

const v2 = (code: string, title: string) => ({ errors: [{ code, title }] });

describe('errors', () => {
  describe('the status table', () => {
    const table = [
      [400, BadRequestError, 'bad_request', 'Invalid page query parameters'],
      [401, AuthenticationError, 'unauthorized', 'Authorization is required'],
      [403, ForbiddenError, 'forbidden', 'Forbidden'],
      [404, NotFoundError, 'user_not_found', 'User not found'],
      [409, ConflictError, 'conflict', 'User already exists'],
      [423, LockedError, 'locked', 'Conversation is locked'],
      [429, RateLimitError, 'too_many_requests', 'Slow down'],
      [500, ServerError, 'internal_error', 'Internal error'],
      [503, ServiceUnavailableError, 'unavailable', 'Service unavailable'],
      [418, ApiError, 'teapot', 'I am a teapot'],
    ] as const;

    for (const [status, ErrorClass, code, title] of table) {
      it(`${status} gives ${ErrorClass.name} with status, code, title, method, url, headers and body`, async () => {
        const body = v2(code, title);
        const error = await failWith(status, body, { 'x-request-id': 'req-1' });
        expect(error).to.be.instanceOf(ErrorClass).and.instanceOf(ApiError).and.instanceOf(SmoochError);
        expect(error).to.be.instanceOf(Error);
        expect(error.constructor).to.equal(ErrorClass);
        expect(error.name).to.equal(ErrorClass.name);
        expect(error).to.include({ status, code, title, method: 'GET', url: USER_PATH });
        expect(error.errors).to.deep.equal([{ code, title }]);
        expect(error.headers['x-request-id']).to.equal('req-1');
        expect(error.body).to.deep.equal(body);
        expect(error.message).to.match(new RegExp(`^${status} ${code}: ${title} \\(GET ${USER_PATH}\\)`));
      });
    }

    it('words a 404 as "404 user_not_found: User not found (GET /v2/apps/…/users/…)"', async () => {
      const error = await failWith(404, v2('user_not_found', 'User not found'));
      expect(error.message).to.equal(`404 user_not_found: User not found (GET /v2/apps/${APP_ID}/users/bob)`);
    });

    it('tells how to make room on a 423', async () => {
      const error = await failWith(423, v2('locked', 'Conversation is locked'));
      expect(error.message)
        .to.match(/30,000-message limit/)
        .and.match(/deleteMessages\(\)/);
    });

    it('keeps every error of a 400 and words the message after the first', async () => {
      const body = { errors: [v2('bad_request', 'First').errors[0], v2('bad_request', 'Second').errors[0]] };
      const error = await failWith(400, body);
      expect(error.errors.map((e) => e.title)).to.deep.equal(['First', 'Second']);
      expect(error.title).to.equal('First');
    });
  });

  describe('RateLimitError.retryAfter', () => {
    it('reads Retry-After in seconds', async () => {
      const error = (await failWith(429, v2('too_many_requests', 'Slow down'), {
        'retry-after': '7',
      })) as RateLimitError;
      expect(error).to.be.instanceOf(RateLimitError);
      expect(error.retryAfter).to.equal(7);
    });

    it('reads Retry-After as an HTTP date', async () => {
      const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 5, 1, 12, 0, 0), toFake: ['Date'] });
      try {
        const when = new Date(Date.UTC(2026, 5, 1, 12, 2, 0)).toUTCString();
        const error = (await failWith(429, v2('too_many_requests', 'Slow down'), {
          'retry-after': when,
        })) as RateLimitError;
        expect(error.retryAfter).to.equal(120);
      } finally {
        clock.restore();
      }
    });

    it('is undefined without the header', async () => {
      const error = (await failWith(429, v2('too_many_requests', 'Slow down'))) as RateLimitError;
      expect(error.retryAfter).to.equal(undefined);
    });
  });

  describe('bodies', () => {
    it('reads a legacy v1 body {error:{code,description}}', async () => {
      const error = await failWith(404, { error: { code: 'not_found', description: 'App not found' } });
      expect(error).to.be.instanceOf(NotFoundError);
      expect(error).to.include({ code: 'not_found', title: 'App not found' });
      expect(error.message).to.equal(`404 not_found: App not found (GET ${USER_PATH})`);
    });

    it('turns an HTML 502 page into a ServerError with an excerpt of the page', async () => {
      const html =
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>';
      const error = await failWith(502, html, { 'content-type': 'text/html' });
      expect(error).to.be.instanceOf(ServerError);
      expect(error).to.include({ status: 502, code: 'http_502' });
      expect(error.title).to.equal('502 Bad Gateway 502 Bad Gateway');
      expect(error.message).to.equal(`502 http_502: 502 Bad Gateway 502 Bad Gateway (GET ${USER_PATH})`);
      expect(error.body).to.equal(html);
    });

    it('still gives a typed error for an empty body', async () => {
      const error = await failWith(500, '');
      expect(error).to.be.instanceOf(ServerError);
      expect(error.message).to.equal(`500 http_500: Request failed (GET ${USER_PATH})`);
    });

    it('gives a ParseError with an excerpt when a 200 body is not JSON', async () => {
      nock(BASE).get(USER_PATH).reply(200, '<html>maintenance</html>', { 'content-type': 'text/html' });
      let error: unknown;
      try {
        await testConnection().request({ method: 'GET', path: USER_PATH });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ParseError).and.instanceOf(SmoochError);
      expect((error as ParseError).excerpt).to.equal('<html>maintenance</html>');
    });
  });

  describe('credentials never show', () => {
    const jwtConnection = () =>
      new Connection({ keyId: 'app_test', secret: TEST_SECRET, appId: APP_ID, retry: { limit: 0 } });

    /** Every way an error may be shown or logged. */
    const shown = (error: Error) => [
      error.message,
      String(error.stack),
      util.inspect(error),
      util.inspect(error, { showHidden: true, depth: 10 }),
      JSON.stringify(error),
    ];

    for (const [mode, make] of [
      ['basic', () => testConnection()],
      ['jwt', jwtConnection],
    ] as const) {
      it(`neither the secret, the JWT nor the Basic value appear in ${mode} errors`, async () => {
        const connection = make();
        const token = connection.authorizer.header();
        const errors: Error[] = [
          await failWith(401, v2('unauthorized', 'Authorization is required'), {}, connection),
          await failWith(500, '<html>oops</html>', {}, connection),
        ];
        // A real local server that drops the connection: a transport error, with the same credentials.
        const server = http.createServer((request) => request.socket.destroy());
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const { port } = server.address() as AddressInfo;
        try {
          await connection
            .with({ baseUrl: `http://127.0.0.1:${port}` })
            .request({ method: 'GET', path: USER_PATH });
        } catch (error) {
          errors.push(error as Error);
        } finally {
          server.close();
        }
        expect(errors[2]).to.be.instanceOf(ConnectionError);
        for (const error of errors) {
          for (const text of shown(error)) {
            expect(text).not.to.include(TEST_SECRET);
            expect(text).not.to.include(token.replace(/^(Bearer|Basic) /, ''));
            expect(text).not.to.include(BASIC.slice(6));
          }
        }
      });
    }
  });

  describe('errorFromResponse', () => {
    it('falls back to ApiError for an unlisted 4xx and to ServerError for any 5xx', () => {
      const info = { method: 'GET', url: '/v2/apps', headers: {}, body: {} };
      expect(errorFromResponse({ ...info, status: 402 }).constructor).to.equal(ApiError);
      expect(errorFromResponse({ ...info, status: 599 })).to.be.instanceOf(ServerError);
    });

    it('gives a 503 as a ServiceUnavailableError, a ServerError, reading Retry-After', () => {
      const info = { method: 'GET', url: '/v2/apps', headers: { 'retry-after': '7' }, body: {} };
      const error = errorFromResponse({ ...info, status: 503 }) as ServiceUnavailableError;
      expect(error).to.be.instanceOf(ServiceUnavailableError).and.instanceOf(ServerError);
      expect(error.name).to.equal('ServiceUnavailableError');
      expect(error.retryAfter).to.equal(7);
      expect(errorFromResponse({ ...info, status: 502 }).constructor).to.equal(ServerError);
    });

    it('says how many attempts were made when there were retries', () => {
      const error = errorFromResponse({
        status: 503,
        method: 'GET',
        url: '/v2/apps',
        headers: {},
        body: {},
        attempts: 3,
      });
      expect(error.message).to.equal('503 http_503: Request failed (GET /v2/apps) after 3 attempts');
      expect(error.attempts).to.equal(3);
    });
  });

  describe('parseRetryAfter', () => {
    it('reads delay-seconds (digits only) and HTTP dates, never negative, undefined when unreadable', () => {
      const now = Date.UTC(2026, 0, 1);
      expect(parseRetryAfter('3', now)).to.equal(3);
      expect(parseRetryAfter(['2'], now)).to.equal(2);
      expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).to.equal(90);
      expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).to.equal(0);
      expect(parseRetryAfter(' 5 ', now)).to.equal(5);
      for (const invalid of ['-4', '0x3', '1e3', '1.5', '+3', 'Infinity', '2026-01-01']) {
        expect(parseRetryAfter(invalid, now), invalid).to.equal(undefined);
      }
      expect(parseRetryAfter('soon', now)).to.equal(undefined);
      expect(parseRetryAfter(undefined, now)).to.equal(undefined);
    });
  });

  describe('the other errors', () => {
    it('each has its name and sits in the tree', () => {
      const errors = [
        new ConfigurationError('x'),
        new ConnectionError('x', 'ECONNRESET', 'GET', '/'),
        new TimeoutError('request', 'GET', '/'),
        new ParseError('x', 'y'),
      ];
      expect(errors.map((e) => e.name)).to.deep.equal([
        'ConfigurationError',
        'ConnectionError',
        'TimeoutError',
        'ParseError',
      ]);
      for (const error of errors) expect(error).to.be.instanceOf(SmoochError);
      expect(errors[2]).to.be.instanceOf(ConnectionError);
      expect(errors[2]).to.include({ code: 'ETIMEDOUT', phase: 'request' });
    });
  });
});
