// The testing kit users import as `smooch-record/testing`: deliveries of any trigger with defaults and
// overrides, their headers, and an in-memory delivery to a handler. The last suite is the README's example.
import { expect } from 'chai';
import sinon from 'sinon';
import {
  deliverWebhook,
  TEST_IDS,
  webhookDelivery,
  webhookEvent,
  webhookHeaders,
} from '../../lib/testing/index.js';
import { Notification } from '../../lib/webhooks/notification.js';
import { WEBHOOK_TRIGGERS } from '../../lib/webhooks/triggers.js';

describe('testing kit (smooch-record/testing)', () => {
  it('builds an event of every trigger with an id, its type, createdAt and a payload', () => {
    for (const trigger of WEBHOOK_TRIGGERS) {
      const event = webhookEvent(trigger);
      expect(event.id).to.match(/^[0-9a-f]{24}$/);
      expect(event.type).to.equal(trigger);
      expect(Date.parse(event.createdAt)).to.be.closeTo(Date.now(), 5000);
      expect(event.payload).to.be.an('object');
    }
    expect(webhookEvent('conversation:message').id).to.not.equal(webhookEvent('conversation:message').id);
  });

  it('merges payload overrides deeply, replaces arrays, removes keys set to undefined', () => {
    const event = webhookEvent('conversation:message', {
      id: 'evt-1',
      createdAt: new Date('2024-01-02T03:04:05.000Z'),
      payload: {
        message: { content: { text: 'Where is my order?' }, author: { user: undefined } },
        recentNotifications: [{ id: 'n1' }],
      },
    });
    expect(event.id).to.equal('evt-1');
    expect(event.createdAt).to.equal('2024-01-02T03:04:05.000Z');
    const message = event.payload.message as Record<string, Record<string, unknown>>;
    expect(message.content).to.deep.equal({ type: 'text', text: 'Where is my order?' });
    expect(message.author).to.deep.equal({ type: 'user', userId: TEST_IDS.user });
    expect(message.id).to.equal(TEST_IDS.message);
    expect(event.payload.recentNotifications).to.deep.equal([{ id: 'n1' }]);
  });

  it('builds a delivery of several events, with the body text and the X-API-Key header', () => {
    const delivery = webhookDelivery(['conversation:message', webhookEvent('user:remove', { id: 'e2' })], {
      secret: 'test-secret',
      appId: 'app-1',
      webhookId: 'wh-1',
    });
    expect(delivery.json.app).to.deep.equal({ id: 'app-1' });
    expect(delivery.json.webhook).to.deep.equal({ id: 'wh-1', version: 'v2' });
    expect(delivery.json.events.map((e) => e.type)).to.deep.equal(['conversation:message', 'user:remove']);
    expect(JSON.parse(delivery.body)).to.deep.equal(delivery.json);
    expect(delivery.headers).to.deep.equal({
      'content-type': 'application/json',
      'x-api-key': 'test-secret',
    });
    expect(webhookHeaders()).to.deep.equal({ 'content-type': 'application/json' });
    const parsed = Notification.parse(delivery.body, { headers: delivery.headers, secret: 'test-secret' });
    expect(parsed.events.map((e) => e.id)).to.deep.equal([delivery.json.events[0]!.id, 'e2']);
  });

  it('ignores prototype keys in overrides', () => {
    const payload = JSON.parse('{"__proto__":{"polluted":true},"reason":"api"}') as Record<string, unknown>;
    const event = webhookEvent('user:merge', { payload });
    expect(event.payload.reason).to.equal('api');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(event.payload)).to.equal(Object.prototype);
  });
});

// The README's "Testing your handler" example, run as written there.
describe('README: testing a webhook handler with the kit', () => {
  const secret = 'test-secret';
  const replies: string[] = [];
  const handler = Notification.handler({
    secret,
    on: {
      'conversation:message': (event) => {
        if (event.message.author.type === 'user') replies.push(`echo ${String(event.message.content.text)}`);
      },
    },
  });

  it('answers user messages', async () => {
    const delivery = webhookDelivery(
      webhookEvent('conversation:message', { payload: { message: { content: { text: 'Hi' } } } }),
      { secret },
    );
    const response = await deliverWebhook(handler, delivery);
    expect(response.status).to.equal(200);
    expect(replies).to.deep.equal(['echo Hi']);
  });

  it('refuses deliveries without the secret', async () => {
    const response = await deliverWebhook(handler, webhookDelivery('conversation:message'));
    expect(response.status).to.equal(401);
  });

  it('reports a failing handler as 500, so the API retries', async () => {
    const onError = sinon.spy();
    const failing = Notification.handler({
      secret,
      onError,
      on: { 'user:remove': () => Promise.reject(new Error('boom')) },
    });
    const response = await deliverWebhook(failing, webhookDelivery('user:remove', { secret }));
    expect(response.status).to.equal(500);
    expect(onError.calledOnce).to.equal(true);
  });
});
