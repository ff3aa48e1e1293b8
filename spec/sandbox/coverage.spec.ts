// `npm run coverage:api` checks the sandbox too: given a document with an operation the sandbox does not
// route (a copy of the official one in a temporary directory, with one operation added), it exits 1 naming it.
import { openApiDocument } from '../support/openapi.js';
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { documentPath } from './support/openapi-schemas.js';
import { describeWithDocument } from '../support/with-document.js';
import { runNode } from './support/child.js';

describeWithDocument('coverage:api: the sandbox routes every operation of the document', () => {
  it('passes on the official document, with all 68 operations routed', async function () {
    this.timeout(60_000);
    const { code, stdout, stderr } = await runNode(['scripts/coverage-api.ts'], {
      SMOOCH_OPENAPI_SPEC: documentPath(),
    });
    expect(code, stderr).to.equal(0);
    expect(stdout).to.include('68/68 operations are routed by the sandbox');
  });

  it('fails when an operation is not routed, or routed at another path', async function () {
    this.timeout(60_000);
    const directory = mkdtempSync(join(tmpdir(), 'coverage-'));
    try {
      const document = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
      const paths = document.paths as Record<string, Record<string, unknown>>;
      // A "get one" switchboard operation the document does not have: the sandbox cannot route it.
      paths['/v2/apps/{appId}/switchboards/{switchboardId}']!.get = {
        operationId: 'GetSwitchboard',
        responses: { 200: { description: 'Ok' } },
      };
      // And an existing operation moved to another path.
      const moved = paths['/v2/tokenInfo']!;
      delete paths['/v2/tokenInfo'];
      paths['/v2/token-info'] = moved;
      const file = join(directory, 'openapi.yaml');
      writeFileSync(file, YAML.stringify(document));
      const { code, stdout, stderr } = await runNode(['scripts/coverage-api.ts'], {
        SMOOCH_OPENAPI_SPEC: file,
      });
      expect(code).to.equal(1);
      expect(stderr).to.include('GetSwitchboard: not routed by the sandbox');
      expect(stderr).to.include('GetTokenInfo: the sandbox routes GET /v2/tokenInfo, not GET /v2/token-info');
      expect(stdout).to.include('67/69 operations are routed by the sandbox');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
