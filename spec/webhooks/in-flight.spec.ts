// Notification.handler while an event's handler is still running: a retry of it must neither run it again nor
// be told 200 (the event would be lost should the first run then fail). A real node:http server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { webhookDelivery, webhookEvent } from '../../lib/testing/index.js';
import type { WebhookEvent } from '../../lib/webhooks/events.js';
import type { HandlerOptions } from '../../lib/webhooks/types.js';
import { Notification } from '../../lib/webhooks/notification.js';
import { post } from './post.js';

const SECRET = 'test-webhook-secret-not-real';

/** A promise the test settles, and one that resolves when the handler starts waiting on it. */
const gates: { release(error?: Error): void }[] = [];

function gate() {
  let release!: (error?: Error) => void;
  let started!: () => void;
  const open = new Promise<void>((resolve, reject) => {
    release = (error) => (error ? reject(error) : resolve());
  });
  const waiting = new Promise<void>((resolve) => (started = resolve));
  const made = { open, waiting, release, started };
  gates.push(made);
  return made;
}

describe('Notification.handler with an event still running', () => {
  let server: Server | undefined;

  async function serve(options: Partial<HandlerOptions>): Promise<string> {
    server = createServer(Notification.handler({ secret: SECRET, onError: () => {}, ...options }));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  }

  afterEach(async () => {
    // A failed assertion must not leave a handler (and so the server) waiting forever.
    for (const waiting of gates.splice(0)) waiting.release();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('answers 503 to the retry without running it; after a failure the next retry runs it and gets 200', async () => {
    const first = gate();
    const ran: string[] = [];
    const url = await serve({
      onEvent: async (event: WebhookEvent) => {
        ran.push(event.id);
        if (ran.length === 1) {
          first.started();
          await first.open;
        }
      },
    });
    const delivery = webhookDelivery(webhookEvent('conversation:message', { id: 'e1' }), { secret: SECRET });

    const pending = post(url, delivery.body, delivery.headers);
    await first.waiting;
    const retry = await post(url, delivery.body, delivery.headers);
    expect(retry.status).to.equal(503);
    expect(ran).to.deep.equal(['e1']);

    first.release(new Error('database down'));
    expect((await pending).status).to.equal(500);

    const again = await post(url, delivery.body, delivery.headers);
    expect(again.status).to.equal(200);
    expect(ran).to.deep.equal(['e1', 'e1']);
    // Handled now: a late duplicate is answered 200 without running it a third time.
    expect((await post(url, delivery.body, delivery.headers)).status).to.equal(200);
    expect(ran).to.deep.equal(['e1', 'e1']);
  });

  it('claims every event of a delivery before running the first, and frees them when one fails', async () => {
    const first = gate();
    const ran: string[] = [];
    const url = await serve({
      onEvent: async (event: WebhookEvent) => {
        ran.push(event.id);
        if (event.id === 'a' && ran.length === 1) {
          first.started();
          await first.open;
        }
      },
    });
    const [a, b] = ['a', 'b'].map((id) => webhookEvent('conversation:remove', { id }));
    const both = webhookDelivery([a!, b!], { secret: SECRET });
    const onlyB = webhookDelivery(b!, { secret: SECRET });

    const pending = post(url, both.body, both.headers);
    await first.waiting;
    expect((await post(url, onlyB.body, onlyB.headers)).status).to.equal(503);
    expect(ran).to.deep.equal(['a']);

    first.release(new Error('database down'));
    expect((await pending).status).to.equal(500);
    expect((await post(url, onlyB.body, onlyB.headers)).status).to.equal(200);
    expect((await post(url, both.body, both.headers)).status).to.equal(200);
    expect(ran).to.deep.equal(['a', 'b', 'a']);
  });
});
