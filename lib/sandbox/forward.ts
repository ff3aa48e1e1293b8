/**
 * `--forward-to URL`: a custom integration whose one webhook delivers every trigger to a local bot, as the
 * Stripe CLI's `listen --forward-to` does.
 */
import { newId } from './ids.js';
import { TRIGGERS } from './integration-types.js';
import type { AppState } from './store.js';
import { createWebhookRecord } from './webhooks.js';

/** What a forward made: the integration and webhook ids, and the secret deliveries carry in X-API-Key. */
export interface Forward {
  integrationId: string;
  webhookId: string;
  secret: string;
}

/**
 * Adds a custom integration with a webhook to `target` subscribed to every trigger.
 * @example const { secret } = forwardTo(app, 'http://127.0.0.1:3000/hooks');
 */
export function forwardTo(app: AppState, target: string): Forward {
  // Validates the URL and the 10-webhook limit before anything is stored.
  const webhook = createWebhookRecord(app, { target, triggers: [...TRIGGERS] });
  const integrationId = newId();
  app.integrations.set(integrationId, {
    id: integrationId,
    type: 'custom',
    status: 'active',
    displayName: 'smooch-record --forward-to',
  });
  app.webhooks.set(integrationId, new Map([[webhook.id, webhook]]));
  return { integrationId, webhookId: webhook.id, secret: webhook.secret };
}
