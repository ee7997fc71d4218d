import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const redisClients = ['bullmq', 'ioredis'];
// Bull Board needs BullMQ queues: queue-core builds the dashboard router.
const queueInternals = [...redisClients, '@bull-board/*'];

// The typed client ships inside client apps: contracts only.
const clientConstraint = {
  sourceTag: 'type:client',
  onlyDependOnLibsWithTags: ['type:contract'],
  bannedExternalImports: redisClients,
};
const e2eConstraint = {
  sourceTag: 'type:e2e',
  onlyDependOnLibsWithTags: ['type:util', 'type:contract'],
  bannedExternalImports: redisClients,
};
const sharedScopeConstraint = {
  sourceTag: 'scope:shared',
  onlyDependOnLibsWithTags: ['scope:shared'],
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  { ignores: ['**/dist', '**/node_modules', '.nx', 'reports', 'coverage'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      // The path of a job reads off the project graph: apps → queue-core →
      // contracts. Only queue-core may talk to Redis, and contracts may only
      // use TypeBox, so every edge of that graph is checked here.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:contract',
                'type:util',
              ],
              bannedExternalImports: queueInternals,
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:contract', 'type:util'],
            },
            {
              sourceTag: 'type:contract',
              onlyDependOnLibsWithTags: [],
              // ipaddr.js: the one classification of public addresses that
              // the API's outbound-url format and the worker's SSRF guard
              // share (issue 15), so they cannot disagree. It has no
              // dependencies and runs wherever the contracts do.
              allowedExternalImports: [
                '@sinclair/typebox',
                '@sinclair/typebox/*',
                'ipaddr.js',
              ],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util', 'type:contract'],
              bannedExternalImports: redisClients,
            },
            clientConstraint,
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:util', 'type:contract'],
              bannedExternalImports: redisClients,
            },
            // The end-to-end projects (tools/bench, tools/chaos) drive the
            // built apps like any client; the bench's layer worker alone
            // reaches queue-core, through its declared `./bench` door.
            e2eConstraint,
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'],
            },
            {
              sourceTag: 'scope:worker',
              onlyDependOnLibsWithTags: ['scope:worker', 'scope:shared'],
            },
            {
              sourceTag: 'scope:inspector',
              onlyDependOnLibsWithTags: ['scope:inspector', 'scope:shared'],
            },
            sharedScopeConstraint,
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The clients' specs run them against the real API: they start a private
    // redis-server and the API process with the util libs' test helpers,
    // which the client itself must never import. A later block replaces the
    // rule's options, so this one repeats the constraints that apply here.
    files: [
      'libs/client/src/**/*.spec.ts',
      'libs/client-python/src/**/*.spec.ts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              ...clientConstraint,
              onlyDependOnLibsWithTags: [
                ...clientConstraint.onlyDependOnLibsWithTags,
                'type:util',
              ],
            },
            sharedScopeConstraint,
          ],
        },
      ],
    },
  },
  {
    // The bench's baselines (raw BullMQ, bee-queue) and its Redis observers
    // must talk to BullMQ and Redis directly: that is what Errand is
    // measured against. Only this folder may; the rest of tools/bench goes
    // through the apps like any client. As above, the options are repeated.
    files: ['tools/bench/baselines/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:util',
                'type:contract',
                'type:data-access',
              ],
            },
            sharedScopeConstraint,
          ],
        },
      ],
      // queue-core's parts come through its bench door only.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@errand/queue-core',
              message:
                'The bench reaches queue-core by @errand/queue-core/bench.',
            },
          ],
        },
      ],
    },
  },
  {
    // The configuration reference (docs/configuration.md) is generated from
    // the schemas the apps load at start-up: tools/docs may import those
    // three config modules, and nothing else of the apps. As above, the
    // options are repeated.
    files: ['tools/docs/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [
            '../../apps/api/src/config',
            '../../apps/worker/src/config',
            '../../apps/inspector/src/inspector-config',
          ],
          depConstraints: [
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:util', 'type:contract'],
              bannedExternalImports: redisClients,
            },
            sharedScopeConstraint,
          ],
        },
      ],
    },
  },
  {
    // `@errand/queue-core/bench` opens the consumer's inner layers for the
    // bench's layer worker; nothing else goes through that door.
    files: ['**/*.ts'],
    ignores: ['tools/bench/baselines/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@errand/queue-core/bench',
              message: 'The bench door is for tools/bench/baselines only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Config files load shared presets by relative path; they are not
    // part of any project's import graph.
    files: ['**/jest.config.cjs', '**/jest.*.config.cjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.cjs', '**/bin/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
