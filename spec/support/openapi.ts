// The one reader of the official OpenAPI document for every spec: parsed once per run (it is large) and
// handed out as a copy each caller may change. The document is reference data outside the repository
// (scripts/openapi-location.ts says where), read at test time, never copied into it.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { documentLocation } from '../../scripts/openapi-location.js';

let parsed: Record<string, unknown> | undefined;

/**
 * The parsed document, as a fresh copy.
 * @example const schemas = (openApiDocument().components as Record<string, unknown>).schemas;
 */
export function openApiDocument(): Record<string, unknown> {
  parsed ??= YAML.parse(readFileSync(documentLocation().path, 'utf8')) as Record<string, unknown>;
  return structuredClone(parsed);
}
