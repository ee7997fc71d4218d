// The floors of the house, checked on every `npm run lint` (docs/architecture.md).
//
// libs/queue-core/src is built in floors: store/ at the bottom, and three
// wings standing on it, producer/ (enqueue), worker/ (run and settle) and
// admin/ (read and operate). A wing imports store/ and itself, never another
// wing; store/ imports no wing. A need two wings share moves down into
// store/. Specs may drive a job through every floor (enqueue, then run, then
// read), so the floor rules hold for sources, the cycle rule for everything.

const core = '^libs/queue-core/src';
const wings = 'producer|worker|admin';
const spec = '[.]spec[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module must not reach itself through its imports, type-only imports included: no cycles anywhere in apps, libs or tools.',
      from: { path: '^(apps|libs|tools)/' },
      to: { circular: true },
    },
    {
      name: 'store-imports-no-wing',
      severity: 'error',
      comment:
        'queue-core store/ is the ground floor: it imports nothing of producer/, worker/, admin/ nor the doors above them.',
      from: { path: `${core}/store/`, pathNot: spec },
      to: { path: `${core}/(${wings}|testing|bench|index[.]ts$)` },
    },
    {
      name: 'wing-stands-on-store-only',
      severity: 'error',
      comment:
        'A queue-core wing (producer/, worker/, admin/) imports store/ and its own files only, never another wing; a need two wings share moves down into store/.',
      from: { path: `${core}/(${wings})/`, pathNot: spec },
      to: {
        path: `${core}/`,
        pathNot: `${core}/($1|store)/`,
      },
    },
    {
      name: 'sources-leave-test-helpers-alone',
      severity: 'error',
      comment:
        'queue-core sources do not import the ./testing door; only specs and the testing door itself do.',
      from: { path: `${core}/(store|${wings})/`, pathNot: spec },
      to: { path: `${core}/testing/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: '(^|/)(node_modules|dist|coverage|reports|[.]nx)/',
    },
    // Type-only imports count: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['main', 'types'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
