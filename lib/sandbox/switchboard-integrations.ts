/**
 * Switchboard integrations (at most 10 per switchboard): CreateSwitchboardIntegration, ListSwitchboardIntegrations,
 * UpdateSwitchboardIntegration, DeleteSwitchboardIntegration (refused for the default one and for one another
 * names as its next). Each links one integration of the app by `integrationId` (custom integrations) or by
 * `integrationType` (an OAuth client such as `zd:agentWorkspace`, simulated: it gets an integration id of its own).
 */
import { APP, type Context, type Route } from './context.js';
import { badRequest, notFound, SandboxHttpError } from './errors.js';
import { newId } from './ids.js';
import type { SwitchboardIntegrationWire, SwitchboardRecord, Wire } from './store.js';
import { switchboardOf } from './switchboards.js';
import { bodyObject, flag, onlyFields, text } from './validate.js';

const base = '/v2/apps/:appId/switchboards/:switchboardId/switchboardIntegrations';
const FIELDS = [
  'name',
  'integrationId',
  'integrationType',
  'deliverStandbyEvents',
  'nextSwitchboardIntegrationId',
  'messageHistoryCount',
];

/** The routes of switchboard integrations. */
export const switchboardIntegrationRoutes: Route[] = [
  { operation: 'CreateSwitchboardIntegration', method: 'POST', pattern: base, scopes: APP, handler: create },
  { operation: 'ListSwitchboardIntegrations', method: 'GET', pattern: base, scopes: APP, handler: list },
  {
    operation: 'UpdateSwitchboardIntegration',
    method: 'PATCH',
    pattern: `${base}/:switchboardIntegrationId`,
    scopes: APP,
    handler: update,
  },
  {
    operation: 'DeleteSwitchboardIntegration',
    method: 'DELETE',
    pattern: `${base}/:switchboardIntegrationId`,
    scopes: APP,
    handler: remove,
  },
];

function create(ctx: Context) {
  const switchboard = switchboardOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, FIELDS);
  if (switchboard.integrations.size >= 10) {
    throw new SandboxHttpError(
      400,
      'too_many_switchboard_integrations',
      'Switchboard has reached the max number of switchboard integrations (10)',
    );
  }
  const name = text(body, 'name', { required: true, max: 128 })!;
  if (body.integrationId === undefined && body.integrationType === undefined) {
    throw badRequest('One of integrationId or integrationType is required');
  }
  const wire: SwitchboardIntegrationWire = {
    id: newId(),
    name,
    ...link(ctx, switchboard, body),
    deliverStandbyEvents: flag(body, 'deliverStandbyEvents') ?? true,
    nextSwitchboardIntegrationId: null,
    messageHistoryCount: null,
  };
  apply(switchboard, wire, body);
  switchboard.integrations.set(wire.id, wire);
  return { status: 201, body: { switchboardIntegration: view(wire) } };
}

function list(ctx: Context) {
  const switchboard = switchboardOf(ctx);
  return { body: { switchboardIntegrations: [...switchboard.integrations.values()].map(view) } };
}

function update(ctx: Context) {
  const switchboard = switchboardOf(ctx);
  const wire = integrationOf(ctx, switchboard);
  const body = bodyObject(ctx.body);
  onlyFields(body, FIELDS);
  const linked = body.integrationId !== undefined || body.integrationType !== undefined;
  const changes: Wire = { ...(linked ? link(ctx, switchboard, body, wire.id) : {}) };
  // Checked on a copy first, so that a refused field leaves the record as it was.
  apply(switchboard, { ...wire }, body);
  Object.assign(wire, changes);
  apply(switchboard, wire, body);
  return { body: { switchboardIntegration: view(wire) } };
}

function remove(ctx: Context) {
  const switchboard = switchboardOf(ctx);
  const wire = integrationOf(ctx, switchboard);
  if (switchboard.wire.defaultSwitchboardIntegrationId === wire.id) {
    throw badRequest('The default switchboard integration cannot be deleted: choose another default first');
  }
  const referrer = [...switchboard.integrations.values()].find(
    (other) => other.nextSwitchboardIntegrationId === wire.id,
  );
  if (referrer) throw badRequest(`Switchboard integration ${referrer.name} names it as its next`);
  switchboard.integrations.delete(wire.id);
  // As the API: conversations it controlled get the default integration at their next activity.
  for (const conversation of ctx.app.conversations.values()) {
    for (const state of ['activeSwitchboardIntegration', 'pendingSwitchboardIntegration'] as const) {
      if ((conversation.wire[state] as Wire | null)?.id === wire.id) conversation.wire[state] = null;
    }
  }
  return { body: {} };
}

/** `integrationId` (an integration of this app) or `integrationType` (an OAuth client): exactly one. */
function link(ctx: Context, switchboard: SwitchboardRecord, body: Wire, self?: string) {
  if (body.integrationId !== undefined && body.integrationType !== undefined) {
    throw badRequest("Can't provide both integrationId and integrationType");
  }
  const integrationId = text(body, 'integrationId');
  const others = [...switchboard.integrations.values()].filter((other) => other.id !== self);
  if (integrationId) {
    const integration = ctx.app.integrations.get(integrationId);
    if (!integration) throw badRequest('integrationId names no integration of this app');
    if (others.some((other) => other.integrationId === integrationId)) {
      throw badRequest('That integration is already linked to the switchboard');
    }
    return { integrationId, integrationType: integration.type };
  }
  const integrationType = text(body, 'integrationType', { required: true, max: 128 })!;
  // An OAuth client the app granted access links its grant's integration, so its webhooks are routed.
  const grant = [...ctx.app.oauthGrants.values()].find((candidate) => candidate.clientId === integrationType);
  return { integrationType, integrationId: grant?.integrationId ?? newId() };
}

/** Checks and sets name, deliverStandbyEvents, nextSwitchboardIntegrationId and messageHistoryCount. */
function apply(switchboard: SwitchboardRecord, wire: SwitchboardIntegrationWire, body: Wire): void {
  const name = text(body, 'name', { max: 128 });
  if (name !== undefined && name !== null) {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw badRequest('name may hold only letters, digits, - and _');
    const taken = [...switchboard.integrations.values()].some((o) => o.name === name && o.id !== wire.id);
    if (taken) throw badRequest(`A switchboard integration named ${name} exists`);
    wire.name = name;
  }
  wire.deliverStandbyEvents = flag(body, 'deliverStandbyEvents') ?? wire.deliverStandbyEvents;
  const next = text(body, 'nextSwitchboardIntegrationId', { nullable: true });
  if (next && (next === wire.id || !switchboard.integrations.has(next))) {
    throw badRequest(
      'nextSwitchboardIntegrationId names no other switchboard integration of this switchboard',
    );
  }
  if (next !== undefined) wire.nextSwitchboardIntegrationId = next;
  const count = body.messageHistoryCount;
  if (count !== undefined && count !== null && !(Number.isInteger(count) && +count >= 1 && +count <= 10)) {
    throw badRequest('messageHistoryCount must be an integer from 1 to 10, or null');
  }
  if (count !== undefined) wire.messageHistoryCount = count as number | null;
}

function integrationOf(ctx: Context, switchboard: SwitchboardRecord): SwitchboardIntegrationWire {
  const wire = switchboard.integrations.get(ctx.params.switchboardIntegrationId!);
  if (!wire) throw notFound('switchboard_integration_not_found', 'SwitchboardIntegration');
  return wire;
}

/** The wire shape (nulls of the optional fields left out). */
function view(wire: SwitchboardIntegrationWire): Wire {
  const out: Wire = { ...wire };
  for (const field of ['nextSwitchboardIntegrationId', 'messageHistoryCount']) {
    if (out[field] === null) delete out[field];
  }
  return out;
}
