// X-API-Key verification: any header casing, constant time, length-safe, secrets never in errors.
import { inspect } from 'node:util';
import { expect } from 'chai';
import { WebhookVerificationError } from '../../lib/errors.js';
import { webhookDelivery } from '../../lib/testing/index.js';
import { Notification } from '../../lib/webhooks/notification.js';

const SECRET = 'test-webhook-secret-not-real';

function failure(fn: () => unknown): WebhookVerificationError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
  throw new Error('expected a WebhookVerificationError');
}

describe('Notification.verify', () => {
  for (const name of ['X-API-Key', 'x-api-key', 'X-Api-Key', 'X-API-KEY']) {
    it(`accepts the secret in a "${name}" header`, () => {
      expect(() => Notification.verify({ [name]: SECRET }, SECRET)).to.not.throw();
    });
  }

  it('accepts a Fetch Headers object and a one-element array', () => {
    expect(() => Notification.verify(new Headers({ 'X-API-Key': SECRET }), SECRET)).to.not.throw();
    expect(() => Notification.verify({ 'x-api-key': [SECRET] }, SECRET)).to.not.throw();
  });

  it('refuses a missing, empty or repeated header', () => {
    expect(failure(() => Notification.verify({}, SECRET)).message).to.match(/Missing X-API-Key/);
    expect(failure(() => Notification.verify(undefined, SECRET)).message).to.match(/Missing X-API-Key/);
    expect(failure(() => Notification.verify({ 'x-api-key': '' }, SECRET)).message).to.match(/Missing/);
    failure(() => Notification.verify({ 'x-api-key': [SECRET, SECRET] }, SECRET));
  });

  it('refuses a wrong key of the same length, a shorter one, a longer one, without RangeError', () => {
    const wrong = SECRET.replace(/.$/, 'X');
    for (const key of [wrong, SECRET.slice(0, 5), `${SECRET}-and-more`, 'é'.repeat(SECRET.length)]) {
      expect(failure(() => Notification.verify({ 'x-api-key': key }, SECRET)).message).to.match(
        /does not match/,
      );
    }
  });

  it('accepts any one of several secrets (rotation)', () => {
    expect(() =>
      Notification.verify({ 'x-api-key': 'new-secret' }, ['old-secret', 'new-secret']),
    ).to.not.throw();
    failure(() => Notification.verify({ 'x-api-key': 'other' }, ['old-secret', 'new-secret']));
  });

  it('refuses a missing or empty secret as a setup mistake (TypeError), not a verification failure', () => {
    expect(() => Notification.verify({ 'x-api-key': 'x' }, '')).to.throw(TypeError, /secret is required/);
    expect(() => Notification.verify({ 'x-api-key': 'x' }, [])).to.throw(TypeError);
    expect(() => Notification.verify({ 'x-api-key': 'x' }, undefined as unknown as string)).to.throw(
      TypeError,
    );
  });

  it('never puts the secret or the received key in the error', () => {
    const received = 'received-key-not-real';
    const error = failure(() => Notification.verify({ 'x-api-key': received }, SECRET));
    for (const text of [error.message, error.stack ?? '', inspect(error), JSON.stringify(error)]) {
      expect(text).to.not.include(SECRET);
      expect(text).to.not.include(received);
    }
  });
});

describe('Notification.parse with a secret', () => {
  it('verifies before parsing: a wrong key fails even on a malformed body', () => {
    expect(() =>
      Notification.parse('{not json', { headers: { 'x-api-key': 'wrong' }, secret: SECRET }),
    ).to.throw(WebhookVerificationError);
  });

  it('parses a verified delivery; a secret without the header is a verification failure', () => {
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    expect(
      Notification.parse(delivery.body, { headers: delivery.headers, secret: SECRET }).events,
    ).to.have.length(1);
    expect(() => Notification.parse(delivery.body, { secret: SECRET })).to.throw(WebhookVerificationError);
  });
});

describe('Notification.parse without a secret', () => {
  const delivery = webhookDelivery('conversation:message', { secret: SECRET });
  const required = /secret is required to verify deliveries; pass \{ verify: false \}/;

  it('refuses a secret that is undefined (an unset environment variable), empty or an empty list', () => {
    const unset = process.env.SMOOCH_RECORD_UNSET_TEST_SECRET;
    expect(unset).to.equal(undefined);
    for (const secret of [unset, '', []]) {
      expect(() => Notification.parse(delivery.body, { headers: delivery.headers, secret })).to.throw(
        TypeError,
        required,
      );
      expect(() => Notification.parse(delivery.body, { secret })).to.throw(TypeError, required);
    }
  });

  it('refuses headers without a secret, and no options at all: not verifying must be asked for', () => {
    expect(() => Notification.parse(delivery.body, { headers: delivery.headers })).to.throw(
      TypeError,
      required,
    );
    expect(() => Notification.parse(delivery.body)).to.throw(TypeError, required);
    expect(() => Notification.parse(delivery.json, { maxDepth: 10 })).to.throw(TypeError, required);
  });

  it('parses without verifying only with { verify: false }, which a secret contradicts', () => {
    expect(Notification.parse(delivery.body, { verify: false }).events).to.have.length(1);
    const forged = { ...delivery.headers, 'x-api-key': 'forged-key-not-real' };
    expect(Notification.parse(delivery.body, { headers: forged, verify: false }).events).to.have.length(1);
    expect(() => Notification.parse(delivery.body, { secret: SECRET, verify: false })).to.throw(
      TypeError,
      /either a secret or \{ verify: false \}/,
    );
    const verify = 'no' as unknown as boolean;
    expect(() => Notification.parse(delivery.body, { verify })).to.throw(TypeError, /verify must be/);
  });

  it('verifies with { verify: true } and a secret, and still refuses a missing secret', () => {
    const ok = Notification.parse(delivery.body, { headers: delivery.headers, secret: SECRET, verify: true });
    expect(ok.events).to.have.length(1);
    expect(() => Notification.parse(delivery.body, { headers: delivery.headers, verify: true })).to.throw(
      TypeError,
      required,
    );
  });
});
