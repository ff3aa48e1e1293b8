import type { Field } from './content.js';
import { Content } from './content.js';

/**
 * A `form` message: 1-20 fields (text, email, select) for the user to fill in (Web Messenger and some channels).
 * @example await conversation.reply(FormContent.of([{ type: 'email', name: 'email', label: 'Your email?' }]));
 */
export class FormContent extends Content {
  declare type: 'form';
  fields!: Field[];
  /** Set by the API once the user has submitted the form. */
  submitted?: boolean;
  blockChatInput?: boolean;
  text?: string;

  /** A form. @example FormContent.of(fields, { blockChatInput: true }) */
  static of(fields: Field[], options: { text?: string; blockChatInput?: boolean } = {}): FormContent {
    return this.build({ type: 'form', fields, ...options });
  }
}

/**
 * A `formResponse` message: the fields a user submitted in answer to a form. Only users send these (the API
 * refuses them from the business), so there is no builder.
 * @example if (message.content instanceof FormResponseContent) console.log(message.content.textFallback);
 */
export class FormResponseContent extends Content {
  declare type: 'formResponse';
  fields!: Field[];
  /** `label: value` of every field, one per line. */
  textFallback?: string;
}
