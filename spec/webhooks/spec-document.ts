// The webhook parts of the official OpenAPI document, read at test time (never copied into the repository):
// the delivery examples of `x-webhooks`, the payload properties of each event schema, and the trigger table.
import { openApiDocument } from '../support/openapi.js';

type Node = Record<string, unknown>;

/** What the webhook specs read from the document. */
export interface WebhookDocument {
  /** Delivery example per trigger (`conversation:message` -> `{ app, webhook, events }`). */
  examples: Map<string, Node>;
  /** Payload property names per event schema title (`client:add` -> ['conversation', 'user', ...]). */
  payloadKeys: Map<string, string[]>;
  /** The trigger names of the Webhooks tag's trigger table. */
  triggerTable: string[];
}

let cached: WebhookDocument | undefined;

/** The document's webhook parts (parsed once). */
export function webhookDocument(): WebhookDocument {
  if (cached) return cached;
  const doc = openApiDocument();
  const deref = (node: unknown): Node => {
    let current = node as Node;
    while (current && typeof current.$ref === 'string') {
      current = (current.$ref as string)
        .slice(2)
        .split('/')
        .reduce<Node>((at, key) => at[key] as Node, doc);
    }
    return current;
  };
  const properties = (schema: unknown): Node => {
    const node = deref(schema);
    const own = (node.properties as Node | undefined) ?? {};
    const inherited = ((node.allOf as unknown[] | undefined) ?? []).map(properties);
    return Object.assign({}, ...inherited, own) as Node;
  };
  const post = (doc['x-webhooks'] as Node)['Webhook Event'] as { post: Node };
  const content = (post.post.requestBody as Node).content as Record<string, Node>;
  const json = content['application/json']!;
  const examples = new Map<string, Node>();
  for (const [trigger, ref] of Object.entries(json.examples as Node)) {
    examples.set(trigger, deref(ref).value as Node);
  }
  const payloadKeys = new Map<string, string[]>();
  const items = ((json.schema as Node).properties as Node).events as { items: { anyOf: Node[] } };
  for (const ref of items.items.anyOf) {
    const schema = deref(ref);
    payloadKeys.set(schema.title as string, Object.keys(properties(properties(schema).payload)));
  }
  const tag = (doc.tags as Node[]).find((t) => t.name === 'Webhooks')!;
  const triggerTable = [...String(tag.description).matchAll(/^\|\s*([a-z]+:[A-Za-z:]+)\s*\|/gm)].map(
    (m) => m[1]!,
  );
  cached = { examples, payloadKeys, triggerTable };
  return cached;
}

export { describeWithDocument } from '../support/with-document.js';
