import type { JobView } from '@errand/contracts';
import { useCliFixture } from './testing/cli-fixture';

/**
 * The operator's session docs/inspector.md walks through, run as real processes:
 * list → show → why → dlq replay --dry-run → dlq replay → stats.
 */
describe('a scripted inspector session', () => {
  const cli = useCliFixture();

  it('finds dead jobs, explains them, replays them and sees them queued again', async () => {
    const dead = await cli.deadJobs(2, 'smtp timeout');

    const list = await cli.inspector(['list', '--status', 'dead', '--json']);
    expect(list.code).toBe(0);
    const { jobs } = list.json<{ jobs: JobView[] }>();
    expect(jobs.map(j => j.id).sort()).toEqual([...dead].sort());

    const show = await cli.inspector(['show', dead[0], '--json']);
    expect(show.code).toBe(0);
    const job = show.json<JobView>();
    expect(job.lastError?.message).toBe('smtp timeout');
    expect(job.timeline?.map(e => e.event)).toEqual([
      'created',
      'started',
      'failed',
      'dead',
    ]);

    const why = await cli.inspector(['why', dead[0], '--json']);
    expect(why.code).toBe(0);
    expect(why.json()).toMatchObject({ reason: 'job.dead', status: 'dead' });

    const plan = await cli.inspector([
      'dlq',
      'replay',
      '--type',
      'system.fail',
      '--error-contains',
      'timeout',
      '--dry-run',
      '--json',
    ]);
    expect(plan.code).toBe(0);
    expect(plan.json()).toMatchObject({ state: 'planned', skipped: [] });
    expect(plan.json<{ jobs: unknown[] }>().jobs).toHaveLength(2);
    expect((await cli.view(dead[0])).status).toBe('dead');

    const replay = await cli.inspector([
      'dlq',
      'replay',
      '--type',
      'system.fail',
      '--error-contains',
      'timeout',
      '--rate',
      '100/s',
      '--json',
      '--actor',
      'alice',
    ]);
    expect(replay.code).toBe(0);
    expect(replay.json()).toMatchObject({ state: 'done', rate: 100 });

    const stats = await cli.inspector(['stats', '--json']);
    expect(stats.code).toBe(0);
    const { types } = stats.json<{
      types: { type: string; counts: Record<string, number> }[];
    }>();
    expect(types.find(t => t.type === 'system.fail')?.counts).toMatchObject({
      queued: 2,
      dead: 0,
    });

    const audit = await cli.inspector(['audit', '--json']);
    expect(audit.json()).toMatchObject({
      entries: [{ actor: 'alice', action: 'dlq.replay', count: 2 }],
    });
    // A dozen CLI processes, each a second or more to start on a busy box.
  }, 120_000);
});
