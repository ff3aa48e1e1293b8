/**
 * lib/type-metadata.ts reads class-transformer's storage, which is not its public API: these checks fail
 * loudly, naming what moved, when an upgrade of class-transformer changes the layout the adapter relies on.
 */
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { Exclude, Expose, Type } from 'class-transformer';
import { CONTENT_TYPES, Content } from '../lib/models/content/index.js';
import { Author, Message } from '../lib/models/message.js';
import { otherDecoratorOf, STORAGE_MODULE, typeMetadataOf } from '../lib/type-metadata.js';

describe("type metadata (lib/type-metadata.ts), class-transformer's storage layout", () => {
  it(`finds the storage where ${STORAGE_MODULE} says, with the methods the adapter calls`, () => {
    const module = createRequire(import.meta.url)(STORAGE_MODULE) as Record<string, unknown>;
    const storage = module.defaultMetadataStorage as Record<string, unknown> | undefined;
    expect(storage, `${STORAGE_MODULE} no longer exports defaultMetadataStorage`).to.be.an('object');
    for (const method of [
      'findTypeMetadata',
      'findTransformMetadatas',
      'getStrategy',
      'getExposedMetadatas',
      'getExcludedMetadatas',
    ]) {
      expect(storage![method], `defaultMetadataStorage.${method}`).to.be.a('function');
    }
  });

  it('reads a @Type the decorators wrote: its type function, options and reflected type', () => {
    class Holder {
      @Type(() => Date)
      at?: Date;
    }
    const at = typeMetadataOf(Holder, 'at');
    expect(at?.typeFunction()).to.equal(Date);
    expect(at?.typeFunction.length).to.equal(0);
    expect(at).to.have.property('reflectedType');
    expect(typeMetadataOf(Holder, 'other')).to.equal(undefined);
  });

  it('reads the models: a nested class, a discriminator with its subtypes, through subclasses too', () => {
    expect(typeMetadataOf(Message, 'author')?.typeFunction()).to.equal(Author);
    const content = typeMetadataOf(Message, 'content');
    expect(content?.typeFunction()).to.equal(Content);
    expect(content?.options.keepDiscriminatorProperty).to.equal(true);
    expect(content?.options.discriminator?.property).to.equal('type');
    expect(content?.options.discriminator?.subTypes).to.deep.equal(CONTENT_TYPES);
    for (const { name, value } of content!.options.discriminator!.subTypes) {
      expect(name).to.be.a('string');
      expect(value.prototype).to.be.instanceOf(Content);
    }
    class MyMessage extends Message {}
    expect(typeMetadataOf(MyMessage, 'author')?.typeFunction()).to.equal(Author);
  });

  it('tells which other decorators a class uses, and none on the models', () => {
    class Exposed {
      @Expose()
      a?: string;
    }
    class Excluded {
      @Exclude()
      a?: string;
    }
    @Exclude()
    class Strategy {}
    expect(otherDecoratorOf(Exposed)).to.equal('@Expose');
    expect(otherDecoratorOf(Excluded)).to.equal('@Exclude');
    expect(otherDecoratorOf(Strategy)).to.equal('an expose/exclude strategy');
    expect(otherDecoratorOf(Message)).to.equal(undefined);
  });
});
