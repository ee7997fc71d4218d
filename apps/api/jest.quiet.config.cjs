// The API's specs that bound a latency (the issue's /healthz p99 under a
// deep-JSON attack): run by the `test-quiet` target after every other
// project's tests, one file at a time, so that the machine's other test
// processes are not what they measure.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api-quiet',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.quiet.int.spec.ts'],
  maxWorkers: 1,
};
