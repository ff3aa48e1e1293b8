/**
 * Checks what `npm pack` would ship, after `npm run build`: the built entry points with their types and the
 * README, never the specs; and that each entry point of the exports map imports. Run by .ci/run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './api-reference.js';

const [pack] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  }),
) as [{ files: { path: string }[] }];
const files = new Set(pack.files.map((file) => file.path));
const problems: string[] = [];
const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
};
const required = ['README.md', 'package.json', ...Object.values(pkg.bin).map((p) => p.replace(/^\.\//, ''))];
for (const target of Object.values(pkg.exports)) {
  if (typeof target === 'object') required.push(target.types.slice(2), target.default.slice(2));
}
for (const file of required) if (!files.has(file)) problems.push(`npm pack does not ship ${file}`);
for (const file of files) if (/^spec\/|\.spec\./.test(file)) problems.push(`npm pack ships a spec: ${file}`);

for (const [entry, target] of Object.entries(pkg.exports)) {
  if (typeof target !== 'object') continue;
  try {
    await import(resolve(REPO_ROOT, target.default));
  } catch (error) {
    problems.push(`import of ${entry} (${target.default}) failed: ${(error as Error).message}`);
  }
}
console.log(`npm pack: ${files.size} files; entry points: ${Object.keys(pkg.exports).join(', ')}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
