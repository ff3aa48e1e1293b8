/**
 * `npm run fetch:openapi [-- --from FILE]`: puts the official OpenAPI document where the contract suites look
 * for it (`.openapi/`, git-ignored), for people with internet access. It downloads the file from the public
 * API specification repository at the commit the suites were checked against (or copies FILE), and keeps it
 * only if its sha256 matches, so the suites never run against a different version by accident.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { FETCHED_PATH, UPSTREAM } from './openapi-location.js';

const { values } = parseArgs({ options: { from: { type: 'string' } } });

async function documentBytes(): Promise<Buffer> {
  if (values.from) return readFileSync(values.from);
  const response = await fetch(UPSTREAM.url);
  if (!response.ok) throw new Error(`GET ${UPSTREAM.url} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

const bytes = await documentBytes();
const sha256 = createHash('sha256').update(bytes).digest('hex');
if (sha256 !== UPSTREAM.sha256) {
  console.error(
    `The document's sha256 is ${sha256}, not ${UPSTREAM.sha256} (version ${UPSTREAM.version} at ` +
      `${UPSTREAM.commit}); nothing was written.`,
  );
  process.exit(1);
}
mkdirSync(dirname(FETCHED_PATH), { recursive: true });
writeFileSync(FETCHED_PATH, bytes);
console.log(`Wrote ${FETCHED_PATH} (version ${UPSTREAM.version}, sha256 ${sha256.slice(0, 12)}...)`);
