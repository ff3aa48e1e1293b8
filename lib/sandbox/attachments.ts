/**
 * Attachments: UploadAttachment (multipart `source`, `access=public` required) stores the file in memory, up
 * to the sandbox's upload cap (413 beyond it), and serves it back at an unguessable mediaUrl;
 * DeleteAttachment removes it.
 */
import { ANY, type Context, type Route } from './context.js';
import { badRequest, notFound, SandboxHttpError } from './errors.js';
import { newToken } from './ids.js';
import { conversationOf } from './lookup.js';
import { MEDIA_PREFIX } from './media.js';
import { bodyObject, requiredText } from './validate.js';

/** The routes of attachments. */
export const attachmentRoutes: Route[] = [
  {
    operation: 'UploadAttachment',
    method: 'POST',
    pattern: '/v2/apps/:appId/attachments',
    scopes: ANY,
    handler: upload,
  },
  {
    operation: 'DeleteAttachment',
    method: 'POST',
    pattern: '/v2/apps/:appId/attachments/remove',
    scopes: ANY,
    handler: remove,
  },
];

async function upload(ctx: Context) {
  const access = ctx.query.get('access');
  if (access !== 'public') throw badRequest('access=public is required');
  const purpose = ctx.query.get('for');
  if (purpose !== null && purpose !== 'message') throw badRequest('for must be message');
  const conversationId = ctx.query.get('conversationId');
  if (purpose === 'message' && !conversationId)
    throw badRequest('conversationId is required when for=message');
  if (conversationId) conversationOf(ctx, conversationId);
  const source = ctx.form?.get('source');
  if (!source || typeof source === 'string')
    throw badRequest('A file is required in the multipart field source');
  const held = ctx.store.uploadedBytes();
  if (held + source.size > ctx.store.uploadLimitBytes) {
    throw new SandboxHttpError(
      413,
      'payload_too_large',
      `The sandbox holds ${held} bytes of uploads and takes at most ${ctx.store.uploadLimitBytes}: ` +
        'delete attachments (DeleteAttachment) or start it with a higher uploadLimitBytes',
    );
  }
  // Why a random token and not a record id: the URL is the file's only credential, so it must be unguessable.
  const id = newToken();
  const name = encodeURIComponent(source.name || 'file');
  const mediaType = source.type || 'application/octet-stream';
  const mediaUrl = `${ctx.baseUrl}${MEDIA_PREFIX}${ctx.app.wire.id}/${id}/${name}`;
  ctx.app.attachments.set(id, { id, mediaUrl, mediaType, data: Buffer.from(await source.arrayBuffer()) });
  return { status: 201, body: { attachment: { mediaUrl, mediaType } } };
}

function remove(ctx: Context) {
  const mediaUrl = requiredText(bodyObject(ctx.body), 'mediaUrl');
  const attachment = [...ctx.app.attachments.values()].find((candidate) => candidate.mediaUrl === mediaUrl);
  if (!attachment) throw notFound('not_found', 'Attachment');
  ctx.app.attachments.delete(attachment.id);
  return { body: {} };
}
