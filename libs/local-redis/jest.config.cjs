module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'local-redis',
  rootDir: __dirname,
};
