import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { VERSION } from '../lib/version.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('package.json', () => {
  it('is the ESM package smooch-record for Node >= 20.19 (require(esm) unflagged)', () => {
    expect(pkg.name).to.equal('smooch-record');
    expect(pkg.type).to.equal('module');
    expect(pkg.engines.node).to.equal('>=20.19');
  });

  it('exports the built entry point with its types, for import and require alike', () => {
    const root = pkg.exports['.'];
    expect(root.types).to.equal('./dist/lib/index.d.ts');
    // `default`, not `import`: require() resolves it too, and Node >= 20.19 loads the ES module it names.
    expect(root.default).to.equal('./dist/lib/index.js');
    expect(Object.keys(root)).to.deep.equal(['types', 'default']); // TypeScript reads the first match
    expect(pkg.types).to.equal(root.types);
    expect(pkg.main).to.equal(root.default);
  });

  it('gives every entry point a types and a default condition', () => {
    for (const [entry, target] of Object.entries(pkg.exports as Record<string, unknown>)) {
      if (entry === './package.json') continue;
      expect(Object.keys(target as object), entry).to.deep.equal(['types', 'default']);
    }
  });

  it('ships the build and the README, not the specs', () => {
    expect(pkg.files).to.include('dist/lib').and.include('README.md');
    for (const entry of pkg.files as string[]) expect(entry).not.to.match(/(^|\/)spec(\/|$)/);
  });

  it('has the version the User-Agent sends', () => {
    expect(VERSION).to.equal(pkg.version);
  });
});
