import { Content } from './content.js';

/**
 * A `template` message: a WhatsApp message template. Post it with `{ schema: 'whatsapp' }`.
 * @example
 * await conversation.reply(TemplateContent.of({ namespace: 'ns', name: 'hello_world', language: { policy: 'deterministic', code: 'en_US' } }), { schema: 'whatsapp' });
 */
export class TemplateContent extends Content {
  declare type: 'template';
  template!: Record<string, unknown>;
  blockChatInput?: boolean;

  /** A WhatsApp template. @example TemplateContent.of({ namespace, name: 'hello_world', language }) */
  static of(template: Record<string, unknown>): TemplateContent {
    return this.build({ type: 'template', template });
  }
}
