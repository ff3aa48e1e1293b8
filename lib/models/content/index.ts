/**
 * Every content class by the `type` it stands for, and the one function that turns what a caller passes to
 * `reply()` (a string, a content instance or a plain object) into the `content` of a message body.
 */
import { Content } from './content.js';
import { FormContent, FormResponseContent } from './form.js';
import { CarouselContent, ListContent } from './items.js';
import { LocationContent } from './location.js';
import { FileContent, ImageContent } from './media.js';
import { TemplateContent } from './template.js';
import { TextContent } from './text.js';
import { toWire } from '../../wire.js';

export { Content } from './content.js';
export type { Action, Item, Field } from './content.js';
export { TextContent } from './text.js';
export type { TextOptions } from './text.js';
export { ImageContent, FileContent } from './media.js';
export type { MediaContentOptions } from './media.js';
export { CarouselContent, ListContent } from './items.js';
export { LocationContent } from './location.js';
export type { Coordinates } from './location.js';
export { TemplateContent } from './template.js';
export { FormContent, FormResponseContent } from './form.js';

/** What `reply()` accepts as content: a content instance or the same shape as a plain object. */
export type ContentInput = Content | { type: string; [field: string]: unknown };

/**
 * The class-transformer discriminator table of `Message.content`, one entry per content type of the API.
 * A type missing here is not lost: class-transformer then falls back to the base `Content` with every field.
 */
export const CONTENT_TYPES: { name: string; value: new () => Content }[] = [
  { name: 'text', value: TextContent },
  { name: 'image', value: ImageContent },
  { name: 'file', value: FileContent },
  { name: 'carousel', value: CarouselContent },
  { name: 'list', value: ListContent },
  { name: 'location', value: LocationContent },
  { name: 'template', value: TemplateContent },
  { name: 'form', value: FormContent },
  { name: 'formResponse', value: FormResponseContent },
];

/**
 * The wire `content` of a message: a string becomes `{ type: 'text', text }`; objects are sent as given.
 * Throws a TypeError (before any request) for an empty string or an object without a `type`.
 * @example contentOf('Hello!') // { type: 'text', text: 'Hello!' }
 */
export function contentOf(input: string | ContentInput): Record<string, unknown> {
  if (typeof input === 'string') {
    if (input.length === 0) throw new TypeError('Cannot send an empty text message');
    return { type: 'text', text: input };
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError(`Message content must be a string or a content object, got ${describe(input)}`);
  }
  if (typeof input.type !== 'string' || input.type.length === 0) {
    throw new TypeError("Message content needs a 'type' (text, image, file, carousel, list, ...)");
  }
  return toWire(input) as Record<string, unknown>;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
