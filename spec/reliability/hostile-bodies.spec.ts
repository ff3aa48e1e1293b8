// Answers a server may send that a model cannot hold (issue 17, items 4 and 6), from a real local server:
// each is a ParseError with an excerpt, or a model that still serialises, never a raw RangeError / TypeError.
import util from 'node:util';
import { expect } from 'chai';
import { ParseError } from '../../lib/errors.js';
import { App } from '../../lib/models/app.js';
import { AppUser } from '../../lib/models/app-user.js';
import { Key } from '../../lib/models/key.js';
import { APP_ID } from '../support/fixtures.js';
import { connectionTo, json, rejectionOf, startServer, type TestServer } from './server.js';

/** A JSON text nested `depth` levels deep, alternating objects and arrays. */
const nested = (depth: number): string => '{"a":['.repeat(depth / 2) + '"bottom"' + ']}'.repeat(depth / 2);

describe('reliability: bodies a model cannot hold, from a local server', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('a user nested 10,000 deep is a ParseError with a short excerpt, not a stack overflow', async () => {
    server = await startServer((_req, res) =>
      json(res, 200, `{"user":{"id":"u1","metadata":${nested(10_000)}}}`),
    );
    const error = await rejectionOf(AppUser.find('u1', { connection: connectionTo(server) }));
    expect(error).to.be.instanceOf(ParseError);
    const { excerpt, message } = error as ParseError;
    expect(excerpt).to.match(/^\{"id":"u1","metadata":\{"a":\[\{"a":\[/);
    expect(excerpt.length).to.be.below(80);
    expect(message).to.match(/^The API sent data nested deeper than 64 levels: /);
    expect(server.requests).to.have.length(1);
  });

  describe('a list field that is not an array', () => {
    it('is a ParseError naming the field, for a paginated list', async () => {
      server = await startServer((_req, res) =>
        json(res, 200, { apps: { id: 'a1' }, meta: { hasMore: false } }),
      );
      const error = await rejectionOf(App.all({}, { connection: connectionTo(server) }).first(1));
      expect(error).to.be.instanceOf(ParseError);
      expect(error.message).to.equal(
        'The API answered a list whose "apps" is not an array: "{\\"id\\":\\"a1\\"}"',
      );
    });

    it('is a ParseError for a one-page list too, and for an answer that is no object', async () => {
      server = await startServer((_req, res, n) => json(res, 200, n === 1 ? { keys: 'none' } : '["k1"]'));
      const connection = connectionTo(server);
      const notArray = await rejectionOf(Key.all({ connection }).toArray({ limit: 10 }));
      expect(notArray).to.be.instanceOf(ParseError);
      expect((notArray as ParseError).excerpt).to.equal('"none"');
      const noObject = await rejectionOf(Key.all({ connection }).toArray({ limit: 10 }));
      expect(noObject).to.be.instanceOf(ParseError);
      expect((noObject as ParseError).excerpt).to.equal('["k1"]');
      expect(server.requests.map((r) => r.url)).to.deep.equal([
        `/v2/apps/${APP_ID}/keys`,
        `/v2/apps/${APP_ID}/keys`,
      ]);
    });
  });

  it('an invalid date leaves the model serialisable, the value as sent visible', async () => {
    const sent = { id: 'u1', signedUpAt: 'garbage', profile: { givenName: 'Bob' } };
    server = await startServer((_req, res) => json(res, 200, { user: sent }));
    const user = await AppUser.find('u1', { connection: connectionTo(server) });
    expect(Number.isNaN(user.signedUpAt!.getTime())).to.equal(true);
    expect(JSON.parse(JSON.stringify(user))).to.deep.equal(sent);
    expect(String(user)).to.equal('[object Object]');
    expect(util.inspect(user)).to.contain('signedUpAt: Invalid Date');
    expect(user.isDirty).to.equal(false);
  });
});
