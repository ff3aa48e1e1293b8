/**
 * Where the official OpenAPI document is: `SMOOCH_OPENAPI_SPEC`, else `../shared/spec/…` beside the repository.
 * The document is reference data kept outside the repository; the scripts and the specs read it from here.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The document's path, and whether it was given by `SMOOCH_OPENAPI_SPEC`. */
export function documentLocation(): { path: string; fromEnv: boolean } {
  const fromEnv = process.env.SMOOCH_OPENAPI_SPEC;
  if (fromEnv) return { path: resolve(fromEnv), fromEnv: true };
  return { path: resolve(REPO_ROOT, '../shared/spec/sunshine-conversations-v2.yaml'), fromEnv: false };
}

/** Whether the document is there. */
export function documentExists(): boolean {
  return existsSync(documentLocation().path);
}
