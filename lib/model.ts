/**
 * The base of every model: hydration (by lib/hydrator.ts from class-transformer's metadata), the wire shape,
 * deep dirty tracking, and the plumbing that `save()` / `delete()` of each model delegate to.
 */
import 'reflect-metadata';
import { type CallOptions, Connection, type RequestOptions } from './connection/index.js';
import { ConfigurationError, ReadOnlyFieldError } from './errors.js';
import { hydrateFields } from './hydrator.js';
import { changesOf, toWire } from './wire.js';

/** The connection and app an instance came from; every call it makes goes there. */
export interface Binding {
  connection: Connection;
  appId: string | undefined;
}

/** Per-call options of instance methods: cancellation, timeout and POST retry opt-in. */
export type InstanceCallOptions = Pick<CallOptions, 'signal' | 'timeout' | 'retry'>;

/**
 * What an instance's own calls (`save()`, `delete()`) need of its model's declared resource; lib/resource.ts
 * declares them (declared here, below it, so the base model needs no import of the layer above).
 */
export interface OwnResource {
  /** The wire key of one item in an answer (`user`). */
  readonly one: string;
  /** The instance's path in the binding's app, or one of its sub-resources. */
  pathOf(binding: Binding, instance: Model, child?: string): string;
  /** The query its own calls carry, if any. */
  queryOf(instance: Model): RequestOptions['query'];
}

/** A concrete model class, as the hydrate path needs it. */
export type ModelClass<M extends Model> = new () => M;

/** Sets the private state of an instance; defined in `Model`'s static block, the only place that can. */
let setState: (instance: Model, binding: Binding, snapshot: Record<string, unknown>) => void;
let setReference: (instance: Model, name: string, value: unknown) => void;
let getReference: (instance: Model, name: string) => unknown;

/**
 * The connection and app for a call: the explicit ones in `options`, else the one `run()` put in place or the default connection.
 * @example
 * const { connection, appId } = bindingOf({ appId: '5d8c' });
 */
export function bindingOf(options: CallOptions = {}): Binding {
  const connection = options.connection ?? Connection.current();
  return { connection, appId: options.appId ?? connection.appId };
}

/** The app id of a binding, or a clear error before any request when there is none. */
export function requireAppId(binding: Binding): string {
  if (!binding.appId) {
    throw new ConfigurationError(
      'No appId: pass { appId } to the call or set appId in configure() / new Connection()',
    );
  }
  return binding.appId;
}

/**
 * Turns a plain wire object into an instance of `Class`, bound to a connection and app.
 * @example
 * const app = hydrate(App, { id: '5d8c', displayName: 'Acme' }, bindingOf());
 */
export function hydrate<M extends Model>(Class: ModelClass<M>, plain: unknown, binding: Binding): M {
  return build(Class, plain).bind(binding, plain);
}

/**
 * `hydrate()` for a response body the library parsed and hands to nobody else: `plain` itself becomes the
 * instance's snapshot. Why no copy: building the instance copied every field already, and a parsed JSON body
 * is already in wire shape (what `toWire()` would give), so copying it again costs a deep walk for nothing.
 * @example return hydrateReceived(App, body.app, binding);
 */
export function hydrateReceived<M extends Model>(Class: ModelClass<M>, plain: unknown, binding: Binding): M {
  const instance = build(Class, plain);
  const snapshot = (typeof plain === 'object' && plain !== null ? plain : {}) as Record<string, unknown>;
  setState(instance, binding, snapshot);
  return instance;
}

/** An unbound instance of `Class` from wire data (lib/hydrator.ts); what is not an object hydrates as `{}`. */
function build<M extends Model>(Class: ModelClass<M>, plain: unknown): M {
  const data = typeof plain === 'object' && plain !== null && !Array.isArray(plain) ? plain : {};
  return hydrateFields(Class, data as Record<string, unknown>);
}

/**
 * Base class of every model. Keeps every field the API sends (also unknown ones), serialises back only
 * what the model declares writable, and tracks changes deeply so `save()` sends only what changed.
 * @example
 * class Tag extends Model { static override readonly writable = ['name']; name!: string; }
 */
export abstract class Model {
  /** Fields the API accepts on update; `save()` sends changes of these only. */
  static readonly writable: readonly string[] = [];

  // Private fields: neither class-transformer, JSON, spreading nor util.inspect see them, and unlike
  // non-enumerable properties they cost nothing per instance (a 100,000-message walk sets them 100,000 times).
  #binding: Binding | undefined;
  #snapshot: Record<string, unknown> | undefined;
  /** Back-references the library recorded (`conversationId` of a message, ...); see `withReference()`. */
  #references: Record<string, unknown> | undefined;

  static {
    setState = (instance, binding, snapshot) => {
      instance.#binding = binding;
      instance.#snapshot = snapshot;
      instance.bound(binding);
    };
    setReference = (instance, name, value) => {
      (instance.#references ??= {})[name] = value;
    };
    getReference = (instance, name) => instance.#references?.[name];
  }

  /**
   * Binds this instance to a connection and app, and records `plain` as its last known server state
   * (`hydrate()` calls it; call it yourself to move an instance to another connection or app).
   * @example user.bind({ connection: euConnection, appId: 'app2' }, user.toJSON()); // later calls go there
   */
  bind(binding: Binding, plain?: unknown): this {
    // A copy: the caller's object may change later, and instances must share no state.
    setState(this, binding, toWire(plain ?? {}) as Record<string, unknown>);
    return this;
  }

  /** The connection this instance came from. @example user.connection.appId */
  get connection(): Connection {
    return this.binding.connection;
  }

  /**
   * The app this instance belongs to. A wire field of the same name (a Messenger integration's Facebook
   * `appId`, a v1 conversation's `appId`) shadows it on that instance; models use `ownerAppId` internally.
   * @example user.appId
   */
  get appId(): string {
    return this.ownerAppId;
  }

  /** Rebinds this instance to another app (a hydrated `appId` field lands here too). @example user.appId = otherAppId; */
  set appId(value: string) {
    Object.defineProperty(this, 'appId', { value, enumerable: true, writable: true, configurable: true });
  }

  /** Rebinds this instance to another connection; later calls go through it. @example user.connection = other; */
  set connection(value: Connection) {
    Object.defineProperty(this, 'connection', {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }

  /** The app id of the binding, for building paths; throws a ConfigurationError when there is none. */
  protected get ownerAppId(): string {
    return requireAppId(this.binding);
  }

  /** The binding instances created from this one should share. */
  protected get binding(): Binding {
    return this.#binding ?? bindingOf();
  }

  /**
   * The wire shape: dates as ISO strings, nested models as plain objects, unknown fields kept.
   * @example JSON.stringify(user) // '{"id":"...","externalId":"b6518",...}'
   */
  toJSON(): Record<string, unknown> {
    return toWire(this) as Record<string, unknown>;
  }

  /**
   * The fields changed since the instance was loaded, as the PATCH body `save()` would send, or undefined.
   * @example user.profile.email = 'bob@example.com'; user.changes() // { profile: { email: 'bob@example.com' } }
   */
  changes(): Record<string, unknown> | undefined {
    return changesOf(this.#snapshot ?? {}, this as unknown as Record<string, unknown>, this.writableFields());
  }

  /**
   * The fields changed since loading that the API does not accept on write (none: an empty array). Fields
   * received and left alone are not counted, so unknown fields the API sends stay readable.
   * @example user.companies = []; user.readOnlyChanges() // ['companies']
   */
  readOnlyChanges(): string[] {
    const writable = new Set(this.writableFields());
    const snapshot = this.#snapshot ?? {};
    const keys = new Set(
      [...Object.keys(snapshot), ...Object.keys(this)].filter((key) => !writable.has(key)),
    );
    return Object.keys(changesOf(snapshot, this as unknown as Record<string, unknown>, [...keys]) ?? {});
  }

  /** Whether `save()` would send a request. @example if (user.isDirty) await user.save(); */
  get isDirty(): boolean {
    return this.changes() !== undefined;
  }

  /** The fields `save()` may send; the class's `writable` unless a model depends on its own state (type). */
  protected writableFields(): readonly string[] {
    return (this.constructor as typeof Model).writable;
  }

  /** Called whenever the instance is (re)bound; a model whose nested values make calls records it there. */
  protected bound(_binding: Binding): void {}

  /** Sends one request with this instance's connection. */
  protected request<T = Record<string, unknown>>(options: RequestOptions): Promise<T> {
    return this.connection.request<T>(options);
  }

  /**
   * PATCHes the changed fields to the instance's own path and refreshes from the answer; no change, no
   * request. The path is built first, so an instance that cannot say where it lives fails even when clean.
   */
  protected async saveTo(resource: OwnResource, options: InstanceCallOptions = {}): Promise<this> {
    const path = resource.pathOf(this.binding, this);
    const readOnly = this.readOnlyChanges();
    if (readOnly.length > 0)
      throw new ReadOnlyFieldError(this.constructor.name, readOnly, this.writableFields());
    const json = this.changes();
    if (!json) return this;
    const query = resource.queryOf(this);
    const body = await this.request({ ...callOptions(options), method: 'PATCH', path, query, json });
    return this.refresh(body[resource.one]);
  }

  /**
   * GETs the instance's own path and replaces its fields in place (the same object, its binding and its
   * back-references kept), discarding unsaved changes: python-intercom's `load()`.
   */
  protected async reloadFrom(resource: OwnResource, options: InstanceCallOptions = {}): Promise<this> {
    const path = resource.pathOf(this.binding, this);
    const query = resource.queryOf(this);
    const body = await this.request({ ...callOptions(options), method: 'GET', path, query });
    return this.refresh(body[resource.one]);
  }

  /**
   * Adds `by` to the number at `metadata[key]` (absent counts as 0), as a change `save()` sends.
   * A TypeError, before anything changes, for an empty key, a `by` that is not a finite number above zero, or a
   * value there that is not a number.
   */
  protected incrementMetadata(key: string, by: number): this {
    if (typeof key !== 'string' || key.length === 0) {
      throw new TypeError(`increment() needs a non-empty metadata key, got ${JSON.stringify(key)}`);
    }
    if (typeof by !== 'number' || !Number.isFinite(by) || by <= 0) {
      throw new TypeError(`increment() adds a finite number above 0, got ${JSON.stringify(by)}`);
    }
    const self = this as unknown as { metadata?: Record<string, unknown> | null };
    const metadata = (self.metadata ??= {});
    const current = metadata[key] ?? 0;
    if (typeof current !== 'number') {
      throw new TypeError(
        `metadata.${key} is a ${typeof current}, not a number: increment() cannot add to it`,
      );
    }
    metadata[key] = current + by;
    return this;
  }

  /** DELETEs the instance's own path, or one of its sub-resources (`child`: a conversation's `messages`). */
  protected async deleteAt(
    resource: OwnResource,
    options: InstanceCallOptions = {},
    child?: string,
  ): Promise<void> {
    const path = resource.pathOf(this.binding, this, child);
    await this.request({ ...callOptions(options), method: 'DELETE', path, query: resource.queryOf(this) });
  }

  /** Replaces every field with those of `plain` (a fresh server state) and resets dirty tracking. */
  protected refresh(plain: unknown): this {
    const fresh = build(this.constructor as ModelClass<Model>, plain);
    for (const key of Object.keys(this)) delete (this as Record<string, unknown>)[key];
    Object.defineProperties(this, Object.getOwnPropertyDescriptors(fresh));
    this.#snapshot = toWire(plain ?? {}) as Record<string, unknown>;
    this.bound(this.binding);
    return this;
  }
}

/**
 * Records a back-reference (`conversationId` of a message, `userId` of a client, ...) on `instance` and returns
 * it; the model exposes it with a getter that calls `referenceOf()`. Why hidden and read-only: it is not a wire
 * field, so it must be neither sent by `save()`, shown by `toJSON()` / `util.inspect`, nor changed by accident.
 * Named for what it returns (the instance, with a reference), not to be read as the `Attachment` model's.
 * @example return withReference(message, 'conversationId', conversationId);
 */
export function withReference<T extends Model>(instance: T, name: string, value: unknown): T {
  setReference(instance, name, value);
  return instance;
}

/**
 * The back-reference `name` recorded by `withReference()`, or undefined.
 * @example get conversationId(): string { return referenceOf(this, 'conversationId') as string; }
 */
export function referenceOf(instance: Model, name: string): unknown {
  return getReference(instance, name);
}

/** The per-call request options (cancellation, timeout, POST retry) taken from a call's options. */
export function callOptions(options: InstanceCallOptions = {}): InstanceCallOptions {
  return { signal: options.signal, timeout: options.timeout, retry: options.retry };
}

/**
 * Sends `request` and hydrates the object under `key` of the answer into `Class`.
 * @example return load(App, binding, { method: 'GET', path: path`/v2/apps/${id}` }, 'app');
 */
export async function load<M extends Model>(
  Class: ModelClass<M>,
  binding: Binding,
  request: RequestOptions,
  key: string,
): Promise<M> {
  const body = await binding.connection.request<Record<string, unknown>>(request);
  return hydrateReceived(Class, body[key], binding);
}
