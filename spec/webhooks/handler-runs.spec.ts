// Each handler's success counts, and a handler that never settles is answered so the API retries.
import { expect } from 'chai';
import { deliverWebhook, webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import { Notification } from '../../lib/webhooks/notification.js';
import type { Rejection } from '../../lib/webhooks/rejection.js';
import type { HandlerOptions } from '../../lib/webhooks/types.js';

const SECRET = 'test-webhook-secret-not-real';

function handler(options: Partial<HandlerOptions>, rejections: Rejection[] = []) {
  return Notification.handler({
    secret: SECRET,
    onError: () => {},
    onReject: (rejection) => void rejections.push(rejection),
    ...options,
  });
}

describe('Notification.handler: each handler succeeds once', () => {
  it('does not run `on` again when onEvent failed: a retry runs only onEvent', async () => {
    const ran: string[] = [];
    let failures = 2;
    const handle = handler({
      on: { 'conversation:message': () => void ran.push('on') },
      onEvent: () => {
        ran.push('onEvent');
        if (failures-- > 0) throw new Error('crm down');
      },
    });
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await deliverWebhook(handle, delivery)).status);
    expect(statuses).to.deep.equal([500, 500, 200, 200]);
    expect(ran).to.deep.equal(['on', 'onEvent', 'onEvent', 'onEvent']);
  });

  it('runs the events after a failed one on the retry, and not those before', async () => {
    const ran: string[] = [];
    let failOnce = true;
    const handle = handler({
      on: {
        'conversation:remove': (event) => {
          ran.push(event.id);
          if (event.id === 'b' && failOnce) {
            failOnce = false;
            throw new Error('database down');
          }
        },
      },
    });
    const delivery = webhookDelivery(
      ['a', 'b', 'c'].map((id) => webhookEvent('conversation:remove', { id })),
      { secret: SECRET },
    );
    expect((await deliverWebhook(handle, delivery)).status).to.equal(500);
    expect((await deliverWebhook(handle, delivery)).status).to.equal(200);
    expect(ran).to.deep.equal(['a', 'b', 'b', 'c']);
  });

  it('answers 503 when the handlers outlive `timeout`; a retry then gets 503 until the run ends', async () => {
    const rejections: Rejection[] = [];
    let finish!: () => void;
    let runs = 0;
    const handle = handler(
      {
        timeout: 50,
        on: {
          'conversation:message': () => {
            runs++;
            return new Promise<void>((resolve) => (finish = resolve));
          },
        },
      },
      rejections,
    );
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    expect((await deliverWebhook(handle, delivery)).status).to.equal(503);
    expect(rejections[0]).to.include({ status: 503, kind: 'timeout' });
    expect(rejections[0]!.reason).to.match(/did not finish within 50 ms/);
    // The first run still holds its claim: the retry neither runs it twice at once nor is told 200.
    expect((await deliverWebhook(handle, delivery)).status).to.equal(503);
    expect(rejections[1]).to.include({ status: 503, kind: 'busy' });
    finish(); // the first run succeeds after all: its success counts
    await new Promise((resolve) => setImmediate(resolve));
    expect((await deliverWebhook(handle, delivery)).status).to.equal(200);
    expect(runs).to.equal(1);
  });

  it('lets a retry run a handler again once the lease of a run that never ended is over', async () => {
    let runs = 0;
    const handle = handler({
      timeout: 30,
      lease: 100,
      on: {
        'conversation:message': () => {
          runs++;
          if (runs === 1) return new Promise(() => {}); // never settles
        },
      },
    });
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    expect((await deliverWebhook(handle, delivery)).status).to.equal(503);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await deliverWebhook(handle, delivery)).status).to.equal(200);
    expect(runs).to.equal(2);
  });

  it('reports a failure of a run that had timed out to onError (not lost)', async () => {
    const errors: unknown[] = [];
    let fail!: (error: Error) => void;
    const handle = handler({
      timeout: 20,
      onError: (error) => void errors.push(error),
      on: { 'conversation:message': () => new Promise((_, reject) => (fail = reject)) },
    });
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    expect((await deliverWebhook(handle, delivery)).status).to.equal(503);
    fail(new Error('late failure'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => (error as Error).message)).to.deep.equal(['late failure']);
  });
});
