/**
 * Apps (account provisioning): CreateApp, ListApps, GetApp, UpdateApp, DeleteApp.
 */
import { ACCOUNT, APP, type Context, type Route } from './context.js';
import { badRequest } from './errors.js';
import { page } from './paging.js';
import type { AppState, Wire } from './store.js';
import { bodyObject, mergePatch, metadata, onlyFields, record, requiredText, text } from './validate.js';

const SETTINGS: Record<string, 'boolean' | 'integer'> = {
  conversationRetentionSeconds: 'integer',
  maskCreditCardNumbers: 'boolean',
  useAnimalNames: 'boolean',
  echoPostback: 'boolean',
  ignoreAutoConversationStart: 'boolean',
  multiConvoEnabled: 'boolean',
  appLocalizationEnabled: 'boolean',
  endSessionEnabled: 'boolean',
  disableConversationReopen: 'boolean',
};

/** The routes of apps. */
export const appRoutes: Route[] = [
  { operation: 'CreateApp', method: 'POST', pattern: '/v2/apps', scopes: ACCOUNT, handler: createApp },
  { operation: 'ListApps', method: 'GET', pattern: '/v2/apps', scopes: ACCOUNT, handler: listApps },
  { operation: 'GetApp', method: 'GET', pattern: '/v2/apps/:appId', scopes: APP, handler: getApp },
  { operation: 'UpdateApp', method: 'PATCH', pattern: '/v2/apps/:appId', scopes: APP, handler: updateApp },
  {
    operation: 'DeleteApp',
    method: 'DELETE',
    pattern: '/v2/apps/:appId',
    scopes: ACCOUNT,
    handler: deleteApp,
  },
];

function createApp(ctx: Context) {
  const body = bodyObject(ctx.body);
  onlyFields(body, ['displayName', 'settings', 'metadata']);
  const displayName = requiredText(body, 'displayName', { max: 100 });
  const app = ctx.store.createApp({ displayName, settings: settingsOf(body), metadata: metadata(body) });
  return { status: 201, body: { app: view(app) } };
}

function listApps(ctx: Context) {
  const serviceAccountId = ctx.query.get('filter[serviceAccountId]');
  if (serviceAccountId === '') throw badRequest('filter[serviceAccountId] must not be empty');
  // The sandbox has no service accounts: a filter on one matches no app.
  const apps = serviceAccountId === null ? [...ctx.store.apps.values()] : [];
  const { items, meta, links } = page(
    ctx,
    apps.map((app) => app.wire),
  );
  return { body: { apps: items.map((wire) => structuredClone(wire)), meta, links } };
}

function getApp(ctx: Context) {
  return { body: { app: { ...view(ctx.app), subdomain: `sandbox-${ctx.app.wire.id.slice(-6)}` } } };
}

function updateApp(ctx: Context) {
  const body = bodyObject(ctx.body);
  onlyFields(body, ['displayName', 'settings', 'metadata']);
  const wire = ctx.app.wire;
  const displayName = text(body, 'displayName', { max: 100 });
  if (displayName) wire.displayName = displayName;
  const settings = settingsOf(body);
  if (settings) wire.settings = { ...(wire.settings as Wire), ...settings };
  const meta = metadata(body);
  // PATCH semantics: keys given replace, null keys unset; `metadata: null` clears it.
  if (meta !== undefined)
    wire.metadata = meta === null ? null : mergePatch(wire.metadata as Wire | null, meta);
  return { body: { app: view(ctx.app) } };
}

function deleteApp(ctx: Context) {
  ctx.store.deleteApp(ctx.app.wire.id);
  return { body: {} };
}

function settingsOf(body: Wire): Wire | undefined {
  const settings = record(body, 'settings');
  if (!settings) return undefined;
  for (const [name, value] of Object.entries(settings)) {
    const kind = SETTINGS[name];
    if (!kind) throw badRequest(`Unknown app setting: ${name}`);
    const ok =
      kind === 'boolean' ? typeof value === 'boolean' : Number.isInteger(value) && Number(value) >= 0;
    if (!ok)
      throw badRequest(`settings.${name} must be ${kind === 'boolean' ? 'a boolean' : 'an integer >= 0'}`);
  }
  return settings;
}

function view(app: AppState): Wire {
  return structuredClone(app.wire);
}
