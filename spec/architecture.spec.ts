// The layers of ARCHITECTURE.md are lint rules (eslint.config.js): this spec proves each rule fires on the
// import a contributor might write, and stays quiet on the imports the layer allows.
import { expect } from 'chai';
import { ESLint } from 'eslint';
import { REPOSITORY_ROOT } from './support/paths.js';

const DENIED: [file: string, code: string][] = [
  ['lib/models/x.ts', "import got from 'got';"],
  ['lib/webhooks/x.ts', "import jwt from 'jsonwebtoken';"],
  ['lib/webhooks/x.ts', "import { plainToInstance } from 'class-transformer';"],
  ['lib/models/x.ts', "import { a } from '../connection/got-hooks.js';"],
  ['lib/index.ts', "import { a } from './connection/options.js';"],
  ['lib/models/x.ts', "import { a } from '../webhooks/handler.js';"],
  ['lib/models/content/x.ts', "import { a } from '../../webhooks/events.js';"],
  ['lib/connection/x.ts', "import { a } from '../models/app.js';"],
  ['lib/connection/x.ts', "import { a } from '../model.js';"],
  ['lib/model.ts', "import { a } from './models/app.js';"],
  ['lib/errors.ts', "import { a } from './path.js';"],
  ['lib/auth.ts', "import { a } from './connection/index.js';"],
  ['lib/webhooks/x.ts', "import { a } from '../testing/index.js';"],
  ['lib/sandbox/x.ts', "import { a } from '../errors.js';"],
  ['lib/sandbox/x.ts', "import { a } from '../webhooks/handler.js';"],
];

const ALLOWED: [file: string, code: string][] = [
  ['lib/connection/x.ts', "import got from 'got';"],
  ['lib/connection/x.ts', "import { a } from '../errors.js';"],
  ['lib/auth.ts', "import jwt from 'jsonwebtoken';"],
  ['lib/sandbox/x.ts', "import jwt from 'jsonwebtoken';"],
  ['lib/sandbox/x.ts', "import { a } from '../path.js';"],
  ['lib/sandbox/x.ts', "import { a } from '../webhooks/triggers.js';"],
  ['lib/models/x.ts', "import { Type } from 'class-transformer';"],
  ['lib/models/x.ts', "import { a } from '../connection/index.js';"],
  ['lib/models/x.ts', "import { a } from '../webhooks/triggers.js';"],
  ['lib/webhooks/x.ts', "import { a } from '../models/app.js';"],
];

describe('architecture: layer rules in eslint.config.js', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: REPOSITORY_ROOT });
  const restricted = async (file: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(`${code}\nexport const z = 1;\n`, { filePath: file });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  for (const [file, code] of DENIED) {
    it(`refuses in ${file}: ${code}`, async () => {
      const messages = await restricted(file, code);
      expect(messages).to.have.length(1);
      expect(messages[0]).to.contain('ARCHITECTURE.md');
    });
  }
  for (const [file, code] of ALLOWED) {
    it(`allows in ${file}: ${code}`, async () => {
      expect(await restricted(file, code)).to.deep.equal([]);
    });
  }
});
