/**
 * The one place that reads class-transformer's metadata storage, where its `@Type` decorators write the models'
 * schema. Why a deep import: the storage is not part of class-transformer's public API, so this file is the
 * seam to change if its layout does (spec/type-metadata.spec.ts fails loudly when it has).
 */
import { createRequire } from 'node:module';
import 'reflect-metadata';
import { TransformationType, Type } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import type { TypeMetadata } from 'class-transformer/types/interfaces/metadata/type-metadata.interface.js';

/** The storage module of the CommonJS build: the build Node resolves 'class-transformer' to. */
export const STORAGE_MODULE = 'class-transformer/cjs/storage.js';

const { defaultMetadataStorage: storage } = createRequire(import.meta.url)(STORAGE_MODULE) as {
  defaultMetadataStorage: MetadataStorage;
};

/** A class whose metadata is read: a model, or a nested class of one. */
export type Decorated = abstract new (...args: never[]) => unknown;

class Sentinel {
  @Type(() => Date)
  at?: Date;
}

let verified = false;

/**
 * The storage, once it is known to hold what the decorators wrote. Why the check: a bundler may resolve
 * 'class-transformer' to its ESM build, whose storage is another object; reading this one would then see no
 * `@Type` at all and hydrate dates as strings without a word. Failing loudly tells the user what to change.
 */
function metadata(): MetadataStorage {
  if (!verified) {
    if (storage?.findTypeMetadata?.(Sentinel, 'at')?.typeFunction?.() !== Date) {
      throw new TypeError(
        `smooch-record cannot read the @Type decorators of its models from ${STORAGE_MODULE}: ` +
          'resolve \'class-transformer\' to its CommonJS build (package.json "main") in your bundler',
      );
    }
    verified = true;
  }
  return storage;
}

/**
 * The decorator that makes class-transformer treat `Class` in a way only `@Type` does not (`@Expose`,
 * `@Exclude`, an expose/exclude strategy), or undefined when it has none.
 * @example otherDecoratorOf(AppUser) // undefined
 */
export function otherDecoratorOf(Class: Decorated): string | undefined {
  const store = metadata();
  if (store.getStrategy(Class) !== 'none') return 'an expose/exclude strategy';
  if (store.getExposedMetadatas(Class).length > 0) return '@Expose';
  if (store.getExcludedMetadatas(Class).length > 0) return '@Exclude';
  return undefined;
}

/**
 * The `@Type` metadata of `key` of `Class` (inherited from its base classes too), or undefined. Throws a
 * TypeError when the key has a `@Transform`, which the hydrator does not run.
 * @example typeMetadataOf(AppUser, 'signedUpAt')?.typeFunction() // Date
 */
export function typeMetadataOf(Class: Decorated, key: string): TypeMetadata | undefined {
  const store = metadata();
  if (store.findTransformMetadatas(Class, key, TransformationType.PLAIN_TO_CLASS).length > 0) {
    throw new TypeError(`${Class.name}.${key} has a @Transform, which smooch-record's models do not use`);
  }
  return store.findTypeMetadata(Class, key);
}
