module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'tools',
  rootDir: __dirname,
  // tools has no src/: its code sits in one folder per tool.
  testMatch: ['<rootDir>/**/*.spec.ts'],
  // bench and chaos are projects of their own, with their own test target.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/bench/',
    '<rootDir>/chaos/',
  ],
};
