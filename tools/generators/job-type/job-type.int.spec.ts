import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REGISTRIES } from './register-job-type';
import {
  createScratchWorkspace,
  type ScratchWorkspace,
} from './testing/scratch-workspace';

const WORKSPACE_ROOT = join(__dirname, '../../..');
const PROJECTS = [
  'tools',
  'libs/contracts',
  'libs/queue-core',
  'libs/runtime',
  'libs/local-redis',
  'apps/worker',
];
const GENERATED = [
  'libs/contracts/src/jobs/sample-echo.job.ts',
  'libs/contracts/src/jobs/sample-echo.job.spec.ts',
  'apps/worker/src/handlers/sample-echo.handler.ts',
  'apps/worker/src/handlers/sample-echo.handler.spec.ts',
];
const bin = (path: string) => join(WORKSPACE_ROOT, 'node_modules', path);

/** The part of Jest's --json report read here. */
interface JestReport {
  testResults: { name: string; status: string; message: string }[];
}

describe('a job type made by `nx g @errand/tools:job-type`', () => {
  let scratch: ScratchWorkspace;

  /** Runs a Node CLI in the scratch workspace; a failure shows its output. */
  async function run(cli: string, args: string[]): Promise<string> {
    // Nx passes its own variables to the tasks it runs, the workspace root
    // among them: the scratch workspace must not inherit them.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !key.startsWith('NX_') && !key.startsWith('JEST_'),
      ),
    );
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [bin(cli), ...args],
        {
          cwd: scratch.root,
          env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', CI: 'true' },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return stdout;
    } catch (error) {
      const { stdout = '', stderr = '' } = error as Record<string, string>;
      throw new Error(`${cli} ${args.join(' ')} failed:\n${stdout}${stderr}`);
    }
  }

  beforeAll(async () => {
    scratch = createScratchWorkspace(WORKSPACE_ROOT, PROJECTS);
    await run('nx/dist/bin/nx.js', [
      'g',
      '@errand/tools:job-type',
      'sample.echo',
      '--description=Echoes its input.',
      '--no-interactive',
    ]);
  }, 60_000);

  afterAll(() => scratch?.remove());

  it('writes its contract, its handler and their specs', () => {
    for (const path of GENERATED) {
      expect(existsSync(join(scratch.root, path))).toBe(true);
    }
  });

  it('passes lint, module boundaries included', async () => {
    // A warning there is the boundary rule skipped for want of a graph.
    await run('eslint/bin/eslint.js', [
      '--max-warnings=0',
      ...GENERATED,
      ...Object.values(REGISTRIES),
    ]);
  }, 60_000);

  it('compiles in every project that lists the job types', async () => {
    // The worker's `satisfies HandlerMap` and queue-core's test handlers
    // only compile with an entry for every catalog type.
    await Promise.all(
      ['libs/contracts', 'libs/queue-core', 'apps/worker'].map(project =>
        run('typescript/bin/tsc', ['-p', `${project}/tsconfig.json`]),
      ),
    );
  }, 60_000);

  it('passes its own specs, every contracts and worker unit spec, and runs end to end on Redis', async () => {
    copyFileSync(
      join(__dirname, 'testing/roundtrip.int.spec.ts.fixture'),
      join(scratch.root, 'apps/worker/src/sample-echo.roundtrip.int.spec.ts'),
    );
    const report = join(scratch.root, 'jest-report.json');

    // Every unit spec, since one that lists all job types by hand breaks
    // with a new type; the worker's own Redis and process specs are left
    // to its own test target.
    await run('jest/bin/jest.js', [
      '--projects',
      'libs/contracts/jest.config.cjs',
      'apps/worker/jest.config.cjs',
      '--testPathIgnorePatterns',
      '(?<!roundtrip)\\.int\\.spec\\.ts$',
      '--json',
      `--outputFile=${report}`,
    ]).catch(error => {
      // The report, when there is one, says which spec failed and why.
      if (!existsSync(report)) throw error;
    });

    const result = JSON.parse(readFileSync(report, 'utf-8')) as JestReport;
    const failures = result.testResults
      .filter(r => r.status !== 'passed')
      .map(r => `${r.name.slice(scratch.root.length)}:\n${r.message}`);
    expect(failures).toEqual([]);
    const files = result.testResults.map(r =>
      r.name.slice(scratch.root.length),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        '/apps/worker/src/handlers/sample-echo.handler.spec.ts',
        '/apps/worker/src/sample-echo.roundtrip.int.spec.ts',
        '/libs/contracts/src/jobs/sample-echo.job.spec.ts',
      ]),
    );
  }, 240_000);
});
