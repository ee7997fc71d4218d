import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** A commit range, and the checkout to read it in. */
export interface CommitRange {
  /** The commit before the change, e.g. the last one deployed. */
  base: string;
  /** The commit to deploy. @defaultValue `HEAD` */
  head?: string;
  /** The workspace root. @defaultValue the current directory */
  cwd?: string;
}

/**
 * The apps (Nx projects of type `app`) that a commit range affects, sorted:
 * those whose files changed, and those depending on a changed lib, through
 * Nx's project graph. CI deploys exactly these, so a change to the
 * inspector never redeploys the worker, and one to libs/contracts
 * redeploys all three.
 */
export function affectedApps({
  base,
  head = 'HEAD',
  cwd = process.cwd(),
}: CommitRange): string[] {
  const stdout = execFileSync(
    join(cwd, 'node_modules', '.bin', 'nx'),
    [
      'show',
      'projects',
      '--affected',
      `--base=${base}`,
      `--head=${head}`,
      '--type',
      'app',
      '--json',
    ],
    {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
      },
    },
  );
  // Nx may print notices first; the answer is the last line, a JSON array.
  const answer = stdout.trim().split('\n').pop() ?? '[]';
  return (JSON.parse(answer) as string[]).sort();
}
