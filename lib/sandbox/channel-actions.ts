/**
 * The two channel-specific conversation operations: DownloadMessageRef (Apple's interactive data, resolved
 * from the refs the sandbox stored with simulated Apple messages) and PostConversionEvents (Meta conversion
 * events, counted and acknowledged for an app that has an integration of the channel).
 */
import { ANY, type Context, type Route } from './context.js';
import { badRequest, notFound } from './errors.js';
import { conversationOf, userOf } from './lookup.js';
import { bodyObject, isPlainObject, onlyFields, record, requiredText } from './validate.js';

const base = '/v2/apps/:appId/conversations/:conversationId';
const CHANNELS = ['messenger', 'instagram', 'whatsapp'];
const REF_FIELDS = ['url', 'bid', 'key', 'signature', 'owner'];

/** The routes of the channel actions. */
export const channelActionRoutes: Route[] = [
  {
    operation: 'DownloadMessageRef',
    method: 'POST',
    pattern: `${base}/download`,
    scopes: ANY,
    handler: download,
  },
  {
    operation: 'PostConversionEvents',
    method: 'POST',
    pattern: `${base}/conversionEvents`,
    scopes: ANY,
    handler: conversionEvents,
  },
];

function download(ctx: Context) {
  const conversation = conversationOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, ['userId', 'apple']);
  const user = userOf(ctx, requiredText(body, 'userId'));
  const apple = record(body, 'apple');
  const ref = apple ? record(apple, 'interactiveDataRef') : undefined;
  if (!ref) throw badRequest('apple.interactiveDataRef is required (only the apple channel is supported)');
  for (const field of REF_FIELDS) requiredText(ref, field);
  const stored = ctx.app.messageRefs.get(ref.url as string);
  const matches =
    stored &&
    stored.conversationId === conversation.wire.id &&
    stored.userId === user.wire.id &&
    REF_FIELDS.every((field) => stored.ref[field] === ref[field]);
  if (!matches) throw notFound('not_found', 'Message ref');
  return { body: structuredClone(stored.data) };
}

function conversionEvents(ctx: Context) {
  conversationOf(ctx);
  const body = bodyObject(ctx.body);
  onlyFields(body, CHANNELS);
  const channels = Object.keys(body);
  if (channels.length !== 1) throw badRequest(`Give events for exactly one of ${CHANNELS.join(', ')}`);
  const channel = channels[0]!;
  const event = record(body, channel)!;
  const payload = record(event, 'payload');
  const data = payload?.data;
  if (!Array.isArray(data) || data.length === 0 || !data.every(isPlainObject)) {
    throw badRequest(`${channel}.payload.data must be a non-empty array of objects`);
  }
  const integration = [...ctx.app.integrations.values()].find((candidate) => candidate.type === channel);
  if (!integration)
    throw badRequest(`The app has no ${channel} integration to send conversion events through`);
  return { body: { conversionEvents: { datasetId: integration.id, eventsReceived: data.length } } };
}
