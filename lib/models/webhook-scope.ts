/**
 * Which integration a webhook call is about: webhooks live under `/integrations/{integrationId}/webhooks`, and
 * an integration-scope key names its own integration `me` (the spec's OAuth tag text).
 */
import type { Binding } from '../model.js';
import { Integration } from './integration.js';

/** The integration of a webhook call: the one given, `me` for an integration-scope key, else a clear error. */
export function integrationOf(binding: Binding, options: { integrationId?: string }): string {
  if (options.integrationId !== undefined) return options.integrationId;
  if (binding.connection.scope === 'integration') return 'me';
  throw new TypeError(
    'Webhooks belong to an integration: pass { integrationId } (Webhook.ensure finds or creates one for you)',
  );
}

/**
 * The integrations whose webhooks to search: the one given (or `me`), else every custom integration of the app.
 * @example for (const id of await integrationsOf(binding, options)) { ... }
 */
export async function integrationsOf(
  binding: Binding,
  options: { integrationId?: string } & Parameters<typeof Integration.all>[1],
): Promise<string[]> {
  if (options.integrationId !== undefined || binding.connection.scope === 'integration') {
    return [integrationOf(binding, options)];
  }
  const customs = await Integration.all({ types: ['custom'] }, options).toArray({ limit: 1000 });
  return customs.map((integration) => integration.id);
}
