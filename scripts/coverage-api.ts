/**
 * `npm run coverage:api`: lists every operation of the OpenAPI document with the library method that calls it
 * (from lib/operations.ts) and whether the sandbox routes it, and exits 1 when one has no method, a named
 * method does not exist, or the sandbox does not route it (at the document's method and path).
 * `-- --write` also regenerates README's API reference table from the same table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPERATIONS } from '../lib/operations.js';
import { routes } from '../lib/sandbox/routes.js';
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
// The sandbox's routes by operation, with their path in the document's {param} form.
const routed = new Map(
  routes.map((route) => [route.operation, `${route.method} ${route.pattern.replace(/:\w+/g, '{}')}`]),
);
const sandboxProblems: string[] = [];
for (const { operationId, method, path } of operations) {
  const entry = OPERATIONS[operationId];
  const route = routed.get(operationId);
  const expected = `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`;
  if (!route) sandboxProblems.push(`${operationId}: not routed by the sandbox`);
  else if (route !== expected)
    sandboxProblems.push(`${operationId}: the sandbox routes ${route}, not ${expected}`);
  const sandbox = route === expected ? 'sandbox' : 'NOT IN SANDBOX';
  console.log(
    `${operationId.padEnd(32)} ${method.padEnd(6)} ${path.padEnd(86)} ${(entry?.method ?? 'MISSING').padEnd(40)} ${sandbox}`,
  );
}
const problems = [...coverageProblems(operations), ...sandboxProblems];
console.log(
  `\n${operations.length - problems.filter((p) => p.endsWith('no library method')).length}/${operations.length} operations have a method`,
);
console.log(
  `${operations.length - sandboxProblems.length}/${operations.length} operations are routed by the sandbox`,
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
