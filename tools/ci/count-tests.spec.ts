import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'count-tests.mjs');

/** A Jest JSON report with these counts. */
const report = (counts: Partial<Record<string, number>>) =>
  JSON.stringify({
    numPassedTests: 0,
    numFailedTests: 0,
    numRuntimeErrorTestSuites: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    ...counts,
  });

describe('count-tests.mjs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errand-count-tests-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the script on `reports` (file name → JSON) expecting `projects`. */
  function count(reports: Record<string, string>, ...projects: string[]) {
    for (const [name, json] of Object.entries(reports)) {
      writeFileSync(join(dir, name), json);
    }
    const run = spawnSync('node', [SCRIPT, dir, ...projects], {
      encoding: 'utf8',
    });
    return { code: run.status, line: run.stdout.trim(), errors: run.stderr };
  }

  it('passes a run where every test passed, and says so', () => {
    expect(
      count({ 'a.json': report({ numPassedTests: 3 }) }, 'a'),
    ).toMatchObject({ code: 0, line: '3 passed, 0 failed, 0 skipped' });
  });

  it('fails a run with a failed test', () => {
    expect(
      count({ 'a.json': report({ numPassedTests: 3, numFailedTests: 1 }) }),
    ).toMatchObject({ code: 1, line: '3 passed, 1 failed, 0 skipped' });
  });

  it('names a failed test, its file and the start of its message', () => {
    const failing = JSON.stringify({
      ...JSON.parse(report({ numPassedTests: 1, numFailedTests: 1 })),
      testResults: [
        {
          name: '/repo/apps/api/src/a.int.spec.ts',
          status: 'failed',
          assertionResults: [
            { status: 'passed', fullName: 'a passes' },
            {
              status: 'failed',
              fullName: 'a answers 202',
              failureMessages: [
                [
                  'Expected: 202',
                  'Received: 503',
                  ...Array(20).fill('  at x'),
                ].join('\n'),
              ],
            },
          ],
        },
      ],
    });
    const { code, errors } = count({ 'api.json': failing });

    expect(code).toBe(1);
    expect(errors).toContain('FAILED');
    expect(errors).toContain('/repo/apps/api/src/a.int.spec.ts');
    expect(errors).toContain('a answers 202');
    expect(errors).toContain('Received: 503');
    expect(errors).not.toContain('a passes');
    // The message is cut to its first lines: the tail CI keeps stays short.
    expect(errors.split('  at x').length - 1).toBeLessThan(20);
  });

  it('names a suite that failed to run', () => {
    const crashed = JSON.stringify({
      ...JSON.parse(report({ numRuntimeErrorTestSuites: 1 })),
      testResults: [
        {
          name: '/repo/libs/b.spec.ts',
          status: 'failed',
          message: 'Cannot find module ./gone',
          assertionResults: [],
        },
      ],
    });

    expect(count({ 'b.json': crashed })).toMatchObject({
      code: 1,
      line: '0 passed, 1 failed, 0 skipped',
      errors: expect.stringMatching(
        /FAILED SUITE.*libs\/b\.spec\.ts\nCannot find module \.\/gone/,
      ),
    });
  });

  it('fails a run with a skipped test, and names its report', () => {
    expect(
      count({
        'a.json': report({ numPassedTests: 3 }),
        'b.json': report({ numPassedTests: 1, numPendingTests: 2 }),
      }),
    ).toEqual({
      code: 1,
      line: '4 passed, 0 failed, 2 skipped',
      errors: expect.stringContaining('2 skipped in b.json'),
    });
  });

  it('counts a todo as skipped', () => {
    expect(count({ 'a.json': report({ numTodoTests: 1 }) })).toMatchObject({
      code: 1,
      line: '0 passed, 0 failed, 1 skipped',
    });
  });

  it('fails a run where a project wrote no report', () => {
    expect(
      count({ 'a.json': report({ numPassedTests: 1 }) }, 'a', 'b'),
    ).toEqual({
      code: 1,
      line: '1 passed, 1 failed, 0 skipped',
      errors: expect.stringContaining('no test report from b'),
    });
  });

  it('sums the runs of several Node.js versions, each needing every project', () => {
    const second = mkdtempSync(join(tmpdir(), 'errand-count-tests-'));
    try {
      writeFileSync(join(dir, 'a.json'), report({ numPassedTests: 3 }));
      writeFileSync(join(second, 'b.json'), report({ numPassedTests: 2 }));
      const run = spawnSync('node', [SCRIPT, `${dir},${second}`, 'a'], {
        encoding: 'utf8',
      });

      expect(run.status).toBe(1);
      expect(run.stdout.trim()).toBe('5 passed, 1 failed, 0 skipped');
      expect(run.stderr).toContain(`no test report from a in ${second}`);
    } finally {
      rmSync(second, { recursive: true, force: true });
    }
  });
});
