import type { Action } from './content.js';
import { Content } from './content.js';

/** Options of a text message besides its text. */
export interface TextOptions {
  actions?: Action[];
  htmlText?: string;
  markdownText?: string;
  blockChatInput?: boolean;
  payload?: string;
}

/**
 * A `text` message: plain text (up to 4,096 characters), optionally with buttons or rich text.
 * @example await conversation.reply(TextContent.of('Pick one', { actions: [{ type: 'reply', text: 'Yes', payload: 'YES' }] }));
 */
export class TextContent extends Content {
  declare type: 'text';
  text?: string;
  htmlText?: string;
  markdownText?: string;
  blockChatInput?: boolean;
  actions?: Action[];
  /** The payload of the reply button this message answers. */
  payload?: string;

  /** A text message. @example TextContent.of('Hello!') */
  static of(text: string, options: TextOptions = {}): TextContent {
    return this.build({ type: 'text', text, ...options });
  }
}
