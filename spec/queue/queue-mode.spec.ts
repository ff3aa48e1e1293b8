// Queue mode in one process, against a real redis-server: the handler enqueues and answers 200, a redelivery
// is not queued twice, workers bind models to the connection a resolver gives per app, and each handler's
// success counts across BullMQ's retries. Redis gone: 503 naming Redis.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import nock from 'nock';
import { QueueError, type WebhookWorker, WebhookQueue } from '../../lib/queue/index.js';
import { deliverWebhook, webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import { Notification } from '../../lib/webhooks/notification.js';
import type { Rejection } from '../../lib/webhooks/rejection.js';
import { BASE, testConnection } from '../support/fixtures.js';
import { describeWithRedis } from '../support/redis-server.js';

const SECRET = 'test-webhook-secret-not-real';

/** Resolves once `check` holds (polled), or rejects after `ms`. */
async function until(check: () => boolean, ms = 8000): Promise<void> {
  for (const start = Date.now(); !check();) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithRedis('queue mode (WebhookQueue)', (redis) => {
  const opened: { close(): Promise<void> }[] = [];
  const open = <T extends { close(): Promise<void> }>(thing: T): T => (opened.push(thing), thing);
  afterEach(
    async () =>
      void (await Promise.all(
        opened
          .splice(0)
          .reverse()
          .map((thing) => thing.close()),
      )),
  );
  const newQueue = () =>
    open(new WebhookQueue({ redis: redis().url, name: `q-${randomUUID()}`, backoff: 20 }));

  it('answers 200 once queued and queues a redelivered event once; a worker runs it once', async () => {
    const queue = newQueue();
    const ran: string[] = [];
    open<WebhookWorker>(queue.work({ on: { 'conversation:message': (event) => void ran.push(event.id) } }));
    const handler = Notification.handler({ secret: SECRET, queue });
    const delivery = webhookDelivery(webhookEvent('conversation:message', { id: 'e-1' }), { secret: SECRET });
    for (let i = 0; i < 3; i++) expect((await deliverWebhook(handler, delivery)).status).to.equal(200);
    await until(() => ran.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for a second run, were there one
    expect(ran).to.deep.equal(['e-1']);
  });

  it('binds the models to the connection the resolver gives for the delivery app', async () => {
    const queue = newQueue();
    const apps: (string | undefined)[] = [];
    let replied = false;
    open<WebhookWorker>(
      queue.work({
        connection: (appId) => (apps.push(appId), testConnection({ appId: appId! })),
        on: {
          'conversation:message': async (event) => {
            await event.conversation.reply('Got it');
            replied = true;
          },
        },
      }),
    );
    const delivery = webhookDelivery('conversation:message', { secret: SECRET, appId: 'tenant-app-7' });
    const conversationId = (delivery.json.events[0]!.payload.conversation as { id: string }).id;
    const api = nock(BASE)
      .post(`/v2/apps/tenant-app-7/conversations/${conversationId}/messages`)
      .reply(201, {
        messages: [{ id: 'm1', author: { type: 'business' }, content: { type: 'text', text: 'Got it' } }],
      });
    expect((await deliverWebhook(Notification.handler({ secret: SECRET, queue }), delivery)).status).to.equal(
      200,
    );
    await until(() => replied);
    expect(apps).to.deep.equal(['tenant-app-7']);
    api.done();
  });

  it('retries a failed job with backoff, running only the handlers that had not succeeded', async () => {
    const queue = newQueue();
    const ran: string[] = [];
    let failures = 2;
    const errors: string[] = [];
    open<WebhookWorker>(
      queue.work({
        onError: (error) => void errors.push((error as Error).message),
        on: { 'conversation:message': () => void ran.push('on') },
        onEvent: () => {
          ran.push('onEvent');
          if (failures-- > 0) throw new Error('crm down');
        },
      }),
    );
    const delivery = webhookDelivery('conversation:message', { secret: SECRET });
    await deliverWebhook(Notification.handler({ secret: SECRET, queue }), delivery);
    await until(() => ran.length === 4);
    expect(ran).to.deep.equal(['on', 'onEvent', 'onEvent', 'onEvent']);
    expect(errors).to.deep.equal(['crm down', 'crm down']);
  });

  it('refuses bad options with typed errors', () => {
    const queue = newQueue();
    expect(() => new WebhookQueue({} as never)).to.throw(TypeError, /needs \{ redis \}/);
    expect(() => new WebhookQueue({ redis: redis().url, attempts: 0 })).to.throw(RangeError, /attempts/);
    expect(() => new WebhookQueue({ redis: redis().url, name: 'a:b' })).to.throw(TypeError, /name/);
    expect(() => queue.work({})).to.throw(TypeError, /needs handlers/);
    expect(() => queue.work({ onEvent: () => {}, concurrency: 0 })).to.throw(RangeError, /concurrency/);
    expect(() => queue.work({ onEvent: () => {}, store: {} as never })).to.throw(TypeError, /EventStore/);
    expect(() => Notification.handler({ secret: SECRET, queue, on: {} })).to.throw(TypeError, /queue\.work/);
  });

  it('answers 503 naming Redis when it cannot enqueue (Redis stopped)', async () => {
    const queue = newQueue();
    const rejections: Rejection[] = [];
    const handler = Notification.handler({ secret: SECRET, queue, onReject: (r) => void rejections.push(r) });
    expect(
      (await deliverWebhook(handler, webhookDelivery('user:remove', { secret: SECRET }))).status,
    ).to.equal(200);
    await redis().stop();
    try {
      expect(
        (await deliverWebhook(handler, webhookDelivery('user:remove', { secret: SECRET }))).status,
      ).to.equal(503);
      expect(rejections).to.have.length(1);
      expect(rejections[0]).to.include({ status: 503, kind: 'queue-unavailable' });
      expect(rejections[0]!.error).to.be.instanceOf(QueueError);
      expect(rejections[0]!.reason).to.match(
        /^Could not enqueue the delivery: QueueError: Redis could not enqueue/,
      );
    } finally {
      await redis().restart(); // BullMQ closes only once it can reach Redis
    }
  });
});
