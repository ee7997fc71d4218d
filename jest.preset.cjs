// Shared Jest settings for every project. Each project's jest.config.cjs
// spreads this and names itself; `npm test` runs them all through Nx.
const { mkdirSync } = require('node:fs');
const { resolve } = require('node:path');

// Each project's test target writes its results here as JSON (see its
// project.json); CI sums them. Jest does not create the folder itself.
mkdirSync(resolve(__dirname, 'reports/jest'), { recursive: true });

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/bin/**/*.spec.ts'],
  transform: {
    // Type checking is the `typecheck` target's job; tests only transpile.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // A Redis client left open must fail a test, not hang the run.
  testTimeout: 30_000,
  maxWorkers: 2,
};
