// Validates sandbox responses and webhook deliveries against the official document, with ajv.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadDocument, type Node } from './openapi-schemas.js';

interface Operation {
  id: string;
  method: string;
  regex: RegExp;
  responses: Record<string, Node>;
  requestBody?: Node;
}

/** One exchange to check: what was asked and what came back. */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
  /** The JSON request body, when one was sent. */
  request?: unknown;
}

/** A response (or event) that does not match the document. */
export interface Violation {
  what: string;
  errors: string[];
}

/** Response and event validators compiled from the document. */
export class ResponseValidator {
  readonly #ajv: Ajv;
  readonly #operations: Operation[] = [];
  readonly #cache = new Map<string, ValidateFunction>();
  readonly #doc: Node;

  constructor() {
    this.#doc = loadDocument();
    this.#ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    (addFormats as unknown as (ajv: Ajv) => void)(this.#ajv);
    this.#ajv.addSchema({ $id: 'spec', components: this.#doc.components } as object);
    for (const [template, item] of Object.entries(this.#doc.paths as Record<string, Record<string, Node>>)) {
      const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries(item)) {
        if (!op.operationId) continue;
        const responses = (op.responses ?? {}) as Record<string, Node>;
        this.#operations.push({
          id: op.operationId as string,
          method: method.toUpperCase(),
          regex,
          responses,
          requestBody: op.requestBody as Node | undefined,
        });
      }
    }
  }

  /** The operation a request is, by method and path (most specific template first). */
  operationOf(method: string, path: string): string | undefined {
    return this.#find(method, path)?.id;
  }

  /** The violations of one response: undeclared statuses, bodies that do not match the declared schema. */
  check(exchange: Exchange): Violation[] {
    const what = `${exchange.method} ${exchange.path} -> ${exchange.status}`;
    const operation = this.#find(exchange.method, exchange.path);
    if (!operation) return [{ what, errors: ['no operation of the document has this method and path'] }];
    const declared = operation.responses[String(exchange.status)];
    let schema: Node | undefined;
    if (declared) schema = content(declared);
    else if (exchange.status >= 400) schema = { $ref: '#/components/schemas/errorResponse' };
    else return [{ what, errors: [`${operation.id} declares no ${exchange.status} response`] }];
    if (exchange.status >= 400) {
      const errors = (exchange.body as { errors?: Array<{ code?: unknown; title?: unknown }> })?.errors;
      const shaped =
        Array.isArray(errors) &&
        errors.length > 0 &&
        errors.every((e) => typeof e.code === 'string' && typeof e.title === 'string');
      if (!shaped) return [{ what, errors: ['an error body must be {errors:[{code,title}]}'] }];
    }
    if (!schema) return [];
    return this.#validate(`${operation.id} ${exchange.status}`, schema, exchange.body, what);
  }

  /** The violations of one JSON request body against the operation's requestBody schema. */
  checkRequest(exchange: Exchange): Violation[] {
    const what = `request of ${exchange.method} ${exchange.path}`;
    const operation = this.#find(exchange.method, exchange.path);
    if (!operation) return [{ what, errors: ['no operation of the document has this method and path'] }];
    if (exchange.request === undefined) return [];
    const schema = operation.requestBody ? content(operation.requestBody) : undefined;
    if (!schema) return [{ what, errors: [`${operation.id} takes no JSON body`] }];
    return this.#validate(`${operation.id} request`, schema, exchange.request, what);
  }

  /** The violations of one webhook delivery body (the envelope and each event by its type). */
  checkDelivery(body: unknown): Violation[] {
    const webhooks = this.#doc['x-webhooks'] as Record<string, { post: Node }>;
    const envelope = content(webhooks['Webhook Event']!.post.requestBody as Node)!;
    const violations = this.#validate('delivery', envelope, body, 'webhook delivery');
    for (const event of (body as { events?: Array<{ type?: string }> }).events ?? []) {
      const name = eventSchema(String(event.type));
      violations.push(
        ...this.#validate(name, { $ref: `#/components/schemas/${name}` }, event, `event ${event.type}`),
      );
    }
    return violations;
  }

  #find(method: string, path: string): Operation | undefined {
    const candidates = this.#operations.filter((op) => op.method === method && op.regex.test(path));
    // A literal segment beats a parameter: /attachments/remove over /attachments/{id}.
    return candidates.sort((a, b) => b.regex.source.length - a.regex.source.length)[0];
  }

  #validate(key: string, schema: Node, body: unknown, what: string): Violation[] {
    let validate = this.#cache.get(key);
    if (!validate) {
      validate = this.#ajv.compile(rebase(structuredClone(schema)) as object);
      this.#cache.set(key, validate);
    }
    if (validate(body)) return [];
    const errors = (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
    return [{ what, errors }];
  }
}

function content(response: Node): Node | undefined {
  const media = response.content as Record<string, { schema?: Node }> | undefined;
  return media?.['application/json']?.schema;
}

/** Points the document's local refs at the registered document. */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (!value || typeof value !== 'object') return value;
  const out: Node = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith('#/') ? `spec${child}` : rebase(child);
  }
  return out;
}

/** The document's schema name of an event type: `client:add` -> clientAddEvent, switchboard ones without suffix. */
export function eventSchema(type: string): string {
  const camel = type.replace(/:(\w)/g, (_, c: string) => c.toUpperCase());
  return type.startsWith('switchboard:') ? camel : `${camel}Event`;
}
