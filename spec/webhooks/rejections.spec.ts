// Nothing refused in silence: every answer but 200 reaches onReject with its status and reason, never the
// secret; bad options are typed errors before the handler exists.
import { inspect } from 'node:util';
import { expect } from 'chai';
import sinon from 'sinon';
import { deliverWebhook, webhookDelivery } from '../../lib/testing/index.js';
import { MemoryEventStore } from '../../lib/webhooks/memory-store.js';
import { Notification } from '../../lib/webhooks/notification.js';
import type { Rejection } from '../../lib/webhooks/rejection.js';
import type { HandlerOptions } from '../../lib/webhooks/types.js';

const SECRET = 'test-webhook-secret-not-real';

describe('Notification.handler: onReject', () => {
  const rejections: Rejection[] = [];
  const handle = (options: Partial<HandlerOptions> = {}) =>
    Notification.handler({
      secret: SECRET,
      onError: () => {},
      onReject: (rejection) => void rejections.push(rejection),
      ...options,
    });
  beforeEach(() => void rejections.splice(0));

  it('is told every refusal with its status, kind and reason, and never the secret', async () => {
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    const wrong = webhookDelivery('conversation:message', { secret: 'another-secret' });
    const h = handle({
      limit: 2000,
      on: {
        'conversation:message': () => {
          throw new Error(`bad key ${SECRET}`); // a handler error that happens to hold the secret
        },
      },
    });
    await deliverWebhook(h, wrong);
    await deliverWebhook(h, { body: '{"events":', headers: delivery.headers });
    await deliverWebhook(h, delivery, { method: 'GET' });
    await deliverWebhook(h, { body: 'x'.repeat(3000), headers: delivery.headers });
    await deliverWebhook(h, delivery);
    expect(rejections.map(({ status, kind }) => `${status} ${kind}`)).to.deep.equal([
      '401 unauthorized',
      '400 malformed',
      '405 method',
      '413 too-large',
      '500 handler-failed',
    ]);
    expect(rejections[0]!.reason).to.equal('X-API-Key does not match the webhook secret');
    expect(rejections[4]!.reason).to.match(/failed: Error: bad key \[secret\]$/);
    for (const { reason } of rejections) expect(reason).not.to.include(SECRET);
  });

  it('is told a 503 for a busy event, and a 503 naming the store when it fails', async () => {
    const store = new MemoryEventStore();
    sinon.stub(store, 'claim').rejects(new Error('connection reset'));
    await deliverWebhook(
      handle({ store, onEvent: () => {} }),
      webhookDelivery('user:remove', { secret: SECRET }),
    );
    expect(rejections[0]).to.include({ status: 503, kind: 'store-unavailable' });
    expect(rejections[0]!.reason).to.equal(
      'EventStoreError: The event store failed to claim: connection reset',
    );
  });

  it('logs one line by default', async () => {
    const warn = sinon.stub(console, 'warn');
    try {
      const h = Notification.handler({ secret: SECRET });
      await deliverWebhook(h, webhookDelivery('user:remove', { secret: 'wrong' }));
    } finally {
      warn.restore();
    }
    expect(warn.args).to.deep.equal([
      ['Webhook delivery answered 401: X-API-Key does not match the webhook secret'],
    ]);
  });
});

describe('Notification.handler: bad options', () => {
  const make = (options: object) => () =>
    Notification.handler({ secret: SECRET, ...options } as HandlerOptions);

  it('are TypeErrors or RangeErrors before the handler is made', () => {
    expect(make({ store: {} })).to.throw(TypeError, /claim, markDone and release/);
    expect(make({ store: { claim() {}, markDone() {} } })).to.throw(TypeError, /EventStore/);
    expect(make({ queue: {} })).to.throw(TypeError, /enqueue/);
    expect(make({ queue: { enqueue: async () => {} }, onEvent: () => {} })).to.throw(TypeError, /workers/);
    expect(make({ timeout: 0 })).to.throw(RangeError, /timeout/);
    expect(make({ timeout: '15s' })).to.throw(RangeError, /timeout/);
    expect(make({ timeout: 20, lease: 10 })).to.throw(RangeError, /lease .* at least timeout/);
    expect(make({ on: { 'conversation:message': 'reply' } })).to.throw(TypeError, /conversation:message/);
    expect(make({ onReject: true })).to.throw(TypeError, /onReject/);
    expect(make({ dedupe: 'yes' })).to.throw(TypeError, /dedupe/);
  });

  it('never show the secret in the error', () => {
    try {
      make({ store: 1 })();
    } catch (error) {
      expect(inspect(error)).not.to.include(SECRET);
      return;
    }
    expect.fail('should have thrown');
  });
});
