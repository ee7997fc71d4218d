module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api',
  rootDir: __dirname,
  // Latency bounds run alone, after everything else (jest.quiet.config.cjs).
  testPathIgnorePatterns: ['/node_modules/', '\\.quiet\\.int\\.spec\\.ts$'],
};
