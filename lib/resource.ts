/**
 * A model's resource, declared once: its path (with the ids of its parent), the wire keys of one item and of a
 * list, and which operations the API has for it. The generic find / create / all below read a declaration, so a
 * model's statics are one-liners that hydrate the class they are called on (a subclass gets itself back), and
 * `Model#saveTo` / `Model#deleteAt` read the same declaration for an instance's own path.
 */
import type { Collection, ListOptions } from './collection.js';
import type { CallOptions, RequestOptions } from './connection/index.js';
import { cursorList, plainList } from './listing.js';
import {
  type Binding,
  bindingOf,
  callOptions,
  hydrateReceived,
  load,
  type Model,
  type ModelClass,
  type OwnResource,
  referenceOf,
  requireAppId,
  withReference,
} from './model.js';
import { segment } from './path.js';

/** The operations a declaration may list; a model has the statics and methods of those it lists, no others. */
export type Operation = 'find' | 'create' | 'all' | 'save' | 'delete';

/** Call options of a resource's statics; `brandId` is the query of a brand-separated user's resources. */
export type ResourceCallOptions = CallOptions & { brandId?: string };

/** The parent a call is about, as resolved from its arguments: its id, the call's binding, and its brand. */
export interface Owner {
  binding: Binding;
  /** The parent's id (for the path, and remembered on each instance under the path's parameter name). */
  id: string;
  /** The `brandId` query of a brand-separated user's resources. */
  brandId?: string | undefined;
}

/** How a call's parent argument (an id, a user, an option) becomes its `Owner`. */
export type OwnerOf<Arg> = (parent: Arg, options: ResourceCallOptions) => Owner;

/** What a model declares of its resource. */
export interface Declaration<Ops extends Operation, Arg> {
  /** The list's path, `{appId}` and at most one parent id as `{name}`: `/v2/apps/{appId}/users/{userId}/clients`. */
  path: string;
  /** The wire key of one item in an answer (`user`). */
  one: string;
  /** The wire key of the items of a list answer (`users`). */
  many: string;
  /** The operations the API has for this resource. */
  operations: readonly Ops[];
  /** `plain` when the API answers the whole list at once (keys, webhooks, devices); default `cursor` pages. */
  list?: 'cursor' | 'plain';
  /** Calls carry the `brandId` query: the option (or, under a user, that user's brand). */
  brand?: boolean;
  /** How the parent argument of a call resolves; default: it is the parent's id, the binding the options'. */
  owner?: OwnerOf<Arg>;
}

/** The reference name under which a brand-separated parent's brand is remembered. */
const BRAND = 'brandId';
declare const OPERATIONS: unique symbol;

/**
 * A declared resource. `Ops` is in the type, so a generic helper refuses, at compile time, an operation the
 * declaration does not list.
 * @example
 * const KEYS = resource({ path: '/v2/apps/{appId}/keys', one: 'key', many: 'keys', operations: ['find', 'delete'] });
 */
export class Resource<Ops extends Operation = Operation, Arg = string> implements OwnResource {
  declare readonly [OPERATIONS]?: { readonly [K in Ops]: true };
  /** The wire key of one item in an answer (`user`). */
  readonly one: string;
  /** The wire key of the items of a list answer (`users`). */
  readonly many: string;
  /** The operations declared, for code that asks at run time (the shared CRUD spec). */
  readonly operations: ReadonlySet<Operation>;
  /** The name of the parent id in the path (`integrationId`, `userId`, ...), or undefined at the top. */
  readonly parent: string | undefined;
  /** Whether lists come in cursor pages or in one answer. */
  readonly list: 'cursor' | 'plain';
  /** Whether calls carry the `brandId` query. */
  readonly brand: boolean;
  /** How a call's parent argument resolves (undefined: it is the parent's id). */
  readonly owner: OwnerOf<Arg> | undefined;
  /** The literal parts of the path, around its parameters. */
  readonly #parts: string[];
  /** For each parameter: whether it is the app's id (else the parent's). */
  readonly #isApp: boolean[];

  constructor(declaration: Declaration<Ops, Arg>) {
    const pieces = declaration.path.split(/\{(\w+)\}/);
    this.#parts = pieces.filter((_, i) => i % 2 === 0);
    const names = pieces.filter((_, i) => i % 2 === 1);
    this.#isApp = names.map((name) => name === 'appId');
    const parents = names.filter((name) => name !== 'appId');
    if (parents.length > 1) throw new TypeError(`${declaration.path}: at most one parent id`);
    this.parent = parents[0];
    this.one = declaration.one;
    this.many = declaration.many;
    this.operations = new Set(declaration.operations);
    this.list = declaration.list ?? 'cursor';
    this.brand = declaration.brand ?? false;
    this.owner = declaration.owner;
  }

  /** The list's path in the binding's app; `parentId` fills the parent parameter. Bad ids throw a TypeError. */
  collectionPath(binding: Binding, parentId?: string): string {
    const parts = this.#parts;
    const isApp = this.#isApp;
    let out = parts[0]!;
    for (let i = 0; i < isApp.length; i++) {
      out += segment(isApp[i] ? requireAppId(binding) : parentId) + parts[i + 1]!;
    }
    return out;
  }

  /** The path of the item `id`. */
  itemPath(binding: Binding, parentId: string | undefined, id: string): string {
    return `${this.collectionPath(binding, parentId)}/${segment(id)}`;
  }

  /** An instance's own path (its parent from its back-reference), or one of its sub-resources (`messages`). */
  pathOf(binding: Binding, instance: Model, child?: string): string {
    const parentId = this.parent === undefined ? undefined : (referenceOf(instance, this.parent) as string);
    const own = this.itemPath(binding, parentId, (instance as { id?: string }).id!);
    return child === undefined ? own : `${own}/${child}`;
  }

  /** The query an instance's own calls carry: its parent's brand, when the resource is brand-separated. */
  queryOf(instance: Model): RequestOptions['query'] {
    return this.brand && this.parent !== undefined
      ? { brandId: referenceOf(instance, BRAND) as string | undefined }
      : undefined;
  }

  /** The owner of a call under a parent. */
  locate(parent: Arg, options: ResourceCallOptions): Owner {
    if (this.owner) return this.owner(parent, options);
    return { binding: bindingOf(options), id: parent as string, brandId: undefined };
  }

  /** Records on `instance` which parent (and brand) it was loaded under, for its own paths. */
  remember<M extends Model>(instance: M, owner: Owner): M {
    withReference(instance, this.parent!, owner.id);
    return this.brand ? withReference(instance, BRAND, owner.brandId) : instance;
  }
}

/**
 * Declares a resource.
 * @example
 * const USERS = resource({ path: '/v2/apps/{appId}/users', one: 'user', many: 'users', operations: ['find'] });
 */
export function resource<Ops extends Operation, Arg = string>(
  declaration: Declaration<Ops, Arg>,
): Resource<Ops, Arg> {
  return new Resource(declaration);
}

/**
 * GETs one item of a top-level resource and hydrates it into `Class`. The everyday call (`AppUser.find`), so it
 * builds no more than the hand-written version did: the binding, the request, the query when a brand is given.
 * @example static find(this, id, options) { return find(this, USERS, id, options); }
 */
export async function find<M extends Model, Arg>(
  Class: ModelClass<M>,
  resource: Resource<'find', Arg>,
  id: string,
  options: ResourceCallOptions = {},
): Promise<M> {
  const binding = bindingOf(options);
  const url = resource.itemPath(binding, undefined, id);
  const { brandId, signal, timeout, retry } = options;
  const query = resource.brand && brandId !== undefined ? { brandId } : undefined;
  const request = { method: 'GET' as const, path: url, query, signal, timeout, retry };
  const body = await binding.connection.request<Record<string, unknown>>(request);
  return hydrateReceived(Class, body[resource.one], binding);
}

/**
 * GETs one item under a parent (an integration's key, a user's device) and remembers the parent on it.
 * @example return findIn(this, DEVICES, user, id, options);
 */
export async function findIn<M extends Model, Arg>(
  Class: ModelClass<M>,
  resource: Resource<'find', Arg>,
  parent: Arg,
  id: string,
  options: ResourceCallOptions = {},
): Promise<M> {
  const owner = resource.locate(parent, options);
  const url = resource.itemPath(owner.binding, owner.id, id);
  const request = {
    ...callOptions(options),
    method: 'GET' as const,
    path: url,
    query: brandOf(resource.brand, owner),
  };
  return resource.remember(await load(Class, owner.binding, request, resource.one), owner);
}

/**
 * POSTs `json` (a checked body) to a top-level resource and hydrates the item of the answer.
 * @example return create(this, KEYS, fields, options);
 */
export async function create<M extends Model, Arg>(
  Class: ModelClass<M>,
  resource: Resource<'create', Arg>,
  json: unknown,
  options: ResourceCallOptions = {},
): Promise<M> {
  const binding = bindingOf(options);
  const url = resource.collectionPath(binding);
  return load(Class, binding, { ...callOptions(options), method: 'POST', path: url, json }, resource.one);
}

/**
 * POSTs `json` under a parent and remembers the parent on the new item.
 * @example return createIn(this, INTEGRATION_KEYS, integrationId, fields, options);
 */
export async function createIn<M extends Model, Arg>(
  Class: ModelClass<M>,
  resource: Resource<'create', Arg>,
  parent: Arg,
  json: unknown,
  options: ResourceCallOptions = {},
): Promise<M> {
  const owner = resource.locate(parent, options);
  const url = resource.collectionPath(owner.binding, owner.id);
  const query = brandOf(resource.brand, owner);
  const request = { ...callOptions(options), method: 'POST' as const, path: url, query, json };
  return resource.remember(await load(Class, owner.binding, request, resource.one), owner);
}

/**
 * A lazy list of a top-level resource (`query` holds its filters). Bad input throws at once: nothing is awaited.
 * @example return all(this, INTEGRATIONS, options, { 'filter[types]': 'line' });
 */
export function all<M extends Model, Arg>(
  Class: ModelClass<M>,
  resource: Resource<'all', Arg>,
  options: ResourceCallOptions & ListOptions = {},
  query?: RequestOptions['query'],
): Collection<M> {
  const binding = bindingOf(options);
  return list(
    Class,
    resource.list,
    binding,
    { path: resource.collectionPath(binding), key: resource.many, query },
    options,
  );
}

/**
 * A lazy list under a parent, each item remembering it.
 * @example return allIn(this, CLIENTS, user, options);
 */
export function allIn<M extends Model, Arg>(
  Class: ModelClass<M>,
  resource: Resource<'all', Arg>,
  parent: Arg,
  options: ResourceCallOptions & ListOptions = {},
): Collection<M> {
  const owner = resource.locate(parent, options);
  const spec = {
    path: resource.collectionPath(owner.binding, owner.id),
    key: resource.many,
    query: brandOf(resource.brand, owner),
  };
  return list(Class, resource.list, owner.binding, spec, options).map((item) =>
    resource.remember(item, owner),
  );
}

function list<M extends Model>(
  Class: ModelClass<M>,
  kind: 'cursor' | 'plain',
  binding: Binding,
  spec: { path: string; key: string; query: RequestOptions['query'] },
  options: ListOptions & { timeout?: number },
): Collection<M> {
  return kind === 'plain'
    ? plainList(Class, binding, spec, options)
    : cursorList(Class, binding, spec, options);
}

function brandOf(brand: boolean, owner: Owner): RequestOptions['query'] {
  return brand ? { brandId: owner.brandId } : undefined;
}
