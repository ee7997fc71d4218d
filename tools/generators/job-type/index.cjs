// Nx require()s a generator. On Node 20 it can only require TypeScript
// through @swc-node/register or ts-node, neither of which this workspace
// installs; tsx (already used by `npm start`) loads this one module and its
// imports instead, so the generator stays TypeScript like the rest.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire('./job-type.generator.ts', __filename);
