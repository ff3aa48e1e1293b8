// Properties of webhook intake (issue 17, item 9): for arbitrary bodies and header sets, Notification.parse
// either succeeds or throws its documented ParseError / WebhookVerificationError, and the handler answers
// one of its documented statuses; neither ever changes Object.prototype.
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import fc from 'fast-check';
import { ParseError, WebhookVerificationError } from '../../lib/errors.js';
import { Notification } from '../../lib/webhooks/notification.js';
import type { WebhookRequest } from '../../lib/webhooks/read-body.js';
import { testConnection } from '../support/fixtures.js';
import { deliveryBody, prototypeState, settings } from './arbitraries.js';

const SECRET = 'test-webhook-secret-not-real';

/** Header sets: the right key (mostly), a wrong one, several, none, and random other headers. */
const headers = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(SECRET) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      { weight: 1, arbitrary: fc.constant([SECRET, SECRET] as string[]) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    fc.dictionary(fc.constantFrom('content-type', 'x-api-key-2', 'constructor', 'x'), fc.string(), {
      maxKeys: 3,
    }),
  )
  .map(([apiKey, rest]) => ({ ...rest, ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }) }));

/** A request as the handler sees it: a stream of the body's bytes, or a body a body parser already read. */
function requestOf(body: unknown, head: Record<string, unknown>, parsed: boolean): WebhookRequest {
  const bytes = typeof body === 'string' || body instanceof Uint8Array ? body : (JSON.stringify(body) ?? '');
  const stream = Readable.from([Buffer.from(bytes)]);
  return Object.assign(stream, { method: 'POST', headers: head, ...(parsed ? { body } : {}) }) as never;
}

/** The parts of a response the handler writes. */
function responseStub(): ServerResponse & { ended: boolean } {
  const res = {
    statusCode: 200,
    headersSent: false,
    ended: false,
    setHeader() {},
    end() {
      res.ended = true;
    },
  };
  return res as unknown as ServerResponse & { ended: boolean };
}

describe('property: webhook intake', () => {
  const connection = testConnection();

  it('Notification.parse succeeds or throws ParseError / WebhookVerificationError, leaving Object.prototype alone', () => {
    const before = prototypeState();
    fc.assert(
      fc.property(deliveryBody, headers, (body, head) => {
        try {
          const notification = Notification.parse(body as never, {
            headers: head,
            secret: SECRET,
            connection,
          });
          expect(notification.events).to.be.an('array');
        } catch (error) {
          expect(error).to.satisfy(
            (e: unknown) => e instanceof ParseError || e instanceof WebhookVerificationError,
            String(error),
          );
        }
        expect(prototypeState()).to.deep.equal(before);
      }),
      settings(3000),
    );
  });

  it('the handler answers 200, 400, 401 or 413 (never 500) to arbitrary deliveries, leaving Object.prototype alone', async () => {
    const before = prototypeState();
    const onError = (error: unknown) => {
      throw new Error(`reported as unexpected: ${String(error)}`);
    };
    const handler = Notification.handler({ secret: SECRET, connection, limit: 4096, dedupe: false, onError });
    await fc.assert(
      fc.asyncProperty(deliveryBody, headers, fc.boolean(), async (body, head, parsed) => {
        const res = responseStub();
        await handler(requestOf(body, head, parsed), res);
        expect(res.ended).to.equal(true);
        expect([200, 400, 401, 413]).to.include(res.statusCode);
        expect(prototypeState()).to.deep.equal(before);
      }),
      settings(2000),
    );
  });
});
