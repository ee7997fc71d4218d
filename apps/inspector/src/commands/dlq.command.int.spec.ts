import type { JobView } from '@errand/contracts';
import { useCliFixture } from '../testing/cli-fixture';

describe('inspector dlq', () => {
  const cli = useCliFixture();

  describe('list', () => {
    it('pages dead jobs, most recently dead first, with a cursor', async () => {
      await cli.deadJobs(3);
      const first = await cli.inspector([
        'dlq',
        'list',
        '--limit',
        '2',
        '--json',
      ]);
      expect(first.code).toBe(0);
      const page = first.json<{ jobs: JobView[]; nextCursor: string }>();
      expect(page.jobs).toHaveLength(2);
      expect(page.jobs.every(j => j.status === 'dead')).toBe(true);
      const second = await cli.inspector([
        'dlq',
        'list',
        '--cursor',
        page.nextCursor,
        '--json',
      ]);
      expect(second.json()).toMatchObject({ nextCursor: null });
      expect(second.json<{ jobs: unknown[] }>().jobs).toHaveLength(1);
    });
  });

  describe('replay', () => {
    it('replays listed ids and reports the ones that are not dead', async () => {
      const [dead] = await cli.deadJobs(1);
      const queued = await cli.enqueue({ type: 'system.noop', payload: {} });
      const run = await cli.inspector([
        'dlq',
        'replay',
        dead,
        queued.id,
        '--json',
      ]);
      expect(run.code).toBe(0);
      expect(run.json()).toMatchObject({
        state: 'done',
        jobs: [{ id: dead, type: 'system.fail' }],
        skipped: [{ id: queued.id, code: 'job.notDead' }],
      });
      expect((await cli.view(dead)).status).toBe('queued');
    });

    it('refuses a patch that breaks the contract, naming the field, and moves nothing', async () => {
      const [dead] = await cli.deadJobs(1);
      const run = await cli.inspector([
        'dlq',
        'replay',
        dead,
        '--patch',
        '{"permanent":"yes"}',
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('[contract.invalidPayload]');
      expect(run.stderr).toContain(`/jobs/${dead}/payload/permanent`);
      expect((await cli.view(dead)).status).toBe('dead');
    });

    it('applies a valid patch to the replayed payload', async () => {
      const [dead] = await cli.deadJobs(1);
      const run = await cli.inspector([
        'dlq',
        'replay',
        dead,
        '--patch',
        '{"permanent":false,"message":"patched"}',
        '--json',
      ]);
      expect(run.code).toBe(0);
      expect((await cli.view(dead)).payload).toEqual({
        permanent: false,
        message: 'patched',
      });
    });

    it('asks for --yes before replaying more than 10 jobs when not on a terminal', async () => {
      await cli.deadJobs(11);
      const refused = await cli.inspector([
        'dlq',
        'replay',
        '--type',
        'system.fail',
      ]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/Replay 11 dead jobs.*add --yes/);
      const dryRun = await cli.inspector([
        'dlq',
        'replay',
        '--type',
        'system.fail',
        '--dry-run',
      ]);
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout.split('\n')[0]).toBe(
        'Would replay 11 jobs at 50/s.',
      );
      const done = await cli.inspector([
        'dlq',
        'replay',
        '--type',
        'system.fail',
        '--rate',
        '1000',
        '--yes',
        '--json',
      ]);
      expect(done.code).toBe(0);
      expect(done.json<{ jobs: unknown[] }>().jobs).toHaveLength(11);
    });

    it('rejects ids with a filter, and a rate out of range, with exit 2', async () => {
      const both = await cli.inspector([
        'dlq',
        'replay',
        'some-id',
        '--type',
        'system.fail',
      ]);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('[contract.invalidRequest]');
      const rate = await cli.inspector(['dlq', 'replay', '--rate', '0/s']);
      expect(rate.code).toBe(2);
      expect(rate.stderr).toMatch(/jobs per second/);
    });
  });

  describe('purge', () => {
    it('needs --yes off a terminal, then removes old dead jobs and audits it', async () => {
      await cli.deadJobs(2);
      const refused = await cli.inspector([
        'dlq',
        'purge',
        '--older-than',
        '0s',
      ]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('add --yes');

      const kept = await cli.inspector([
        'dlq',
        'purge',
        '--older-than',
        '7d',
        '--yes',
        '--json',
      ]);
      expect(kept.json()).toMatchObject({ total: 0 });
      const purged = await cli.inspector([
        'dlq',
        'purge',
        '--older-than',
        '0s',
        '--yes',
        '--json',
        '--actor',
        'ops-bot',
      ]);
      expect(purged.code).toBe(0);
      expect(purged.json()).toMatchObject({
        status: 'dead',
        total: 2,
        removed: [{ type: 'system.fail', count: 2 }],
      });
      const audit = await cli.inspector(['audit', '--json']);
      expect(audit.json()).toMatchObject({
        entries: [
          { actor: 'ops-bot', action: 'dlq.purge', count: 2 },
          { action: 'dlq.purge', count: 0 },
        ],
      });
    });

    it('rejects an age without a unit with exit 2 and usage', async () => {
      const run = await cli.inspector(['dlq', 'purge', '--older-than', '7']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/such as 90s, 15m, 1h or 7d/);
      expect(run.stderr).toMatch(/--help/);
    });
  });
});
