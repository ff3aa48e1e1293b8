// Finds the official OpenAPI document and writes the patched copy Prism serves. The document is reference data
// kept outside the repository: it is read from disk at test time and never copied into the package.
import { openApiDocument } from '../support/openapi.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Node = Record<string, unknown>;

export { documentExists, documentLocation } from '../../scripts/openapi-location.js';

/** Visits every object of the document, depth first. */
function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) return value.forEach((item) => walk(item, visit));
  if (value && typeof value === 'object') {
    visit(value as Node);
    for (const item of Object.values(value)) walk(item, visit);
  }
}

/**
 * The fixes Prism needs to check what the document means (see ../shared/spec/README.md):
 * 1. Prism silently skips body validation for a schema holding `nullable` beside `allOf` without `type`
 *    (20 places): drop that `nullable`.
 * 2. `userFilterQuery` says `required: true` on a property; JSON Schema wants `required: [name]` on the parent.
 * 3. CreateIntegration's body is the `integration` base, whose `discriminator` Prism ignores, so any `type`
 *    and any fields passed: check it against the mapped schema of its `type` instead (oneOf, one per type).
 * 4. UpdateIntegration's body is a `oneOf` of `<type>Update` schemas that are not disjoint (none forbids
 *    extra fields), so every body matches several and `oneOf` refuses all of them, the document's own example
 *    included: the API picks the schema by the stored integration's type, which `anyOf` expresses.
 * 5. Message `content`, `action` and `actionSubset` are `oneOf`s told apart only by a `discriminator` Prism
 *    ignores, and no branch pins its `type`: an image matches imageMessage and fileMessage, a reply button
 *    matches reply, postback and locationRequest, so `oneOf` refuses them all. Pin each branch's `type`.
 * 6. LeaveConversation's body, PostMessage's `destination` and PostConversionEvents' body are `oneOf`s of
 *    objects with no required key, so every body matches all branches: require each branch's one key
 *    (`userId` / `userExternalId` / `participantId`; `integrationId` / `integrationType`;
 *    `messenger` / `instagram` / `whatsapp`), as the API reads them.
 * 7. The `conversionEvents` response example gives `datasetId` as a number where its schema says string, so
 *    Prism's answer to every valid PostConversionEvents fails its own response check: make it a string.
 */
export function patchDocument(doc: Node): Node {
  walk(doc, (node) => {
    if ('allOf' in node && !('type' in node) && 'nullable' in node) delete node.nullable;
  });
  const components = doc.components as { parameters: Node; schemas: Record<string, Node> };
  const filter = (components.parameters.userFilterQuery as { schema: Node }).schema;
  const properties = filter.properties as Record<string, Node>;
  delete properties['identities.email']!.required;
  filter.required = ['identities.email'];

  const schemas = components.schemas;
  const mapping = (schemas.integration!.discriminator as { mapping: Record<string, string> }).mapping;
  const byType = Object.entries(mapping).map(([type, ref]) => ({
    allOf: [{ $ref: ref }, { type: 'object', properties: { type: { enum: [type] } } }],
  }));
  const paths = doc.paths as Record<string, Record<string, Node>>;
  const create = paths['/v2/apps/{appId}/integrations']!.post!.requestBody as Node;
  (create.content as Record<string, { schema: Node }>)['application/json']!.schema = { oneOf: byType };
  const update = schemas.integrationUpdate!;
  update.anyOf = update.oneOf;
  delete update.oneOf;

  for (const name of ['content', 'action', 'actionSubset']) {
    const union = schemas[name]!;
    const named = (union.discriminator as { mapping?: Record<string, string> }).mapping ?? {};
    const typeOf = (ref: string) =>
      Object.keys(named).find((type) => named[type] === ref) ?? ref.split('/').pop()!;
    union.oneOf = (union.oneOf as { $ref: string }[]).map(({ $ref }) => ({
      allOf: [{ $ref }, { type: 'object', properties: { type: { enum: [typeOf($ref)] } } }],
    }));
    delete union.discriminator;
  }
  for (const name of ['participantLeaveBody', 'destination', 'conversionEventsBody']) {
    for (const branch of schemas[name]!.oneOf as Node[])
      branch.required = Object.keys(branch.properties as Node);
  }
  const examples = (doc.components as { examples?: Record<string, { value?: Node }> }).examples ?? {};
  const conversion = examples.conversionEvents?.value?.conversionEvents as Node | undefined;
  if (conversion && typeof conversion.datasetId === 'number')
    conversion.datasetId = String(conversion.datasetId);
  return doc;
}

/** The document as read from disk (parsed once per run: it is large), as a copy the caller may change. */
export function readDocument(): Node {
  return openApiDocument() as Node;
}

/** Writes the patched document to a new temporary folder; `remove()` deletes it. */
export function writePatchedDocument(): { file: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'smooch-record-contract-'));
  const file = join(folder, 'openapi.json');
  writeFileSync(file, JSON.stringify(patchDocument(readDocument())));
  return { file, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
