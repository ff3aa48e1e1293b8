/**
 * Which integration a webhook call is about: webhooks live under `/integrations/{integrationId}/webhooks`, and
 * an integration-scope key names its own integration `me` (the spec's OAuth tag text).
 */
import { type Binding, bindingOf } from '../model.js';
import type { Owner, ResourceCallOptions } from '../resource.js';
import { Integration } from './integration.js';

/** The integration of a webhook call: the one given, `me` for an integration-scope key, else a clear error. */
export function integrationOf(binding: Binding, options: { integrationId?: string | undefined }): string {
  if (options.integrationId !== undefined) return options.integrationId;
  if (binding.connection.scope === 'integration') return 'me';
  throw new TypeError(
    'Webhooks belong to an integration: pass { integrationId } (Webhook.ensure finds or creates one for you)',
  );
}

/**
 * The owner of a webhook call, for the webhooks resource: the integration given (or `me`) and the binding.
 * @example webhookOwner(options.integrationId, options) // { binding, id: '5e4a...' }
 */
export function webhookOwner(integrationId: string | undefined, options: ResourceCallOptions): Owner {
  const binding = bindingOf(options);
  return { binding, id: integrationOf(binding, { integrationId }) };
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
