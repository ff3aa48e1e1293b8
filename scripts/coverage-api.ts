/**
 * `npm run coverage:api`: lists every operation of the OpenAPI document with the library method that calls it
 * (from lib/operations.ts) and exits 1 when one has no method or a named method does not exist.
 * `-- --write` also regenerates README's API reference table from the same table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPERATIONS } from '../lib/operations.js';
import {
  coverageProblems,
  documentOperations,
  documentPath,
  readmeWithReference,
  REPO_ROOT,
} from './api-reference.js';

const operations = documentOperations();
if (!operations) {
  console.error(
    `OpenAPI document not found at ${documentPath()} (set SMOOCH_OPENAPI_SPEC): cannot check coverage`,
  );
  process.exit(2);
}
for (const { operationId, method, path } of operations) {
  const entry = OPERATIONS[operationId];
  console.log(
    `${operationId.padEnd(32)} ${method.padEnd(6)} ${path.padEnd(86)} ${entry?.method ?? 'MISSING'}`,
  );
}
const problems = coverageProblems(operations);
console.log(
  `\n${operations.length - problems.filter((p) => p.endsWith('no library method')).length}/${operations.length} operations have a method`,
);
if (process.argv.includes('--write')) {
  const file = resolve(REPO_ROOT, 'README.md');
  writeFileSync(file, readmeWithReference(readFileSync(file, 'utf8')));
  console.log('README.md API reference regenerated');
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
