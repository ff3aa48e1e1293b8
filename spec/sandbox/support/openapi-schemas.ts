// Turns the official OpenAPI 3.0 document into JSON Schema that ajv checks exactly as the document means it.
// The document is reference data outside the repository: read at test time, never copied into it.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { documentLocation } from '../../../scripts/openapi-location.js';

export type Node = Record<string, unknown>;

/** The document's path (see scripts/openapi-location.ts). */
export function documentPath(): string {
  return documentLocation().path;
}

/** The document with its schemas rewritten for ajv (see `convert`). */
export function loadDocument(): Node {
  return convert(YAML.parse(readFileSync(documentPath(), 'utf8')) as Node);
}

/**
 * OpenAPI 3.0 keywords JSON Schema does not have, rewritten so ajv checks what they say:
 * 1. `nullable: true` beside `type` adds `null` to the type (and to `enum`); beside `allOf` (no type, 20 places)
 *    it becomes `anyOf: [null, rest]`; `nullable: false` says nothing and goes.
 * 2. A `discriminator` with `oneOf` + `mapping` (content, actions, matchCriteria): the lax subschemas overlap
 *    (an image also matches `file`), so `oneOf` would refuse valid bodies; check `type` against the mapping.
 * 3. The `integration` discriminator is inheritance (subtypes `allOf` the base): the base moves to
 *    `integration__base` and `integration` checks each object against the schema of its `type`.
 * 4. A `required` property marked `writeOnly` is required in requests only: responses never carry it.
 * 5. A `oneOf` without a discriminator (4 request bodies: participantLeaveBody, destination,
 *    conversionEventsBody, integrationUpdate) lists shapes none of which requires anything, so every body fits
 *    several of them (the document's own UpdateIntegration example `{displayName}` fits all 16): it means
 *    "one of these shapes", which is `anyOf`.
 */
export function convert(doc: Node): Node {
  const schemas = (doc.components as { schemas: Record<string, Node> }).schemas;
  inheritance(schemas, 'integration');
  walk(doc, (node, replace) => {
    writeOnlyNotRequired(node);
    discriminated(node);
    laxOneOf(node);
    nullable(node, replace);
  });
  return doc;
}

function inheritance(schemas: Record<string, Node>, name: string): void {
  const base = schemas[name]!;
  const { mapping } = base.discriminator as { propertyName: string; mapping: Record<string, string> };
  delete base.discriminator;
  schemas[`${name}__base`] = base;
  const own = `#/components/schemas/${name}`;
  for (const ref of Object.values(mapping)) {
    const subtype = schemas[ref.split('/').pop()!]!;
    for (const part of (subtype.allOf as Node[] | undefined) ?? []) {
      if (part.$ref === own) part.$ref = `${own}__base`;
    }
  }
  schemas[name] = {
    allOf: [{ $ref: `${own}__base` }, ...byType('type', mapping)],
  };
}

function discriminated(node: Node): void {
  const discriminator = node.discriminator as
    { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (!discriminator || !node.oneOf || !discriminator.mapping) return;
  const { propertyName, mapping } = discriminator;
  delete node.discriminator;
  delete node.oneOf;
  node.type = 'object';
  node.required = [propertyName];
  node.properties = { [propertyName]: { enum: Object.keys(mapping) } };
  node.allOf = [...((node.allOf as Node[]) ?? []), ...byType(propertyName, mapping)];
}

function laxOneOf(node: Node): void {
  if (!node.oneOf || node.discriminator) return;
  node.anyOf = node.oneOf;
  delete node.oneOf;
}

function byType(propertyName: string, mapping: Record<string, string>): Node[] {
  return Object.entries(mapping).map(([value, ref]) => ({
    if: { properties: { [propertyName]: { const: value } }, required: [propertyName] },
    then: { $ref: ref },
  }));
}

function nullable(node: Node, replace: (next: Node) => void): void {
  if (typeof node.nullable !== 'boolean') return;
  const value = node.nullable;
  delete node.nullable;
  if (value !== true) return;
  if (typeof node.type === 'string') {
    node.type = [node.type, 'null'];
    if (Array.isArray(node.enum)) node.enum = [...node.enum, null];
    return;
  }
  replace({ anyOf: [{ type: 'null' }, { ...node }] });
}

function writeOnlyNotRequired(node: Node): void {
  const properties = node.properties as Record<string, Node> | undefined;
  if (!properties || !Array.isArray(node.required)) return;
  node.required = (node.required as string[]).filter((name) => properties[name]?.writeOnly !== true);
}

/** Visits every object depth first (children before parents), letting a visit replace the node. */
function walk(value: unknown, visit: (node: Node, replace: (next: Node) => void) => void): void {
  if (!value || typeof value !== 'object') return;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value as Node);
  for (const [key, child] of entries) {
    // Examples are data, not schemas: a key named `nullable` there must stay as it is.
    if (!child || typeof child !== 'object' || key === 'example' || key === 'examples') continue;
    walk(child, visit);
    if (!Array.isArray(child)) {
      visit(child as Node, (next) => ((value as Record<string | number, unknown>)[key] = next));
    }
  }
}
