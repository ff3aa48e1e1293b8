// Events can always be logged: invalid dates and hostile keys never make JSON.stringify, String or
// util.inspect throw (a handler that logs its event would otherwise answer 500 to every redelivery).
import { inspect } from 'node:util';
import { expect } from 'chai';
import { deliverWebhook, webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import type { EventOf } from '../../lib/webhooks/events.js';
import { Notification } from '../../lib/webhooks/notification.js';

const SECRET = 'test-webhook-secret-not-real';
const HOSTILE = { toString: 1, valueOf: {}, toJSON: 'x', hasOwnProperty: 2, inspect: 3 };

function hostileDelivery() {
  return webhookDelivery(
    webhookEvent('conversation:message', {
      createdAt: 'not a time',
      payload: {
        ...HOSTILE,
        conversation: { ...HOSTILE },
        user: { id: 'u1', signedUpAt: 'garbage', ...HOSTILE },
        message: { received: 'garbage', author: { type: 'user' }, ...HOSTILE },
      },
    }),
    { secret: SECRET },
  );
}

describe('webhook events are always loggable', () => {
  it('survive JSON.stringify, String and util.inspect with invalid dates and hostile keys', () => {
    const [event] = Notification.parse(hostileDelivery().body, { verify: false }).events as [
      EventOf<'conversation:message'>,
    ];
    expect(() => JSON.stringify(event)).not.to.throw();
    expect(String(event)).to.equal('[object Object]');
    expect(inspect(event, { depth: 10 })).to.include('conversation:message');
    for (const model of [event.conversation, event.user, event.message]) {
      expect(() => JSON.stringify(model)).not.to.throw();
      expect(String(model)).to.equal('[object Object]');
    }
  });

  it('show an invalid date as absent on the event and its models, the raw text kept in payload', () => {
    const [event] = Notification.parse(hostileDelivery().body, { verify: false }).events;
    if (event?.type !== 'conversation:message') throw new Error('expected a message event');
    expect(event.createdAt).to.equal(undefined);
    expect(event.message.received).to.equal(undefined);
    expect(event.user?.signedUpAt).to.equal(undefined);
    expect((event.payload.message as { received: string }).received).to.equal('garbage');
    expect(JSON.parse(JSON.stringify(event)).message).not.to.have.property('received');
    // Hostile keys stay data in the payload; only event-level methods are protected from them.
    expect(event.payload.toString).to.equal(1);
  });

  it('keep a handler that logs its event answering 200', async () => {
    const logged: string[] = [];
    const handler = Notification.handler({
      secret: SECRET,
      onEvent: (event) => void logged.push(JSON.stringify(event), String(event), inspect(event)),
    });
    expect((await deliverWebhook(handler, hostileDelivery())).status).to.equal(200);
    expect(logged).to.have.length(3);
  });
});
