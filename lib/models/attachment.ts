import type { CallOptions } from '../connection/index.js';
import { type MediaOptions, type MediaSource, readMedia } from '../media.js';
import { multipart } from '../multipart.js';
import { bindingOf, callOptions, type InstanceCallOptions, load, Model, type ModelClass } from '../model.js';
import { resource } from '../resource.js';

/** Uploads and removals by media URL: none of the generic operations. */
const ATTACHMENTS = resource({
  path: '/v2/apps/{appId}/attachments',
  one: 'attachment',
  many: 'attachments',
  operations: [],
});

/** Options of `Attachment.upload`: where the file belongs, how to name and type it, and the call options. */
export interface UploadOptions extends CallOptions, Omit<MediaOptions, 'signal'> {
  /** Links the attachment to a conversation (needed for `for: 'message'`). */
  conversationId?: string;
  /** The only access level the API has; sent whether given or not (the API requires it). */
  access?: 'public';
  /** `message`: the attachment is deleted with the message, conversation or user that uses it. */
  for?: 'message';
}

/**
 * A file uploaded to the API, to send in an `image` or `file` message by its `mediaUrl`.
 * @example
 * const { mediaUrl, mediaType } = await Attachment.upload('./photo.jpg', { conversationId, for: 'message' });
 */
export class Attachment extends Model {
  /** The declaration of an app's attachments; `upload` and `delete` read its path. @example Attachment.resource.one // 'attachment' */
  static readonly resource = ATTACHMENTS;

  mediaUrl!: string;
  mediaType!: string;

  /**
   * Uploads a file path, Buffer, readable stream or Blob as multipart `source`. Files over 50 MB are refused
   * with a RangeError before any byte is sent.
   * @example const attachment = await Attachment.upload(buffer, { filename: 'receipt.pdf' });
   */
  static async upload<M extends Attachment>(
    this: ModelClass<M>,
    source: MediaSource,
    options: UploadOptions = {},
  ): Promise<M> {
    checkUploadOptions(options);
    const binding = bindingOf(options);
    const url = ATTACHMENTS.collectionPath(binding);
    const file = await readMedia(source, options);
    const { body, headers } = multipart('source', file.blob, file.filename);
    const query = { access: 'public', for: options.for, conversationId: options.conversationId };
    const request = { ...callOptions(options), method: 'POST' as const, path: url, query, body, headers };
    return load(this, binding, request, ATTACHMENTS.one);
  }

  /**
   * Deletes an uploaded file by its media URL (CDN caches may serve it for up to 15 more minutes).
   * @example await Attachment.delete(message.content.mediaUrl);
   */
  static async delete(mediaUrl: string, options: CallOptions = {}): Promise<void> {
    if (typeof mediaUrl !== 'string' || !/^https?:\/\//.test(mediaUrl)) {
      throw new TypeError(`mediaUrl must be an http(s) URL, got ${JSON.stringify(mediaUrl)}`);
    }
    const binding = bindingOf(options);
    await binding.connection.request({
      ...callOptions(options),
      method: 'POST',
      path: `${ATTACHMENTS.collectionPath(binding)}/remove`,
      json: { mediaUrl },
    });
  }

  /** Deletes this attachment. @example await attachment.delete(); */
  async delete(options: InstanceCallOptions = {}): Promise<void> {
    return Attachment.delete(this.mediaUrl, {
      ...callOptions(options),
      connection: this.connection,
      appId: this.ownerAppId,
    });
  }
}

function checkUploadOptions(options: UploadOptions): void {
  if (options.access !== undefined && options.access !== 'public') {
    throw new TypeError(
      `access must be 'public' (the only level the API supports), got ${JSON.stringify(options.access)}`,
    );
  }
  if (options.for !== undefined && options.for !== 'message') {
    throw new TypeError(
      `for must be 'message' (the only container the API supports), got ${JSON.stringify(options.for)}`,
    );
  }
  if (
    options.conversationId !== undefined &&
    (typeof options.conversationId !== 'string' || !options.conversationId)
  ) {
    throw new TypeError('conversationId must be a non-empty string when given');
  }
}
