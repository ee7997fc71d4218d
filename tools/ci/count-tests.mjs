// Sums the Jest JSON reports under reports/jest/ into the one line CI ends
// with: "N passed, N failed, N skipped". A project whose tests crashed
// before writing a report counts as one failure, so a broken run can never
// read as green. A skipped test fails the run too: the specs that skip
// themselves do so for want of a tool (promtool, openssl, network
// namespaces), and .ci/run installs every one of them, so a skip in CI is
// a test that proved nothing and must not pass unseen.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'reports/jest';
const expected = process.argv.slice(3);
let passed = 0;
let failed = 0;
let skipped = 0;
const found = existsSync(dir)
  ? readdirSync(dir).filter(f => f.endsWith('.json'))
  : [];
for (const file of found) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  const skippedHere = report.numPendingTests + (report.numTodoTests ?? 0);
  if (skippedHere > 0) {
    console.error(`${skippedHere} skipped in ${file}`);
    skipped += skippedHere;
  }
}
for (const project of expected) {
  if (!found.includes(`${project}.json`)) {
    console.error(`no test report from ${project}`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
