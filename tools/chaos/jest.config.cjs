module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'chaos',
  rootDir: __dirname,
  // An end-to-end project: its code sits in the folder itself, no src/.
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
