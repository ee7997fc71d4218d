// Sums the Jest JSON reports under reports/jest/ into the one line CI ends
// with: "N passed, N failed". A project whose tests crashed before writing
// a report counts as one failure, so a broken run can never read as green.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'reports/jest';
const expected = process.argv.slice(3);
let passed = 0;
let failed = 0;
const found = existsSync(dir)
  ? readdirSync(dir).filter(f => f.endsWith('.json'))
  : [];
for (const file of found) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
}
for (const project of expected) {
  if (!found.includes(`${project}.json`)) {
    console.error(`no test report from ${project}`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
