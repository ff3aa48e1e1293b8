// README's TypeScript is checked like the library: every ```ts block of README.md is written to its own file
// under spec/.readme-snippets/ (package imports pointed at lib/) and all of them are compiled in ONE
// `tsc --noEmit` run with the repository's compiler options. A block that truly cannot compile is marked
// ```ts nocheck and says why.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, 'spec', '.readme-snippets');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

/** A fenced code block of the README: its info string, the README line of its first code line, its code. */
interface Block {
  info: string;
  line: number;
  code: string;
}

/** Every fenced code block of a Markdown text. */
function codeBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    blocks.push({ info: open[1]!.trim(), line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** Whether a block is TypeScript to check: ```ts, not ```ts nocheck. */
function isChecked(block: Block): boolean {
  const [language, ...flags] = block.info.split(/\s+/);
  return language === 'ts' && !flags.includes('nocheck');
}

const PACKAGE_PATHS: Record<string, string> = {
  'smooch-record': '../../lib/index.js',
  'smooch-record/testing': '../../lib/testing/index.js',
  'smooch-record/sandbox': '../../lib/sandbox/index.js',
  'smooch-record/redis': '../../lib/redis/index.js',
  'smooch-record/queue': '../../lib/queue/index.js',
};

/**
 * Names snippets use without defining them, as a reader's surrounding code would have them. Keep it small and
 * honest: these are values of the library's real types, so a call to a method that does not exist still fails.
 */
const PRELUDE = [
  "import type * as __sr from '../../lib/index.js';",
  "import type * as __express from 'express';",
  'declare const req: __express.Request;',
  'declare const res: __express.Response;',
  'declare const rawBody: Buffer;',
  'declare const user: __sr.AppUser;',
  'declare const conversation: __sr.Conversation;',
  'declare const keyId: string;',
  'declare const secret: string;',
  'declare const appId: string;',
  'declare const integrationId: string;',
];

/**
 * express is not a dependency: this minimal stand-in types what the snippets use, the way @types/express does
 * (`req.body` is `any` there too).
 */
const EXPRESS_SHIM = `import type { IncomingMessage, ServerResponse } from 'node:http';
export interface Request extends IncomingMessage {
  body: any;
  query: Record<string, unknown>;
}
export interface Response extends ServerResponse {
  json(body: unknown): this;
  sendStatus(status: number): this;
  redirect(url: string): void;
}
export type Handler = (req: Request, res: Response, next: (error?: unknown) => void) => unknown;
export interface Application {
  post(path: string, ...handlers: Handler[]): this;
  get(path: string, ...handlers: Handler[]): this;
  listen(port: number): unknown;
}
declare function express(): Application;
declare namespace express {
  function json(options?: object): Handler;
  function raw(options?: { type?: string; limit?: string | number }): Handler;
  function text(options?: object): Handler;
}
export default express;
`;

// An import statement at the start of a line (no `;` inside, so one import never swallows the next).
const IMPORT = /^import\b(?:[^;]*?\bfrom\s*)?['"]([^'"]+)['"];?/gm;

/** A snippet as a compilable file, and how many lines precede its code (to map errors back to README). */
function snippetFile(code: string): { text: string; headerLines: number } {
  const imports: string[] = [];
  // Imports move to the top (the code runs in a block); their lines stay, blank, so line numbers still map.
  const body = code.replace(IMPORT, (statement: string, specifier: string) => {
    const target = PACKAGE_PATHS[specifier];
    imports.push(target ? statement.replace(/(['"])[^'"]+\1/, `'${target}'`) : statement);
    return statement.replace(/[^\n]/g, '');
  });
  // The block lets a snippet define a name the prelude declares (its own `user`) without a redeclaration.
  const header = [...PRELUDE, ...imports.join('\n').split('\n'), '{'];
  return { text: `${header.join('\n')}\n${body}\n}\nexport {};\n`, headerLines: header.length };
}

/** The canary: the prelude must not make everything compile. */
const CANARY = 'await conversation.replyToEveryone("this method does not exist");';

describe('README code snippets', function () {
  this.timeout(60_000);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = codeBlocks(readme).filter((block) => block.info.split(/\s+/)[0] === 'ts');
  const checked = blocks.filter(isChecked);
  let output = '';
  let status: number | null = null;
  const files = new Map<string, { line: number; headerLines: number }>();

  before(() => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(join(DIR, 'shims'), { recursive: true });
    writeFileSync(join(DIR, 'shims', 'express.d.ts'), EXPRESS_SHIM);
    checked.forEach((block, index) => {
      const name = `snippet-${String(index + 1).padStart(2, '0')}.ts`;
      const { text, headerLines } = snippetFile(block.code);
      writeFileSync(join(DIR, name), text);
      files.set(name, { line: block.line, headerLines });
    });
    writeFileSync(join(DIR, 'canary.ts'), snippetFile(CANARY).text);
    const tsconfig = {
      extends: '../../tsconfig.json',
      compilerOptions: { noEmit: true, paths: { express: ['./shims/express.d.ts'] } },
      include: ['*.ts', 'shims/*.d.ts'],
    };
    writeFileSync(join(DIR, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const run = spawnSync(TSC, ['-p', join(DIR, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (run.error) throw run.error;
    output = `${run.stdout}${run.stderr}`;
    status = run.status;
  });

  let failed = false;
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(() => {
    // Kept after a failure, to look at the generated files.
    if (!failed) rmSync(DIR, { recursive: true, force: true });
  });

  it('has TypeScript snippets to check, and few marked nocheck', () => {
    expect(checked.length).to.be.greaterThan(15);
    expect(blocks.length - checked.length).to.be.at.most(3);
    for (const block of blocks.filter((b) => !isChecked(b))) {
      expect(block.code, `the nocheck block at README.md:${block.line} must say why`).to.match(/\/\/.*\S/);
    }
  });

  it('rejects a call to a method that does not exist (the prelude is honest)', () => {
    expect(status).to.not.equal(0);
    expect(output).to.match(/canary\.ts\(\d+,\d+\): error TS2339: Property 'replyToEveryone' does not exist/);
  });

  it('type-checks every ```ts block of README.md', () => {
    const errors = errorsOf(output).filter((error) => !error.startsWith('canary.ts'));
    const located = errors.map((error) => locate(error, files));
    expect(located, `README snippets do not compile:\n${located.join('\n')}`).to.deep.equal([]);
  });
});

/** tsc's error lines (with their continuation lines), file names relative to the snippet folder. */
function errorsOf(output: string): string[] {
  const errors: string[] = [];
  for (const line of output.split('\n')) {
    if (/^\S.*\(\d+,\d+\): error /.test(line) || /^error /.test(line)) errors.push(relativeTo(line));
    else if (line.trim() && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
  }
  return errors;
}

function relativeTo(line: string): string {
  return line.replace(/^.*\.readme-snippets\//, '');
}

/** `snippet-03.ts(14,7): error ...` with the README line that code came from. */
function locate(error: string, files: Map<string, { line: number; headerLines: number }>): string {
  const match = /^([\w.-]+\.ts)\((\d+),(\d+)\)/.exec(error);
  const file = match && files.get(match[1]!);
  if (!file) return error;
  const codeLine = Number(match![2]) - file.headerLines;
  const where =
    codeLine >= 1 ? `README.md:${file.line + codeLine - 1}` : `README.md:${file.line} (an import)`;
  return `${where}: ${error}`;
}
