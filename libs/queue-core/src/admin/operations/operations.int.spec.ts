import { parseEnqueueRequest } from '@errand/contracts';
import { getJobView } from '../../store/find-job';
import { countJobStates } from '../inspection/count-job-states';
import { enqueueJob } from '../../index';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';
import { cleanJobs, purgeDeadJobs } from './clean-jobs';
import { listLiveWorkers } from './live-workers';
import { pauseQueue, queueStates, resumeQueue } from './pause-queue';

describe('queue operations against a real Redis', () => {
  const fixture = useQueueFixture();
  const enqueue = (body: unknown) =>
    enqueueJob(fixture.queues, parseEnqueueRequest(body));

  async function settle(type: 'system.noop' | 'system.fail', n: number) {
    const jobs = [];
    for (let i = 0; i < n; i += 1) {
      jobs.push(await enqueue({ type, payload: {}, retries: 0 }));
    }
    const consumer = fixture.startConsumer({
      types: [type],
      concurrency: 2,
      handlers: testHandlers(),
    });
    for (const job of jobs) {
      await waitFor(
        () => getJobView(fixture.queues, job.id),
        view => view.status === 'succeeded' || view.status === 'dead',
      );
    }
    await consumer.close(1_000);
    return jobs;
  }

  describe('pause and resume', () => {
    it('keeps a live worker from taking jobs until resumed', async () => {
      await pauseQueue(fixture.queues, 'system.noop');
      expect(await queueStates(fixture.queues)).toContainEqual({
        type: 'system.noop',
        paused: true,
      });
      const job = await enqueue({ type: 'system.noop', payload: {} });
      fixture.startConsumer({
        types: ['system.noop'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      // A worker that ignored the pause would run it within milliseconds.
      await new Promise(done => setTimeout(done, 300));
      expect((await getJobView(fixture.queues, job.id)).status).toBe('queued');
      await resumeQueue(fixture.queues, 'system.noop');
      await waitFor(
        () => getJobView(fixture.queues, job.id),
        view => view.status === 'succeeded',
      );
    });
  });

  describe('clean', () => {
    it('removes succeeded jobs older than the age, and only those', async () => {
      await settle('system.noop', 3);
      const young = await cleanJobs(fixture.queues, {
        status: 'succeeded',
        olderThanMs: 3_600_000,
      });
      expect(young.total).toBe(0);
      const all = await cleanJobs(fixture.queues, {
        status: 'succeeded',
        olderThanMs: 0,
      });
      expect(all).toMatchObject({
        total: 3,
        removed: [{ type: 'system.noop', count: 3 }],
      });
    });

    it('purges dead jobs from the dead-letter queue', async () => {
      await settle('system.fail', 2);
      const purged = await purgeDeadJobs(fixture.queues, 0);
      expect(purged.total).toBe(2);
      const counts = await countJobStates(fixture.queues);
      expect(counts.find(c => c.type === 'system.fail')?.counts.dead ?? 0).toBe(
        0,
      );
    });
  });

  describe('live workers', () => {
    it('lists each worker process once, with its types and current jobs', async () => {
      const job = await enqueue({
        type: 'system.sleep',
        payload: { ms: 5_000 },
      });
      fixture.startConsumer({
        types: ['system.sleep', 'system.noop'],
        concurrency: 2,
        handlers: testHandlers(),
        workerName: 'test-host:42',
      });
      await waitFor(
        () => getJobView(fixture.queues, job.id),
        view => view.status === 'running',
      );
      const workers = await listLiveWorkers(fixture.queues);
      expect(workers).toEqual([
        {
          name: 'test-host:42',
          types: ['system.noop', 'system.sleep'].sort(),
          uptimeSeconds: expect.any(Number),
          currentJobs: [{ id: job.id, type: 'system.sleep' }],
        },
      ]);
    });
  });
});
