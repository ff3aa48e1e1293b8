// The one place suites are left out: when the official OpenAPI document is absent, suites that need it say so
// and are skipped (issue 2). A SMOOCH_OPENAPI_SPEC that points nowhere is an error, so CI (which sets it) can
// never skip them silently.
import { documentExists, documentLocation } from '../../scripts/openapi-location.js';

/** A mocha suite that needs the OpenAPI document. */
export function describeWithDocument(title: string, fn: (this: Mocha.Suite) => void): void {
  const { path, fromEnv } = documentLocation();
  if (documentExists()) return void describe(title, fn);
  if (fromEnv) throw new Error(`SMOOCH_OPENAPI_SPEC points to ${path}, which does not exist`);
  const reason = `OpenAPI document not found at ${path} (set SMOOCH_OPENAPI_SPEC to run it)`;
  console.warn(`"${title}" skipped: ${reason}`);
  // A pending test in place of the suite: the run lists what was not checked and why. The suite's own body is
  // not run at all, since suites read the document while they are collected.
  describe(title, () => it(`needs the OpenAPI document: ${reason}`));
}
