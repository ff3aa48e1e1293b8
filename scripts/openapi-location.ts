/**
 * Where the official OpenAPI document is: `SMOOCH_OPENAPI_SPEC`, else the copy `npm run fetch:openapi` keeps in
 * `.openapi/` (git-ignored), else `../shared/spec/…` beside the repository. The document is reference data with
 * no open licence, kept outside the repository; the scripts and the specs read it from here.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FILE_NAME = 'sunshine-conversations-v2.yaml';

/**
 * The upstream document the suites were checked against: the public API specification repository, at the
 * commit that generated `info.version` 17.12.1, and the sha256 of that file.
 */
export const UPSTREAM = {
  repository: 'https://github.com/zendesk/sunshine-conversations-api-spec',
  commit: '81dc589444407fb31a0654be753b0b763d02712d',
  version: '17.12.1',
  url: 'https://raw.githubusercontent.com/zendesk/sunshine-conversations-api-spec/81dc589444407fb31a0654be753b0b763d02712d/openapi.yaml',
  sha256: '87c086e2dd2449ff2c1e316e7bfd33b0d555660a78e9b3ddfc6935e4f1880ee0',
} as const;

/** Where `npm run fetch:openapi` writes the document (git-ignored). */
export const FETCHED_PATH = resolve(REPO_ROOT, '.openapi', FILE_NAME);

/** The document's path, and whether it was given by `SMOOCH_OPENAPI_SPEC`. */
export function documentLocation(): { path: string; fromEnv: boolean } {
  const fromEnv = process.env.SMOOCH_OPENAPI_SPEC;
  if (fromEnv) return { path: resolve(fromEnv), fromEnv: true };
  if (existsSync(FETCHED_PATH)) return { path: FETCHED_PATH, fromEnv: false };
  return { path: resolve(REPO_ROOT, '../shared/spec', FILE_NAME), fromEnv: false };
}

/** Whether the document is there. */
export function documentExists(): boolean {
  return existsSync(documentLocation().path);
}
