import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPERATIONS } from '../lib/operations.js';
import { describeWithDocument } from './support/with-document.js';
import {
  coverageProblems,
  documentOperations,
  readmeWithReference,
  REPO_ROOT,
  resolvesToFunction,
} from '../scripts/api-reference.js';

describe('operations table (API coverage)', () => {
  it('names a function of the public surface for every operation', () => {
    expect(coverageProblems(undefined)).to.deep.equal([]);
    expect(resolvesToFunction('App.create')).to.equal(true);
    expect(resolvesToFunction('App#save')).to.equal(true);
    expect(resolvesToFunction('Key#save')).to.equal(false); // keys have no update in the API
    expect(resolvesToFunction('Nope.find')).to.equal(false);
  });

  describeWithDocument('against the OpenAPI document', () => {
    it('covers every operation of the document', () => {
      const operations = documentOperations()!;
      expect(operations.length).to.be.greaterThan(60);
      expect(coverageProblems(operations)).to.deep.equal([]);
      expect(Object.keys(OPERATIONS).sort()).to.deep.equal(operations.map((o) => o.operationId).sort());
    });
  });

  it('is what README shows as its API reference (regenerate with npm run coverage:api -- --write)', () => {
    const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
    expect(readmeWithReference(readme)).to.equal(readme);
  });
});
