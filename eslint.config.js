// Lint rules: the recommended sets of ESLint and typescript-eslint, plus the layers of ARCHITECTURE.md as
// `no-restricted-imports` rules (ESLint's own rule: no plugin to keep up to date, and the message names the
// rule that was broken on the import line itself). Import cycles, type-only ones included, are checked by
// dependency-cruiser (`npm run lint:cycles`), since eslint-plugin-import's no-cycle ignores `import type`.
// Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SEE = 'see ARCHITECTURE.md, "Layers"';
const only = (name, where) => ({ name, message: `${name} is imported only in ${where} (${SEE}).` });
const GOT = only('got', 'lib/connection/');
const JWT = only('jsonwebtoken', 'lib/auth.ts and lib/sandbox/');
const CLASS_TRANSFORMER = only(
  'class-transformer',
  'lib/model.ts, lib/hydrator.ts, lib/type-metadata.ts and lib/models/',
);
const group = (patterns, message) => ({ group: patterns, message: `${message} (${SEE}).` });
const CONNECTION_INTERNALS = group(
  ['**/connection/*', '!**/connection/index.js'],
  'Outside lib/connection/, import the transport through lib/connection/index.js',
);
const UPPER = {
  models: group(['**/models/*', '**/models/**'], 'A lower layer must not import lib/models/'),
  webhooks: group(
    ['**/webhooks/*', '!**/webhooks/triggers.js'],
    'A lower layer must not import lib/webhooks/',
  ),
  modelLayer: group(
    ['**/model.js', '**/hydrator.js', '**/listing.js', '**/resource.js', '**/type-metadata.js'],
    'A lower layer must not import the model layer',
  ),
  surfaces: group(
    ['../index.js', '**/oauth.js', '**/testing/*', '**/sandbox/*', '**/redis/*', '**/queue/*', '**/cli.js'],
    'Only the entry points sit above lib/webhooks/',
  ),
};
const FOUNDATION = group(
  ['./*', '../*', '!./errors.js', '!../errors.js'],
  'errors, path, limits, auth and the other leaf modules import nothing of the library but lib/errors.ts',
);

/** Each layer: its files, the packages it may use, the import patterns it may not. Files are disjoint. */
const LAYERS = [
  {
    files: ['lib/errors.ts', 'lib/path.ts', 'lib/limits.ts', 'lib/version.ts', 'lib/wire.ts'],
    packages: [GOT, JWT, CLASS_TRANSFORMER],
    patterns: [FOUNDATION],
  },
  {
    files: ['lib/media-types.ts', 'lib/multipart.ts', 'lib/operations.ts', 'lib/webhooks/triggers.ts'],
    packages: [GOT, JWT, CLASS_TRANSFORMER],
    patterns: [FOUNDATION],
  },
  { files: ['lib/auth.ts'], packages: [GOT, CLASS_TRANSFORMER], patterns: [FOUNDATION] },
  {
    files: ['lib/connection/**'],
    packages: [JWT, CLASS_TRANSFORMER],
    patterns: [
      group(
        [
          '**/models/*',
          '**/webhooks/*',
          '**/model.js',
          '**/hydrator.js',
          '**/listing.js',
          '**/resource.js',
          '**/type-metadata.js',
        ],
        'The transport sits below the models',
      ),
      group(['**/collection.js', '**/media.js'], 'The transport sits below lists and uploads'),
      UPPER.surfaces,
    ],
  },
  {
    files: ['lib/collection.ts', 'lib/media.ts'],
    packages: [GOT, JWT, CLASS_TRANSFORMER],
    patterns: [
      group(
        ['./*', '!./errors.js', '!./limits.js', '!./media-types.js'],
        'Lists and uploads import only errors and limits',
      ),
    ],
  },
  {
    files: ['lib/model.ts', 'lib/hydrator.ts', 'lib/listing.ts', 'lib/resource.ts', 'lib/type-metadata.ts'],
    packages: [GOT, JWT],
    patterns: [CONNECTION_INTERNALS, UPPER.models, UPPER.webhooks, UPPER.surfaces],
  },
  {
    files: ['lib/models/**'],
    packages: [GOT, JWT],
    patterns: [CONNECTION_INTERNALS, UPPER.webhooks, UPPER.surfaces],
  },
  {
    files: ['lib/webhooks/**'],
    packages: [GOT, JWT, CLASS_TRANSFORMER],
    patterns: [CONNECTION_INTERNALS, UPPER.surfaces],
  },
  {
    files: ['lib/sandbox/**'],
    packages: [GOT, CLASS_TRANSFORMER],
    patterns: [
      group(
        ['../*', '../../*', '!../path.js', '!../webhooks', '../webhooks/*', '!../webhooks/triggers.js'],
        'The sandbox shares only the path encoder and the trigger list with the library, so it can become its own package',
      ),
    ],
  },
  {
    files: ['lib/**'],
    packages: [GOT, JWT, CLASS_TRANSFORMER],
    patterns: [CONNECTION_INTERNALS],
  },
];

const claimed = [];
const layerConfigs = LAYERS.map(({ files, packages, patterns }) => {
  const config = {
    files,
    ignores: [...claimed],
    rules: { 'no-restricted-imports': ['error', { paths: packages, patterns }] },
  };
  claimed.push(...files);
  return config;
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'bench/node_modules/**',
      'coverage/**',
      'spec/.readme-snippets/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...layerConfigs,
  {
    // The CommonJS consumer of the packed tarball (scripts/check-consumers.ts): require() is its point.
    files: ['scripts/consumers/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', console: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['spec/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
