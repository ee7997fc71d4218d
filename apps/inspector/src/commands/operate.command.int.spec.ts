import type { JobView } from '@errand/contracts';
import { testHandlers, waitFor } from '@errand/queue-core/testing';
import { useCliFixture } from '../testing/cli-fixture';

describe('inspector pause, resume, clean, cancel, retry, workers and types', () => {
  const cli = useCliFixture();

  describe('pause and resume', () => {
    it('pauses a type so a live worker leaves its jobs, resumes it, and audits both', async () => {
      const paused = await cli.inspector(['pause', 'system.noop', '--json']);
      expect(paused.code).toBe(0);
      expect(paused.json()).toEqual({ type: 'system.noop', paused: true });
      const types = await cli.inspector(['types', '--json']);
      expect(
        types
          .json<{ types: { type: string; paused: boolean }[] }>()
          .types.find(t => t.type === 'system.noop'),
      ).toMatchObject({ paused: true, version: 1 });

      const job = await cli.enqueue({ type: 'system.noop', payload: {} });
      cli.queues.startConsumer({
        types: ['system.noop'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      await new Promise(done => setTimeout(done, 300));
      expect((await cli.view(job.id)).status).toBe('queued');

      const resumed = await cli.inspector(['resume', 'system.noop']);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toBe('system.noop is running again.');
      await waitFor(
        () => cli.view(job.id),
        view => view.status === 'succeeded',
      );
      const audit = await cli.inspector(['audit', '--json']);
      expect(
        audit
          .json<{ entries: { action: string }[] }>()
          .entries.map(e => e.action),
      ).toEqual(['resume', 'pause']);
    });

    it('rejects an unknown type with exit 2 and the allowed ones', async () => {
      const run = await cli.inspector(['pause', 'nope']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Allowed choices are email\.send/);
    });
  });

  describe('clean', () => {
    it('needs --yes off a terminal, then removes old succeeded jobs', async () => {
      const job = await cli.enqueue({ type: 'system.noop', payload: {} });
      cli.queues.startConsumer({
        types: ['system.noop'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      await waitFor(
        () => cli.view(job.id),
        view => view.status === 'succeeded',
      );
      const refused = await cli.inspector([
        'clean',
        '--status',
        'succeeded',
        '--older-than',
        '0s',
      ]);
      expect(refused.code).toBe(2);
      const young = await cli.inspector([
        'clean',
        '--status',
        'succeeded',
        '--older-than',
        '1h',
        '--yes',
      ]);
      expect(young.stdout).toBe('Removed 0 succeeded jobs older than 1h.');
      const cleaned = await cli.inspector([
        'clean',
        '--status',
        'succeeded',
        '--older-than',
        '0s',
        '--yes',
        '--json',
      ]);
      expect(cleaned.json()).toMatchObject({
        total: 1,
        removed: [{ type: 'system.noop', count: 1 }],
      });
      expect((await cli.inspector(['show', job.id])).code).toBe(4);
    });

    it('requires --status with exit 2', async () => {
      const run = await cli.inspector(['clean', '--older-than', '1h']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--status <status>' not specified/);
    });
  });

  describe('cancel', () => {
    it('cancels waiting jobs and reports finished ones with exit 5', async () => {
      const waiting = await cli.enqueue({ type: 'system.noop', payload: {} });
      const [dead] = await cli.deadJobs(1);
      const run = await cli.inspector(['cancel', waiting.id, dead, '--json']);
      expect(run.code).toBe(5);
      expect(run.json()).toMatchObject({
        cancelled: [{ outcome: 'cancelled', job: { id: waiting.id } }],
        failed: [{ id: dead, code: 'job.finished' }],
      });
      const shown = await cli.inspector(['show', waiting.id, '--json']);
      expect(shown.json<JobView>().timeline?.at(-1)).toMatchObject({
        event: 'cancelled',
        by: expect.any(String),
      });
    });

    it('asks for --yes before cancelling more than 10', async () => {
      const ids = [];
      for (let i = 0; i < 11; i += 1) {
        ids.push((await cli.enqueue({ type: 'system.noop', payload: {} })).id);
      }
      const run = await cli.inspector(['cancel', ...ids]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Cancel 11 jobs\?.*add --yes/);
      expect((await cli.view(ids[0])).status).toBe('queued');
    });
  });

  describe('retry', () => {
    it('retries more than 10 dead jobs with --yes, as the actor given', async () => {
      const dead = await cli.deadJobs(11);
      const refused = await cli.inspector(['retry', ...dead]);
      expect(refused.code).toBe(2);
      const run = await cli.inspector([
        'retry',
        ...dead,
        '--yes',
        '--json',
        '--actor',
        'bob',
      ]);
      expect(run.code).toBe(0);
      expect(run.json<{ retried: unknown[] }>().retried).toHaveLength(11);
      expect((await cli.view(dead[0])).timeline?.at(-1)).toMatchObject({
        event: 'replayed',
        by: 'bob',
      });
    });
  });

  describe('workers', () => {
    it('lists a live worker with its types and running job', async () => {
      // Far longer than the two inspector processes below take to start
      // on a loaded machine (several seconds each under tsx): a shorter
      // sleep ended between them, and the table showed no running job.
      // Teardown aborts it.
      const job = await cli.enqueue({
        type: 'system.sleep',
        payload: { ms: 600_000 },
      });
      cli.queues.startConsumer({
        types: ['system.sleep'],
        concurrency: 2,
        handlers: testHandlers(),
        workerName: 'box:123',
      });
      await waitFor(
        () => cli.view(job.id),
        view => view.status === 'running',
      );
      const run = await cli.inspector(['workers', '--json']);
      expect(run.code).toBe(0);
      expect(run.json()).toEqual({
        workers: [
          {
            name: 'box:123',
            types: ['system.sleep'],
            uptimeSeconds: expect.any(Number),
            currentJobs: [{ id: job.id, type: 'system.sleep' }],
          },
        ],
      });
      const table = await cli.inspector(['workers']);
      expect(table.stdout).toMatch(/^box:123\s+system\.sleep\s+1\s+/m);
    });
  });

  describe('types', () => {
    it('lists every catalog type with version and defaults', async () => {
      const run = await cli.inspector(['types']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^TYPE\s+VERSION\s+RETRIES/);
      expect(run.stdout).toMatch(/^email\.send\s+\d+\s+\d+/m);
    });

    it("shows each type's aliases, in the table and in --json", async () => {
      const table = await cli.inspector(['types']);
      const json = await cli.inspector(['types', '--json']);

      expect(table.stdout).toMatch(/\bALIASES\b/);
      expect(table.stdout).toMatch(
        /^email\.send\s.*\ssend_email,email,email_processing\s/m,
      );
      expect(
        json
          .json<{ types: { type: string; aliases: unknown }[] }>()
          .types.find(t => t.type === 'email.send')?.aliases,
      ).toEqual([
        { name: 'send_email', renames: {} },
        { name: 'email', renames: {} },
        { name: 'email_processing', renames: { email: 'to' } },
      ]);
    });
  });
});
