// Notification.handler's secret from SMOOCH_WEBHOOK_SECRET, by the rule of the connection's variables: an
// explicit `secret` wins, an empty variable counts as unset, and no secret anywhere is a ConfigurationError
// naming the variable when the handler is made, before any delivery.
import { expect } from 'chai';
import { ConfigurationError } from '../../lib/errors.js';
import { deliverWebhook, webhookDelivery } from '../../lib/testing/index.js';
import { Notification } from '../../lib/webhooks/notification.js';

const FROM_ENV = 'env-webhook-secret-not-real';
const EXPLICIT = 'explicit-webhook-secret-not-real';

/** Runs `fn` with SMOOCH_WEBHOOK_SECRET set to `value` (unset for undefined), then restores it. */
async function withSecretVariable<T>(value: string | undefined, fn: () => Promise<T> | T): Promise<T> {
  const saved = process.env.SMOOCH_WEBHOOK_SECRET;
  if (value === undefined) delete process.env.SMOOCH_WEBHOOK_SECRET;
  else process.env.SMOOCH_WEBHOOK_SECRET = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.SMOOCH_WEBHOOK_SECRET;
    else process.env.SMOOCH_WEBHOOK_SECRET = saved;
  }
}

const statusWith = async (secret: string, handler: ReturnType<typeof Notification.handler>) =>
  (await deliverWebhook(handler, webhookDelivery('conversation:message', { secret }))).status;

describe('Notification.handler: the secret from SMOOCH_WEBHOOK_SECRET', () => {
  it('verifies with SMOOCH_WEBHOOK_SECRET when no secret is given', async () => {
    const handler = await withSecretVariable(FROM_ENV, () => Notification.handler({ onReject: () => {} }));
    expect(await statusWith(FROM_ENV, handler)).to.equal(200);
    expect(await statusWith(EXPLICIT, handler)).to.equal(401);
  });

  it('reads the variable once, when the handler is made', async () => {
    const handler = await withSecretVariable(FROM_ENV, () => Notification.handler({}));
    // Unset afterwards: the handler keeps the secret it was made with.
    expect(await withSecretVariable(undefined, () => statusWith(FROM_ENV, handler))).to.equal(200);
  });

  it('lets an explicit secret win over the variable', async () => {
    const handler = await withSecretVariable(FROM_ENV, () =>
      Notification.handler({ secret: EXPLICIT, onReject: () => {} }),
    );
    expect(await statusWith(EXPLICIT, handler)).to.equal(200);
    expect(await statusWith(FROM_ENV, handler)).to.equal(401);
  });

  it('throws a ConfigurationError naming the variable when no secret is set anywhere', async () => {
    for (const value of [undefined, '']) {
      await withSecretVariable(value, () => {
        expect(() => Notification.handler({})).to.throw(ConfigurationError, /SMOOCH_WEBHOOK_SECRET/);
        const unset = process.env.SMOOCH_RECORD_UNSET_TEST_SECRET;
        expect(() => Notification.handler({ secret: unset })).to.throw(
          ConfigurationError,
          /SMOOCH_WEBHOOK_SECRET/,
        );
      });
    }
  });

  it('does not fall back to the variable for an empty explicit secret', async () => {
    await withSecretVariable(FROM_ENV, () => {
      expect(() => Notification.handler({ secret: '' })).to.throw(TypeError, /secret is required/);
    });
  });
});
