import type { Action, Item } from './content.js';
import { Content } from './content.js';

/**
 * A `carousel` message: horizontally scrollable items (1-10), each with a title and 1-3 actions.
 * @example
 * await conversation.reply(CarouselContent.of([{ title: 'Tacos', actions: [{ type: 'postback', text: 'Select', payload: 'TACOS' }] }]));
 */
export class CarouselContent extends Content {
  declare type: 'carousel';
  items!: Item[];
  displaySettings?: { imageAspectRatio?: 'horizontal' | 'square' };
  blockChatInput?: boolean;
  /** The plain-text fallback the API adds for channels without carousels. */
  text?: string;

  /** A carousel. @example CarouselContent.of(items, { displaySettings: { imageAspectRatio: 'square' } }) */
  static of(
    items: Item[],
    options: { displaySettings?: CarouselContent['displaySettings']; blockChatInput?: boolean } = {},
  ): CarouselContent {
    return this.build({ type: 'carousel', items, ...options });
  }
}

/**
 * A `list` message: a vertical list of items (1-10) with optional message-level actions.
 * @example await conversation.reply(ListContent.of(items, { actions: [{ type: 'link', text: 'More', uri: 'https://example.org' }] }));
 */
export class ListContent extends Content {
  declare type: 'list';
  items!: Item[];
  actions?: Action[];
  blockChatInput?: boolean;
  /** The plain-text fallback the API adds for channels without lists. */
  text?: string;

  /** A list. @example ListContent.of(items) */
  static of(items: Item[], options: { actions?: Action[]; blockChatInput?: boolean } = {}): ListContent {
    return this.build({ type: 'list', items, ...options });
  }
}
