/**
 * A direct hydrator: what class-transformer's `plainToInstance` does with the metadata the models use (`@Type`
 * to `Date` or to a class, one discriminator), at a fraction of its cost. Why: hydration was the largest CPU
 * cost of the library (bench/ANALYSIS.md, target 1). The decorators stay the source of the types; this reads
 * them once per class and property. Anything else (`@Expose`, `@Exclude`, `@Transform`, `Map`, ...) makes it
 * give up with `UNSUPPORTED`, and `lib/model.ts` falls back to class-transformer.
 */
import { createRequire } from 'node:module';
import 'reflect-metadata';
import { TransformationType, Type } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

// The storage the decorators write to: a module of the CommonJS build (the one Node resolves), without types.
const { defaultMetadataStorage: storage } = createRequire(import.meta.url)(
  'class-transformer/cjs/storage.js',
) as {
  defaultMetadataStorage: MetadataStorage;
};

type Plain = Record<string, unknown>;
type Constructor = new () => object;
/** A property's target: a `Date`, a class, a class picked by a discriminator, or nothing (copied as is). */
type Target = DateConstructor | Constructor | Discriminated | undefined;
interface Discriminated {
  property: string;
  subTypes: Map<unknown, Constructor>;
  Base: Constructor;
}

/** Thrown (never escapes `lib/model.ts`) when a class uses class-transformer features this hydrator lacks. */
export const UNSUPPORTED = Symbol('smooch-record.unsupported-metadata');

/** What a top-level (model) object must not take from the wire: see `escapeKeys` in lib/wire.ts. */
export interface Accessors {
  shadowed: ReadonlySet<string>;
  dropped: ReadonlySet<string>;
}

/**
 * Whether this module reads the storage the decorators write to. A bundler may resolve 'class-transformer' to
 * its ESM build, whose storage is another object than the CommonJS one imported here: then never use it.
 */
class Probe {
  @Type(() => Date)
  at?: Date;
}
export const hydratorUsable = storage.findTypeMetadata(Probe, 'at') !== undefined;

/** Targets class-transformer converts in ways this hydrator does not (primitives, collections, buffers). */
const SPECIAL = new Set<unknown>([String, Number, Boolean, Map, Set, Promise, globalThis.Buffer]);
const MACHINERY = new Set(['__proto__', 'constructor']);
/** Bounds the per-class caches of steps: wire data may carry any number of distinct keys. */
const MAX_CACHED_KEYS = 512;

interface Plan {
  /** Own members of the class's prototype without a setter: class-transformer never assigns those. */
  readonly: Set<string>;
  /** What to do with each key, once worked out: for the class as a model (top) and as a nested object. */
  topSteps: Map<string, Step>;
  nestedSteps: Map<string, Step>;
  /** A fresh instance, to see which keys hold a function (a method) before any field is set. */
  probe: Plain;
}

/**
 * What `fill` does with one key of wire data, decided once per class and key rather than per object. Why:
 * hydration runs between got's and node's work with cold caches, where four set lookups, a prototype-chain
 * read and a map lookup per key cost several times what they cost in a hot loop (bench/ANALYSIS.md).
 */
type Step = typeof SKIP | typeof ESCAPE | { target: Target };
/** Not taken: machinery keys, read-only accessors, methods. */
const SKIP = 0;
/** Taken, but defined after the others as an own data property (shadowed accessors, prototype-named keys). */
const ESCAPE = 1;
const UNTYPED: { target: Target } = { target: undefined };
/** Names `key in {}` is true for: below the model, such keys of free-form data are data, defined last. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

const plans = new WeakMap<object, Plan | typeof UNSUPPORTED>();

function planOf(Class: Constructor): Plan {
  let plan = plans.get(Class);
  if (plan === undefined) {
    const supported =
      storage.getStrategy(Class) === 'none' &&
      storage.getExposedMetadatas(Class).length === 0 &&
      storage.getExcludedMetadatas(Class).length === 0;
    const readonly = new Set<string>();
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(Class.prototype))) {
      if (!descriptor.set) readonly.add(key);
    }
    plan = supported
      ? {
          readonly,
          topSteps: new Map(),
          nestedSteps: new Map(),
          probe: new Class() as Plain,
        }
      : UNSUPPORTED;
    plans.set(Class, plan);
  }
  if (plan === UNSUPPORTED) throw UNSUPPORTED;
  return plan;
}

/** The `@Type` target of `key` of `Class`, read from class-transformer's metadata (`stepOf` caches it). */
function targetOf(Class: Constructor, key: string): Target {
  if (storage.findTransformMetadatas(Class, key, TransformationType.PLAIN_TO_CLASS).length > 0)
    throw UNSUPPORTED;
  const metadata = storage.findTypeMetadata(Class, key);
  let target: Target;
  if (metadata) {
    const { typeFunction, reflectedType, options } = metadata;
    // A type function reading its options picks the type per object; Map / Set fields are built differently.
    if (!typeFunction || typeFunction.length > 0 || reflectedType === Map || reflectedType === Set) {
      throw UNSUPPORTED;
    }
    const type = typeFunction() as Constructor;
    if (SPECIAL.has(type)) throw UNSUPPORTED;
    const discriminator = options?.discriminator;
    if (discriminator?.property && discriminator.subTypes) {
      if (!options.keepDiscriminatorProperty) throw UNSUPPORTED;
      const subTypes = new Map<unknown, Constructor>();
      // class-transformer takes the first entry of a name.
      for (const { name, value } of discriminator.subTypes) {
        if (!subTypes.has(name)) subTypes.set(name, value as Constructor);
      }
      target = { property: discriminator.property, subTypes, Base: type };
    } else {
      target = type;
    }
  }
  return target;
}

/**
 * A new instance of `Class` from the own enumerable fields of `plain`, as `plainToInstance` would build it from
 * `escapeKeys(plain)` followed by `restoreKeys`. Never modifies `plain` and shares no object with it.
 * @example hydrateFields(AppUser, { id: 'u1', signedUpAt: '2020-01-01T00:00:00Z' }, accessorsOf(AppUser))
 */
export function hydrateFields<M extends object>(Class: new () => M, plain: Plain, accessors: Accessors): M {
  return fill(new Class(), plain, Class, accessors) as M;
}

/** Copies the fields of `value` onto `instance` (of `Class`); `top` is given for the model itself. */
function fill(instance: object, value: Plain, Class: Constructor, top?: Accessors): object {
  const plan = planOf(Class);
  const steps = top ? plan.topSteps : plan.nestedSteps;
  const out = instance as Plain;
  let escaped: string[] | undefined;
  for (const key of Object.keys(value)) {
    const step = steps.get(key) ?? stepOf(Class, plan, key, steps, top);
    if (step === SKIP) continue;
    if (step === ESCAPE) {
      (escaped ??= []).push(key);
      continue;
    }
    out[key] = convert(value[key], step.target);
  }
  if (escaped) defineLast(out, value, escaped);
  return instance;
}

/** Works out (and caches, within bounds) what `fill` does with `key` of `Class`. */
function stepOf(
  Class: Constructor,
  plan: Plan,
  key: string,
  steps: Map<string, Step>,
  top?: Accessors,
): Step {
  let step: Step;
  if (top && (MACHINERY.has(key) || top.dropped.has(key))) step = SKIP;
  // An accessor a wire field may shadow (`appId`): an own data field, its setter and getter never run.
  else if (top?.shadowed.has(key)) step = ESCAPE;
  // Below the model, prototype-named keys (`constructor`, `valueOf`) of free-form data are data.
  else if (!top && PROTOTYPE_NAMES.has(key)) step = ESCAPE;
  // class-transformer never assigns a prototype member without setter nor a key whose current value is a
  // function (methods, also inherited ones like `toString` or `save`).
  else if (plan.readonly.has(key) || plan.probe[key] instanceof Function) step = SKIP;
  else {
    const target = targetOf(Class, key);
    step = target === undefined ? UNTYPED : { target };
  }
  if (steps.size < MAX_CACHED_KEYS) steps.set(key, step);
  return step;
}

/**
 * Sets the escaped `keys` of `value` on `out` after the others: where `restoreKeys` puts them back, so
 * `toJSON()` keeps the key order it had with class-transformer.
 */
function defineLast(out: Plain, value: Plain, keys: string[]): void {
  for (const key of keys) define(out, key, convert(value[key], undefined));
}

function convert(value: unknown, target: Target): unknown {
  if (Array.isArray(value)) {
    // A nested array under a discriminator matches no subtype: class-transformer uses the base class.
    return value.map((item) =>
      convert(item, Array.isArray(item) && isDiscriminated(target) ? target.Base : target),
    );
  }
  if (value instanceof Date) return new Date(value.valueOf());
  if (target === Date) {
    if (value === null || value === undefined) return value;
    // class-transformer passes its plain copy of an object, whose string form is never a date.
    return typeof value === 'object' ? new Date(NaN) : new Date(value as string | number);
  }
  if (typeof value !== 'object' || value === null) return value;
  const plain = value as Plain;
  if (target === undefined) return copy(plain);
  const Class = isDiscriminated(target)
    ? (target.subTypes.get(plain[target.property]) ?? target.Base)
    : (target as Constructor);
  return fill(new Class(), plain, Class);
}

/** A deep copy of untyped data, as class-transformer builds it from the escaped copy: every key kept. */
function copy(value: Plain): Plain {
  const out: Plain = {};
  let escaped: string[] | undefined;
  for (const key of Object.keys(value)) {
    if (PROTOTYPE_NAMES.has(key)) (escaped ??= []).push(key);
    else out[key] = convert(value[key], undefined);
  }
  if (escaped) defineLast(out, value, escaped);
  return out;
}

function isDiscriminated(target: Target): target is Discriminated {
  return typeof target === 'object';
}

/** Sets `key` as an own enumerable data field, also `__proto__` (an assignment would swap the prototype). */
function define(target: Plain, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
