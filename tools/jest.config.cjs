module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'tools',
  rootDir: __dirname,
  // tools has no src/: its code sits in one folder per tool.
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
