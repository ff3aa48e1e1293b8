// Import cycles in lib/, type-only imports included (`tsPreCompilationDeps`): a cycle of types still ties two
// modules together for the next contributor. Layer rules live in eslint.config.js; see ARCHITECTURE.md.
/** @type {import('dependency-cruiser').IConfiguration} */
// eslint-disable-next-line no-undef -- dependency-cruiser reads its configuration as CommonJS
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles, type-only ones included: move the shared types down (ARCHITECTURE.md, "Layers").',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^lib/.*\\.d\\.ts$' },
  },
};
