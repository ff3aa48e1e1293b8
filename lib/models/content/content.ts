/**
 * The base of every message content class, and the value types content classes share (actions, items, fields).
 * Content classes are value objects, not models: they have no id and no operations of their own.
 */

/** A message action (button): `postback`, `reply`, `link`, `webview`, `buy`, `locationRequest`, ... */
export interface Action {
  type: 'postback' | 'reply' | 'link' | 'webview' | 'buy' | 'locationRequest' | string;
  text: string;
  payload?: string;
  uri?: string;
  metadata?: Record<string, unknown> | null;
  [field: string]: unknown;
}

/** An item of a carousel or list message. */
export interface Item {
  title: string;
  description?: string;
  mediaUrl?: string;
  mediaType?: string;
  altText?: string;
  size?: 'compact' | 'large';
  actions: Action[];
  metadata?: Record<string, unknown> | null;
  [field: string]: unknown;
}

/** A field of a form (what to ask) or of a form response (what was answered). */
export interface Field {
  type: 'email' | 'select' | 'text' | string;
  name: string;
  label: string;
  text?: string;
  email?: string;
  select?: Record<string, unknown>[];
  placeholder?: string;
  minSize?: number;
  maxSize?: number;
  options?: { label: string; name: string }[];
  [field: string]: unknown;
}

/**
 * Message content of any type. Messages hold an instance of the subclass named by `type` (`TextContent` for
 * `text`, ...); a type this library does not know yet stays a plain `Content` with every field it came with.
 * @example if (message.content instanceof TextContent) console.log(message.content.text);
 */
export class Content {
  type!: string;
  [field: string]: unknown;

  /** Builds an instance of this class from its fields (the base of every `of()` builder). */
  protected static build<C extends Content>(this: new () => C, fields: Record<string, unknown>): C {
    const content = new this();
    for (const [key, value] of Object.entries(fields)) {
      // Leave unset options out, so the posted body holds only what the caller gave.
      if (value !== undefined) (content as Record<string, unknown>)[key] = value;
    }
    return content;
  }
}
