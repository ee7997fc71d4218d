import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// errand_client/api_types.py and job_types.py are generated from the
// contracts: a contract changed without regenerating them fails here (and so
// in CI), naming the command that brings them back in step.
const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const GENERATOR = 'tools/python-client/generate-types.ts';

describe("the Python client's generated types", () => {
  it('match what the contracts generate now', () => {
    const check = spawnSync(
      process.execPath,
      ['--import', 'tsx', GENERATOR, '--check'],
      { cwd: WORKSPACE_ROOT, encoding: 'utf8' },
    );

    expect({
      status: check.status,
      said: `${check.stdout}${check.stderr}`,
    }).toEqual({ status: 0, said: '' });
  }, 60_000);
});
