// Redis stopped while a handler runs: the delivery is answered 503 (the API retries), never 200 with the
// event lost, and the error names Redis; deliveries while it is down are refused the same way.
import { expect } from 'chai';
import { RedisEventStore } from '../../lib/redis/index.js';
import { deliverWebhook, webhookDelivery } from '../../lib/testing/index.js';
import { EventStoreError } from '../../lib/webhooks/event-store.js';
import { Notification } from '../../lib/webhooks/notification.js';
import type { Rejection } from '../../lib/webhooks/rejection.js';
import { describeWithRedis } from '../support/redis-server.js';

const SECRET = 'test-webhook-secret-not-real';

describeWithRedis('RedisEventStore with Redis stopped', (redis) => {
  it('answers 503 naming Redis, while the handler runs and after', async () => {
    const store = new RedisEventStore({ redis: redis().url });
    const rejections: Rejection[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const handler = Notification.handler({
      secret: SECRET,
      store,
      onReject: (rejection) => void rejections.push(rejection),
      on: {
        'conversation:message': async () => {
          started();
          await new Promise<void>((resolve) => (finish = resolve));
        },
      },
    });
    try {
      const delivery = webhookDelivery('conversation:message', { secret: SECRET });
      const pending = deliverWebhook(handler, delivery);
      await running;
      await redis().stop();
      finish();
      expect((await pending).status).to.equal(503);
      expect((await deliverWebhook(handler, delivery)).status).to.equal(503);
      expect(rejections.map((rejection) => rejection.kind)).to.deep.equal([
        'store-unavailable',
        'store-unavailable',
      ]);
      for (const rejection of rejections) {
        expect(rejection.error).to.be.instanceOf(EventStoreError);
        expect(rejection.reason).to.match(/^EventStoreError: Redis could not (mark the event done|claim)/);
      }
    } finally {
      await store.close();
    }
  });
});
