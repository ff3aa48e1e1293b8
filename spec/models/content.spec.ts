import { openApiDocument } from '../support/openapi.js';
import { expect } from 'chai';
import { hydrate } from '../../lib/model.js';
import {
  CarouselContent,
  Content,
  CONTENT_TYPES,
  contentOf,
  FileContent,
  FormContent,
  FormResponseContent,
  ImageContent,
  ListContent,
  LocationContent,
  TemplateContent,
  TextContent,
} from '../../lib/models/content/index.js';
import { Message } from '../../lib/models/message.js';
import { APP_ID, testConnection } from '../support/fixtures.js';
import { describeWithDocument } from '../support/with-document.js';

type Plain = Record<string, unknown>;

// The class each content type of the API must hydrate into; written out here so a wrong table fails.
const EXPECTED: Record<string, new () => Content> = {
  text: TextContent,
  image: ImageContent,
  file: FileContent,
  carousel: CarouselContent,
  list: ListContent,
  location: LocationContent,
  template: TemplateContent,
  form: FormContent,
  formResponse: FormResponseContent,
};

const binding = { connection: testConnection(), appId: APP_ID };
const messageWith = (content: unknown) =>
  hydrate(Message, { id: '5f748c1a2b5315fc007e7977', author: { type: 'business' }, content }, binding);

/** Every `content` object (with a string `type`) found anywhere in the document's examples. */
function contentExamples(doc: Plain): { name: string; content: Plain }[] {
  const found: { name: string; content: Plain }[] = [];
  const walk = (name: string, value: unknown): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(name, v));
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const c = child as Plain | null;
      if (key === 'content' && c && typeof c === 'object' && typeof c.type === 'string')
        found.push({ name, content: c });
      walk(name, child);
    }
  };
  const examples = ((doc.components as Plain).examples ?? {}) as Record<string, Plain>;
  for (const [name, example] of Object.entries(examples)) walk(name, example.value);
  return found;
}

/** A minimal object built from a schema (required fields, examples, defaults, first enum values). */
function sampleOf(doc: Plain, schema: Plain): unknown {
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Plain)[key], doc);
    return sampleOf(doc, target as Plain);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((part: Plain) => sampleOf(doc, part) as Plain));
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === 'array') return [sampleOf(doc, schema.items as Plain)];
  if (schema.properties || schema.type === 'object') {
    const out: Plain = {};
    const properties = (schema.properties ?? {}) as Record<string, Plain>;
    for (const key of (schema.required as string[] | undefined) ?? [])
      out[key] = sampleOf(doc, properties[key] ?? {});
    return out;
  }
  return schema.type === 'number' || schema.type === 'integer'
    ? 1
    : schema.type === 'boolean'
      ? true
      : 'sample';
}

describe('Message content', () => {
  // The OpenAPI document is reference data outside the repository: read at test time, never copied.
  describeWithDocument('hydration from the OpenAPI document', () => {
    const doc = openApiDocument();
    const schemas = (doc.components as Plain).schemas as Record<string, Plain>;
    const mapping = ((schemas.content!.discriminator as Plain).mapping ?? {}) as Record<string, string>;
    const examples = contentExamples(doc);

    it('has a content class for every type of the spec’s content discriminator, and no other', () => {
      expect(Object.keys(mapping).sort()).to.deep.equal(Object.keys(EXPECTED).sort());
      expect(CONTENT_TYPES.map((t) => t.name).sort()).to.deep.equal(Object.keys(mapping).sort());
    });

    for (const type of Object.keys(mapping)) {
      const found = examples.filter((e) => e.content.type === type);
      const cases = found.length
        ? found.map((e) => ({ label: `example ${e.name}`, content: e.content }))
        : [
            {
              label: 'a sample built from its schema: the document has no example of it',
              content: sampleOf(doc, { $ref: mapping[type] }) as Plain,
            },
          ];
      for (const { label, content } of cases) {
        it(`hydrates ${type} from ${label} into ${EXPECTED[type]!.name}, losing nothing`, () => {
          const message = messageWith(content);
          expect(message.content).to.be.instanceOf(EXPECTED[type]!);
          expect(message.content.type).to.equal(type);
          expect(message.toJSON().content).to.deep.equal(content);
        });
      }
    }
  });

  describe('unknown types', () => {
    it('keeps a content type this library does not know as a plain Content, every field intact', () => {
      const content = { type: 'sticker', sticker: { id: '5', pack: { name: 'cats' } }, list: [1, { a: 2 }] };
      const message = messageWith(content);
      expect(message.content.constructor).to.equal(Content);
      expect(message.content.type).to.equal('sticker');
      expect(message.content.sticker).to.deep.equal({ id: '5', pack: { name: 'cats' } });
      expect(message.toJSON().content).to.deep.equal(content);
    });

    it('keeps content without a type, and a type named like an Object member, as plain Content', () => {
      for (const content of [{ text: 'no type' }, { type: 'constructor', text: 'x' }, { type: 'toString' }]) {
        const message = messageWith(content);
        expect(message.content.constructor).to.equal(Content);
        expect(message.toJSON().content).to.deep.equal(content);
      }
    });
  });

  describe('builders', () => {
    it('build each content type with only the options given', () => {
      const actions = [{ type: 'postback', text: 'Select', payload: 'TACOS' }];
      const items = [{ title: 'Tacos', actions }];
      const fields = [{ type: 'email', name: 'email', label: 'Your email?' }];
      const cases: [Content, Plain][] = [
        [TextContent.of('Hello!'), { type: 'text', text: 'Hello!' }],
        [TextContent.of('Pick', { actions, htmlText: undefined }), { type: 'text', text: 'Pick', actions }],
        [
          ImageContent.of('https://example.org/a.jpg', { altText: 'A' }),
          { type: 'image', mediaUrl: 'https://example.org/a.jpg', altText: 'A' },
        ],
        [
          FileContent.of('https://example.org/a.pdf', { text: 'FAQ' }),
          { type: 'file', mediaUrl: 'https://example.org/a.pdf', text: 'FAQ' },
        ],
        [CarouselContent.of(items), { type: 'carousel', items }],
        [ListContent.of(items, { actions }), { type: 'list', items, actions }],
        [
          LocationContent.of({ lat: 45.5, long: -73.5 }),
          { type: 'location', coordinates: { lat: 45.5, long: -73.5 } },
        ],
        [
          TemplateContent.of({ name: 'hello_world' }),
          { type: 'template', template: { name: 'hello_world' } },
        ],
        [FormContent.of(fields, { blockChatInput: true }), { type: 'form', fields, blockChatInput: true }],
      ];
      for (const [built, plain] of cases) {
        expect(built).to.be.instanceOf(EXPECTED[plain.type as string]!);
        expect(contentOf(built)).to.deep.equal(plain);
      }
    });
  });

  describe('contentOf', () => {
    it('turns a string into a text content and passes objects through as plain data', () => {
      expect(contentOf('Hi')).to.deep.equal({ type: 'text', text: 'Hi' });
      const plain = { type: 'location', coordinates: { lat: 1, long: 2 } };
      const sent = contentOf(plain);
      expect(sent).to.deep.equal(plain);
      expect(sent).to.not.equal(plain); // a copy: later edits of the caller's object cannot change the body
    });

    it('refuses empty text, non-objects and objects without a type', () => {
      expect(() => contentOf('')).to.throw(TypeError, 'empty text');
      expect(() => contentOf(null as never)).to.throw(TypeError, 'got null');
      expect(() => contentOf([] as never)).to.throw(TypeError, 'got an array');
      expect(() => contentOf({ type: '' })).to.throw(TypeError, "needs a 'type'");
    });
  });
});
