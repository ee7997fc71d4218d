import type { JobView } from '@errand/contracts';
import { useCliFixture } from '../testing/cli-fixture';

describe('inspector list --since and stats --watch', () => {
  const cli = useCliFixture();

  it('lists only the jobs created since a time, and ends the listing there', async () => {
    const old = await cli.enqueue({ type: 'system.noop', payload: {} });
    await new Promise(done => setTimeout(done, 50));
    const since = new Date().toISOString();
    const fresh = await cli.enqueue({ type: 'system.noop', payload: {} });
    const run = await cli.inspector(['list', '--since', since, '--json']);
    expect(run.code).toBe(0);
    const page = run.json<{ jobs: JobView[]; nextCursor: string | null }>();
    expect(page.jobs.map(j => j.id)).toEqual([fresh.id]);
    expect(page.jobs.map(j => j.id)).not.toContain(old.id);
    expect(page.nextCursor).toBeNull();

    const byAge = await cli.inspector(['list', '--since', '1h', '--json']);
    expect(byAge.json<{ jobs: unknown[] }>().jobs).toHaveLength(2);
  });

  it('rejects a --since that is neither an age nor a time with exit 2', async () => {
    const run = await cli.inspector(['list', '--since', 'yesterday']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/an age such as 1h or 7d, or an ISO time/);
  });

  it('prints one JSON line per interval when watching off a terminal', async () => {
    await cli.enqueue({ type: 'system.noop', payload: {} });
    const run = await cli.inspector([
      'stats',
      '--watch',
      '--json',
      '--interval',
      '1',
      '--iterations',
      '2',
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').map(line => JSON.parse(line));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(
        line.types.find((t: { type: string }) => t.type === 'system.noop'),
      ).toMatchObject({ counts: { queued: 1 } });
    }
    expect(
      Date.parse(lines[1].at) - Date.parse(lines[0].at),
    ).toBeGreaterThanOrEqual(900);
  });

  it('prints a table under a time heading per interval, with no screen clearing when piped', async () => {
    const run = await cli.inspector([
      'stats',
      '--watch',
      '--interval',
      '1',
      '--iterations',
      '2',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^\S+Z {2}every 1s$/gm)).toHaveLength(2);
    expect(run.stdout.match(/^TYPE\s+VERSION/gm)).toHaveLength(2);
    expect(run.stdout).not.toContain('\u001b');
  });
});
