import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { VERSION } from '../lib/version.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('package.json', () => {
  it('is the ESM package smooch-record for Node >= 20', () => {
    expect(pkg.name).to.equal('smooch-record');
    expect(pkg.type).to.equal('module');
    expect(pkg.engines.node).to.equal('>=20');
  });

  it('exports the built entry point with its types', () => {
    const root = pkg.exports['.'];
    expect(root.types).to.equal('./dist/lib/index.d.ts');
    expect(root.import).to.equal('./dist/lib/index.js');
    expect(Object.keys(root)[0]).to.equal('types'); // TypeScript reads the first matching condition
    expect(pkg.types).to.equal(root.types);
    expect(pkg.main).to.equal(root.import);
  });

  it('ships the build and the README, not the specs', () => {
    expect(pkg.files).to.include('dist/lib').and.include('README.md');
    for (const entry of pkg.files as string[]) expect(entry).not.to.match(/(^|\/)spec(\/|$)/);
  });

  it('has the version the User-Agent sends', () => {
    expect(VERSION).to.equal(pkg.version);
  });
});
