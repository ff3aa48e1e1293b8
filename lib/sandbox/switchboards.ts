/**
 * Switchboards (one per app): CreateSwitchboard (disabled, no default), ListSwitchboards, UpdateSwitchboard
 * (`enabled` needs a default switchboard integration), DeleteSwitchboard (its switchboard integrations go too,
 * and every conversation's switchboard state is cleared).
 */
import { APP, type Context, type Route } from './context.js';
import { badRequest, notFound } from './errors.js';
import { newId } from './ids.js';
import type { SwitchboardRecord, Wire } from './store.js';
import { bodyObject, flag, onlyFields, text } from './validate.js';

const one = '/v2/apps/:appId/switchboards/:switchboardId';

/** The routes of switchboards. */
export const switchboardRoutes: Route[] = [
  {
    operation: 'CreateSwitchboard',
    method: 'POST',
    pattern: '/v2/apps/:appId/switchboards',
    scopes: APP,
    handler: create,
  },
  {
    operation: 'ListSwitchboards',
    method: 'GET',
    pattern: '/v2/apps/:appId/switchboards',
    scopes: APP,
    handler: list,
  },
  { operation: 'UpdateSwitchboard', method: 'PATCH', pattern: one, scopes: APP, handler: update },
  { operation: 'DeleteSwitchboard', method: 'DELETE', pattern: one, scopes: APP, handler: remove },
];

function create(ctx: Context) {
  // The operation takes no body; one sent anyway must at least be an object.
  if (ctx.body !== undefined) onlyFields(bodyObject(ctx.body), []);
  if (ctx.app.switchboards.size > 0) throw badRequest('Only one switchboard can be created per app');
  const switchboard: SwitchboardRecord = {
    wire: { id: newId(), enabled: false, defaultSwitchboardIntegrationId: null },
    integrations: new Map(),
  };
  ctx.app.switchboards.set(switchboard.wire.id, switchboard);
  return { status: 201, body: { switchboard: switchboardView(switchboard) } };
}

function list(ctx: Context) {
  return { body: { switchboards: [...ctx.app.switchboards.values()].map(switchboardView) } };
}

function update(ctx: Context) {
  const switchboard = switchboardOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, ['enabled', 'defaultSwitchboardIntegrationId']);
  const enabled = flag(body, 'enabled') ?? switchboard.wire.enabled;
  const defaultId = text(body, 'defaultSwitchboardIntegrationId', { nullable: true });
  if (defaultId && !switchboard.integrations.has(defaultId)) {
    throw badRequest('defaultSwitchboardIntegrationId names no switchboard integration of this switchboard');
  }
  const nextDefault = defaultId === undefined ? switchboard.wire.defaultSwitchboardIntegrationId : defaultId;
  if (enabled && !nextDefault) {
    throw notFound('switchboard_integration_not_found', 'Default switchboard integration');
  }
  switchboard.wire.enabled = enabled;
  switchboard.wire.defaultSwitchboardIntegrationId = nextDefault;
  return { body: { switchboard: switchboardView(switchboard) } };
}

function remove(ctx: Context) {
  const switchboard = switchboardOf(ctx);
  ctx.app.switchboards.delete(switchboard.wire.id);
  for (const conversation of ctx.app.conversations.values()) {
    conversation.wire.activeSwitchboardIntegration = null;
    conversation.wire.pendingSwitchboardIntegration = null;
  }
  return { body: {} };
}

/** The switchboard named by the path, or a 404 `switchboard_not_found`. @example switchboardOf(ctx) */
export function switchboardOf(ctx: Context): SwitchboardRecord {
  const switchboard = ctx.app.switchboards.get(ctx.params.switchboardId!);
  if (!switchboard) throw notFound('switchboard_not_found', 'Switchboard');
  return switchboard;
}

/** The wire shape of a switchboard (no default id while there is none, as the API's example). */
function switchboardView(switchboard: SwitchboardRecord): Wire {
  const { id, enabled, defaultSwitchboardIntegrationId } = switchboard.wire;
  return defaultSwitchboardIntegrationId === null
    ? { id, enabled }
    : { id, enabled, defaultSwitchboardIntegrationId };
}
