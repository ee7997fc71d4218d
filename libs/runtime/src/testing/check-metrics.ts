import { spawnSync } from 'node:child_process';

/** Whether `promtool` (Debian's `prometheus` package) is on PATH. */
export function hasPromtool(): boolean {
  return spawnSync('promtool', ['--version']).status === 0;
}

/**
 * Runs `promtool check metrics` on a `/metrics` body: Prometheus's own
 * parser and naming lint. Resolves with its complaints ('' when clean).
 */
export function promtoolProblems(exposition: string): string {
  const result = spawnSync('promtool', ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  const said = `${result.stdout}${result.stderr}`.trim();
  return result.status === 0 ? '' : said || `exit ${result.status}`;
}

/**
 * `describe` when promtool is installed; otherwise the block is skipped with
 * a message saying how to install it. CI installs it (see .ci/run).
 */
export function describeWithPromtool(name: string, body: () => void): void {
  if (hasPromtool()) {
    describe(name, body);
    return;
  }
  describe.skip(
    `${name} (skipped: promtool is not installed; apt-get install prometheus)`,
    body,
  );
}
