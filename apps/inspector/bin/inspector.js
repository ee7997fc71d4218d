#!/usr/bin/env node
// `npx inspector …` from the repository runs the TypeScript source through
// tsx, so the CLI works right after `npm ci` with no build. The deployed
// image runs the bundle instead (`node dist/apps/inspector/main.js`).
require('tsx/cjs');
require('../src/main.ts');
