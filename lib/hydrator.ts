/**
 * The hydrator: builds model instances from wire data by the models' class-transformer `@Type` metadata (to
 * `Date` or to a class, one discriminator), read through lib/type-metadata.ts. It builds what class-transformer's
 * `plainToInstance` builds (spec/hydrator.spec.ts keeps it as the oracle) at a fraction of its cost: hydration
 * was the largest CPU cost of the library (bench/ANALYSIS.md, target 1). Other decorators (`@Expose`,
 * `@Exclude`, `@Transform`, `Map` fields, ...) are refused with a TypeError when a class is first hydrated.
 */
import { ParseError } from './errors.js';
import { otherDecoratorOf, typeMetadataOf } from './type-metadata.js';
import { excerptOf, invalidDate, sentAs } from './wire.js';

type Plain = Record<string, unknown>;
type Constructor = new () => object;
/** A property's target: a `Date`, a class, a class picked by a discriminator, or nothing (copied as is). */
type Target = DateConstructor | Constructor | Discriminated | undefined;
interface Discriminated {
  property: string;
  subTypes: Map<unknown, Constructor>;
  Base: Constructor;
}

/**
 * How deep wire data may nest, as webhook bodies (lib/webhooks/safe-json.ts). Why a bound: the walk recurses,
 * and a hostile or broken server's 10,000-deep answer would otherwise end in a stack overflow.
 */
export const MAX_DEPTH = 64;
const TOO_DEEP = Symbol('too deep');

/** Targets class-transformer converts in ways this hydrator does not (primitives, collections, buffers). */
const SPECIAL = new Set<unknown>([String, Number, Boolean, Map, Set, Promise, globalThis.Buffer]);
const MACHINERY = new Set(['__proto__', 'constructor']);
/** Bounds the per-class caches of steps: wire data may carry any number of distinct keys. */
const MAX_CACHED_KEYS = 512;

/** What a model (the top-level object) must not take from the wire as a plain assignment. */
interface Accessors {
  /** Accessors with a setter a wire field may shadow (`appId`): defined as own data fields. */
  shadowed: Set<string>;
  /** Read-only accessors (`connection`-like getters): never taken. */
  dropped: Set<string>;
}

interface Plan {
  /** Own members of the class's prototype without a setter: class-transformer never assigns those. */
  readonly: Set<string>;
  /** What to do with each key, once worked out: for the class as a model (top) and as a nested object. */
  topSteps: Map<string, Step>;
  nestedSteps: Map<string, Step>;
  /** A fresh instance, to see which keys hold a function (a method) before any field is set. */
  probe: Plain;
  accessors: Accessors;
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

const plans = new WeakMap<object, Plan>();

function planOf(Class: Constructor): Plan {
  let plan = plans.get(Class);
  if (plan === undefined) {
    const other = otherDecoratorOf(Class);
    if (other) throw new TypeError(`${Class.name} uses ${other}: smooch-record's models declare @Type only`);
    const readonly = new Set<string>();
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(Class.prototype))) {
      if (!descriptor.set) readonly.add(key);
    }
    const probe = new Class() as Plain;
    plan = { readonly, topSteps: new Map(), nestedSteps: new Map(), probe, accessors: accessorsOf(Class) };
    plans.set(Class, plan);
  }
  return plan;
}

/** The accessors of a model class and its bases: with a setter (shadowed by a wire field), or read-only. */
function accessorsOf(Class: Constructor): Accessors {
  const found: Accessors = { shadowed: new Set(), dropped: new Set() };
  for (let proto = Class.prototype as object | null; proto && proto !== Object.prototype;) {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.set) found.shadowed.add(key);
      else if (descriptor.get) found.dropped.add(key);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return found;
}

/** The `@Type` target of `key` of `Class` (`stepOf` caches it). */
function targetOf(Class: Constructor, key: string): Target {
  const metadata = typeMetadataOf(Class, key);
  if (!metadata) return undefined;
  const { typeFunction, reflectedType, options } = metadata;
  // A type function reading its options picks the type per object; Map / Set fields are built differently.
  const type = typeFunction.length === 0 ? (typeFunction() as Constructor) : undefined;
  if (!type || reflectedType === Map || reflectedType === Set || SPECIAL.has(type)) {
    throw new TypeError(
      `${Class.name}.${key}: smooch-record's hydrator supports @Type(() => Date | Class) only`,
    );
  }
  const discriminator = options?.discriminator;
  if (!discriminator?.property || !discriminator.subTypes) return type;
  if (!options.keepDiscriminatorProperty) {
    throw new TypeError(`${Class.name}.${key}: a discriminator needs keepDiscriminatorProperty: true`);
  }
  const subTypes = new Map<unknown, Constructor>();
  // class-transformer takes the first entry of a name.
  for (const { name, value } of discriminator.subTypes) {
    if (!subTypes.has(name)) subTypes.set(name, value as Constructor);
  }
  return { property: discriminator.property, subTypes, Base: type };
}

/**
 * A new instance of `Class` from the own enumerable fields of `plain`. Never modifies `plain` and shares no
 * object with it. Throws a `ParseError` when `plain` nests deeper than `MAX_DEPTH`.
 * @example hydrateFields(AppUser, { id: 'u1', signedUpAt: '2020-01-01T00:00:00Z' })
 */
export function hydrateFields<M extends object>(Class: new () => M, plain: Plain): M {
  try {
    return fill(new Class(), plain, Class, 0, planOf(Class).accessors) as M;
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    throw new ParseError(`The API sent data nested deeper than ${MAX_DEPTH} levels`, excerptOf(plain));
  }
}

/** Copies the fields of `value` onto `instance` (of `Class`); `top` is given for the model itself. */
function fill(instance: object, value: Plain, Class: Constructor, depth: number, top?: Accessors): object {
  if (depth > MAX_DEPTH) throw TOO_DEEP;
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
    out[key] = convert(value[key], step.target, depth);
  }
  if (escaped) defineLast(out, value, escaped, depth);
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
  // As class-transformer: never assign a prototype member without setter nor a key whose current value is a
  // function (methods, also inherited ones like `toString` or `save`).
  else if (plan.readonly.has(key) || plan.probe[key] instanceof Function) step = SKIP;
  else {
    const target = targetOf(Class, key);
    step = target === undefined ? UNTYPED : { target };
  }
  if (steps.size < MAX_CACHED_KEYS) steps.set(key, step);
  return step;
}

/** Sets the escaped `keys` of `value` on `out` after the others (the key order class-transformer gave). */
function defineLast(out: Plain, value: Plain, keys: string[], depth: number): void {
  for (const key of keys) define(out, key, convert(value[key], undefined, depth));
}

function convert(value: unknown, target: Target, depth: number): unknown {
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) throw TOO_DEEP;
    // A nested array under a discriminator matches no subtype: class-transformer uses the base class.
    return value.map((item) =>
      convert(item, Array.isArray(item) && isDiscriminated(target) ? target.Base : target, depth + 1),
    );
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? invalidDate(sentAs(value)) : new Date(value.getTime());
  }
  if (target === Date) return toDate(value, depth);
  if (typeof value !== 'object' || value === null) return value;
  const plain = value as Plain;
  if (target === undefined) return copy(plain, depth + 1);
  const Class = isDiscriminated(target)
    ? (target.subTypes.get(plain[target.property]) ?? target.Base)
    : (target as Constructor);
  return fill(new Class(), plain, Class, depth + 1);
}

/**
 * A `@Type(() => Date)` field. A value that is no time becomes an Invalid Date that remembers what was sent
 * (`toJSON()` gives it back, see `invalidDate`), so a model stays serialisable whatever the server sent.
 */
function toDate(value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return value;
  // class-transformer passes its plain copy of an object, whose string form is never a date.
  if (typeof value === 'object') return invalidDate(copy(value as Plain, depth + 1));
  const date = new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? invalidDate(value) : date;
}

/** A deep copy of untyped data, as class-transformer builds it: every key kept. */
function copy(value: Plain, depth: number): Plain {
  if (depth > MAX_DEPTH) throw TOO_DEEP;
  const out: Plain = {};
  let escaped: string[] | undefined;
  for (const key of Object.keys(value)) {
    if (PROTOTYPE_NAMES.has(key)) (escaped ??= []).push(key);
    else out[key] = convert(value[key], undefined, depth);
  }
  if (escaped) defineLast(out, value, escaped, depth);
  return out;
}

function isDiscriminated(target: Target): target is Discriminated {
  return typeof target === 'object';
}

/** Sets `key` as an own enumerable data field, also `__proto__` (an assignment would swap the prototype). */
function define(target: Plain, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
