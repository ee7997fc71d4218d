import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Debian's mypy (apt-get install mypy; .ci/run installs it), `--strict`:
// the package, its tests and typecheck/right_payload.py must pass, and
// typecheck/wrong_payload.py must fail on each line marked `# error: <text>`
// with that text, and on no other line, as tsc does for the TypeScript
// client's fixtures.
const LIB_ROOT = resolve(__dirname, '..');
const WRONG = 'typecheck/wrong_payload.py';
const RIGHT = [
  'errand_client',
  'build_backend',
  'tests',
  'typecheck/right_payload.py',
];
const MARKER = /# error: (.+)$/;
const MYPY_TIMEOUT_MS = 180_000;

const hasMypy = spawnSync('mypy', ['--version']).status === 0;

/** mypy's errors, by file and 1-based line. */
type ErrorsByFile = Map<string, Map<number, string[]>>;

/** How one mypy run ended. */
interface MypyRun {
  status: number | null;
  errors: ErrorsByFile;
  output: string;
}

function runMypy(cacheDir: string, paths: string[]): MypyRun {
  const result = spawnSync(
    'mypy',
    [
      ...['--strict', '--cache-dir', cacheDir, '--no-error-summary'],
      // Nx sets FORCE_COLOR, which mypy obeys unless told otherwise.
      ...['--no-color-output', '--no-pretty'],
      ...paths,
    ],
    { cwd: LIB_ROOT, encoding: 'utf8' },
  );
  if (result.error) throw result.error;
  const output = `${result.stdout}${result.stderr}`;
  const errors: ErrorsByFile = new Map();
  for (const line of output.split('\n')) {
    const match = /^(.+?):(\d+): error: (.+)$/.exec(line);
    if (!match) continue;
    const [, file, at, message] = match;
    const byLine = errors.get(file) ?? new Map<number, string[]>();
    byLine.set(Number(at), [...(byLine.get(Number(at)) ?? []), message]);
    errors.set(file, byLine);
  }
  return { status: result.status, errors, output };
}

function expectedErrors(): Map<number, string> {
  const expected = new Map<number, string>();
  readFileSync(join(LIB_ROOT, WRONG), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const match = MARKER.exec(text);
      if (match) expected.set(index + 1, match[1]);
    });
  return expected;
}

const describeWithMypy =
  // CI must not pass by skipping: there, a missing mypy fails.
  hasMypy || process.env.CI ? describe : describe.skip;

describeWithMypy(
  `mypy --strict on the Python client${hasMypy ? '' : ' (skipped: apt-get install mypy)'}`,
  () => {
    let right: MypyRun;
    let mypy: MypyRun;
    const expected = expectedErrors();

    beforeAll(() => {
      if (!hasMypy) {
        throw new Error('mypy is not installed (apt-get install mypy).');
      }
      // One cache for both runs: the second reuses what the first read.
      const cacheDir = mkdtempSync(join(tmpdir(), 'errand-mypy-'));
      try {
        right = runMypy(cacheDir, RIGHT);
        mypy = runMypy(cacheDir, [WRONG]);
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }, MYPY_TIMEOUT_MS);

    it('passes the package, its tests and the right fixture (exit 0)', () => {
      expect({ status: right.status, output: right.output }).toEqual({
        status: 0,
        output: '',
      });
    });

    it('fails the wrong fixture (exit 1) and nothing else', () => {
      expect(mypy.status).toBe(1);
      expect([...mypy.errors.keys()]).toEqual([WRONG]);
    });

    it('has marked lines to check', () => {
      expect(expected.size).toBeGreaterThanOrEqual(8);
    });

    describe('when a payload breaks its contract', () => {
      it.each([...expected])('fails line %i with "%s"', (line, message) => {
        const errors = mypy.errors.get(WRONG)?.get(line) ?? [];

        expect(errors.join('\n')).toContain(message);
      });

      it('fails no unmarked line', () => {
        const lines = [...(mypy.errors.get(WRONG)?.keys() ?? [])];

        expect(lines.sort((a, b) => a - b)).toEqual([...expected.keys()]);
      });
    });
  },
);
