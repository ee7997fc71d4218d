module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'client-python',
  rootDir: __dirname,
};
