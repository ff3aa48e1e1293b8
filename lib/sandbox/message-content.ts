/**
 * Checks of message content by type (the fields each type requires), and the media facts the sandbox adds
 * to image and file messages whose mediaUrl it serves.
 */
import { badRequest } from './errors.js';
import { attachmentIdOf } from './media.js';
import type { AppState, Wire } from './store.js';
import { isPlainObject, text, url } from './validate.js';

const ARRAY_FIELD: Record<string, string> = {
  carousel: 'items',
  list: 'items',
  form: 'fields',
  formResponse: 'fields',
};

/**
 * Validates `content` in place (400 on a missing field) and fills mediaType / mediaSize of sandbox media.
 * @example validateContent({ type: 'text', text: 'Hi' }, app);
 */
export function validateContent(content: Wire, app: AppState): void {
  const type = text(content, 'type', { required: true });
  switch (type) {
    case 'text':
      if (content.actions === undefined) text(content, 'text', { required: true, max: 4096 });
      else text(content, 'text', { max: 4096 });
      return;
    case 'image':
    case 'file':
      url(content, 'mediaUrl', true);
      describeMedia(content, app);
      return;
    case 'location':
      if (!isPlainObject(content.coordinates) || typeof content.coordinates.lat !== 'number') {
        throw badRequest('content.coordinates with lat and long is required');
      }
      return;
    case 'template':
      if (!isPlainObject(content.template)) throw badRequest('content.template is required');
      return;
    default: {
      const field = type ? ARRAY_FIELD[type] : undefined;
      if (!field) throw badRequest(`Unknown content type: ${type}`);
      const items = content[field];
      if (!Array.isArray(items) || items.length === 0) throw badRequest(`content.${field} is required`);
    }
  }
}

function describeMedia(content: Wire, app: AppState): void {
  const id = attachmentIdOf(content.mediaUrl as string);
  const attachment = id === undefined ? undefined : app.attachments.get(id);
  if (!attachment) return;
  content.mediaType = attachment.mediaType;
  content.mediaSize = attachment.data.length;
}
