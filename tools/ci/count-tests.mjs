// Sums the Jest JSON reports under reports/jest/ (or under each of several
// folders, comma-separated: one per Node.js version the suite ran on) into
// the one line CI ends with: "N passed, N failed, N skipped". A project whose tests crashed
// before writing a report counts as one failure, so a broken run can never
// read as green. A skipped test fails the run too: the specs that skip
// themselves do so for want of a tool (promtool, openssl, network
// namespaces), and .ci/run installs every one of them, so a skip in CI is
// a test that proved nothing and must not pass unseen.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// CI keeps only the tail of its output, so each failed test is named here,
// next to the final line, with the start of its message: enough to find a
// flake without the run's reports.
function printFailures(report, dir) {
  for (const suite of report.testResults ?? []) {
    const failedTests = (suite.assertionResults ?? []).filter(
      t => t.status === 'failed',
    );
    for (const test of failedTests) {
      const message = (test.failureMessages ?? [])
        .join('\n')
        .split('\n')
        .slice(0, 12)
        .join('\n');
      console.error(
        `FAILED (${dir}) ${suite.name}\n  ${test.fullName}\n${message}\n`,
      );
    }
    if (failedTests.length === 0 && suite.status === 'failed') {
      console.error(
        `FAILED SUITE (${dir}) ${suite.name}\n${(suite.message ?? '').slice(0, 1500)}\n`,
      );
    }
  }
}

const dirs = (process.argv[2] ?? 'reports/jest').split(',');
const expected = process.argv.slice(3);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of dirs) {
  const found = existsSync(dir)
    ? readdirSync(dir).filter(f => f.endsWith('.json'))
    : [];
  for (const file of found) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    printFailures(report, dir);
    const skippedHere = report.numPendingTests + (report.numTodoTests ?? 0);
    if (skippedHere > 0) {
      console.error(`${skippedHere} skipped in ${file} (${dir})`);
      skipped += skippedHere;
    }
  }
  for (const project of expected) {
    if (!found.includes(`${project}.json`)) {
      console.error(`no test report from ${project} in ${dir}`);
      failed += 1;
    }
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
