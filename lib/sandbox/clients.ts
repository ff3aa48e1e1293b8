/**
 * Clients and devices of a user: CreateClient (channel linking; an `immediate` confirmation links at once
 * and fires client:add), ListClients, RemoveClient, ListDevices, GetDevice.
 */
import { ANY, type Context, type Route } from './context.js';
import { badRequest, notFound } from './errors.js';
import { newId, now } from './ids.js';
import { conversationOf, conversationTruncated, userOf, userTruncated } from './lookup.js';
import { page } from './paging.js';
import type { UserRecord, Wire } from './store.js';
import { bodyObject, onlyFields, record, requiredText, text } from './validate.js';

const user = '/v2/apps/:appId/users/:userId';
/** The field of matchCriteria that names the user on each linkable channel. */
const HANDLE: Record<string, string> = {
  mailgun: 'address',
  messagebird: 'phoneNumber',
  twilio: 'phoneNumber',
  whatsapp: 'phoneNumber',
};

/** The routes of clients and devices. */
export const clientRoutes: Route[] = [
  {
    operation: 'CreateClient',
    method: 'POST',
    pattern: `${user}/clients`,
    scopes: ANY,
    handler: createClient,
  },
  { operation: 'ListClients', method: 'GET', pattern: `${user}/clients`, scopes: ANY, handler: listClients },
  {
    operation: 'RemoveClient',
    method: 'DELETE',
    pattern: `${user}/clients/:clientId`,
    scopes: ANY,
    handler: removeClient,
  },
  { operation: 'ListDevices', method: 'GET', pattern: `${user}/devices`, scopes: ANY, handler: listDevices },
  {
    operation: 'GetDevice',
    method: 'GET',
    pattern: `${user}/devices/:deviceId`,
    scopes: ANY,
    handler: getDevice,
  },
];

function createClient(ctx: Context) {
  const owner = userOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, ['matchCriteria', 'confirmation', 'target']);
  const criteria = record(body, 'matchCriteria');
  const confirmation = record(body, 'confirmation');
  const target = record(body, 'target');
  if (!criteria || !confirmation || !target)
    throw badRequest('matchCriteria, confirmation and target are required');
  const type = text(criteria, 'type', { required: true, oneOf: Object.keys(HANDLE) })!;
  const handle = requiredText(criteria, HANDLE[type]!);
  const integrationId = requiredText(criteria, 'integrationId');
  const integration = ctx.app.integrations.get(integrationId);
  if (!integration) throw notFound('integration_not_found', 'Integration');
  if (integration.type !== type) throw badRequest(`matchCriteria.integrationId is not a ${type} integration`);
  const how = text(confirmation, 'type', { required: true, oneOf: ['immediate', 'userActivity', 'prompt'] });
  const conversation = conversationOf(ctx, requiredText(target, 'conversationId'));
  const client: Wire & { id: string; type: string } = {
    id: newId(),
    type,
    status: 'pending',
    integrationId,
    externalId: handle,
    lastSeen: null,
    linkedAt: null,
    displayName: null,
    avatarUrl: null,
    info: null,
    raw: null,
  };
  owner.clients.set(client.id, client);
  const answer = structuredClone(client);
  if (how === 'immediate') {
    // The channel confirms at once in the sandbox: the client is linked right after this response.
    Object.assign(client, { status: 'active', linkedAt: now(), lastSeen: now() });
    ctx.emit('client:add', {
      conversation: conversationTruncated(conversation),
      user: userTruncated(owner),
      client: structuredClone(client),
      reason: 'channelLinking',
      source: { type, integrationId },
    });
  }
  return { status: 201, body: { client: answer } };
}

function listClients(ctx: Context) {
  const { items, meta, links } = page(ctx, [...userOf(ctx).clients.values()]);
  return { body: { clients: items.map((item) => structuredClone(item)), meta, links } };
}

function removeClient(ctx: Context) {
  const owner = userOf(ctx);
  const client = clientOf(owner, ctx.params.clientId!);
  if (client.type === 'sdk') throw badRequest('An sdk client cannot be removed');
  owner.clients.delete(client.id);
  ctx.emit('client:remove', {
    conversation: null,
    user: userTruncated(owner),
    client: { ...structuredClone(client), status: 'inactive' },
    reason: 'api',
    source: { type: client.type, integrationId: client.integrationId },
  });
  return { body: {} };
}

function listDevices(ctx: Context) {
  const devices = [...userOf(ctx).devices.values()].sort((a, b) =>
    String(b.lastSeen).localeCompare(String(a.lastSeen)),
  );
  return { body: { devices: devices.map((device) => structuredClone(device)) } };
}

function getDevice(ctx: Context) {
  const device = userOf(ctx).devices.get(ctx.params.deviceId!);
  if (!device) throw notFound('device_not_found', 'Device');
  return { body: { device: structuredClone(device) } };
}

function clientOf(owner: UserRecord, id: string): Wire & { id: string; type: string } {
  const client = owner.clients.get(id);
  if (!client) throw notFound('client_not_found', 'Client');
  return client;
}
