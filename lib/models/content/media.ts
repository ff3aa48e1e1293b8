import type { Action } from './content.js';
import { Content } from './content.js';

/** Options of an image or file message besides its URL. */
export interface MediaContentOptions {
  /** A description for accessibility (max 128 characters); the API saves the file name when omitted. */
  altText?: string;
  text?: string;
  htmlText?: string;
  markdownText?: string;
  blockChatInput?: boolean;
}

/**
 * An `image` message. `mediaType` and `mediaSize` are set by the API.
 * @example await conversation.reply(ImageContent.of('https://example.org/tacos.jpg', { altText: 'Tacos' }));
 */
export class ImageContent extends Content {
  declare type: 'image';
  mediaUrl!: string;
  mediaType?: string;
  mediaSize?: number;
  altText?: string;
  text?: string;
  htmlText?: string;
  markdownText?: string;
  blockChatInput?: boolean;
  actions?: Action[];
  attachmentId?: string;

  /** An image message. @example ImageContent.of(url, { altText: 'A giant taco' }) */
  static of(mediaUrl: string, options: MediaContentOptions & { actions?: Action[] } = {}): ImageContent {
    return this.build({ type: 'image', mediaUrl, ...options });
  }
}

/**
 * A `file` message (any document). `mediaType` and `mediaSize` are set by the API.
 * @example await conversation.reply(FileContent.of('https://example.org/FAQ.pdf', { text: "Here's our FAQ!" }));
 */
export class FileContent extends Content {
  declare type: 'file';
  mediaUrl!: string;
  mediaType?: string;
  mediaSize?: number;
  altText?: string;
  text?: string;
  htmlText?: string;
  markdownText?: string;
  blockChatInput?: boolean;
  attachmentId?: string;

  /** A file message. @example FileContent.of(url, { altText: 'FAQ.pdf' }) */
  static of(mediaUrl: string, options: MediaContentOptions = {}): FileContent {
    return this.build({ type: 'file', mediaUrl, ...options });
  }
}
