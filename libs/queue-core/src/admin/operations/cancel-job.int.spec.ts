import { setTimeout as sleep } from 'node:timers/promises';
import {
  completed,
  type JobContext,
  jobTypes,
  type JobView,
} from '@errand/contracts';
import { JobFinishedError } from '../../store/errors/job-finished-error';
import { getJobView } from '../../store/find-job';
import { enqueueJob } from '../../index';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';
import { cancelJob } from './cancel-job';
import { JobCancelledError } from '../../store/errors/job-cancelled-error';

describe('cancelJob', () => {
  const fixture = useQueueFixture();
  const statusOf = async (id: string) =>
    (await getJobView(fixture.queues, id)).status;
  const waitForStatus = (id: string, status: JobView['status']) =>
    waitFor(
      () => getJobView(fixture.queues, id),
      view => view.status === status,
    );

  describe('when the job is queued', () => {
    it('takes it out of its queue, so that no worker runs it', async () => {
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });

      const { outcome, job } = await cancelJob(fixture.queues, id, 'ops');

      expect(outcome).toBe('cancelled');
      expect(job).toMatchObject({
        id,
        status: 'cancelled',
        type: 'system.noop',
      });
      expect(job.timeline?.map(e => e.event)).toEqual(['created', 'cancelled']);
      expect(job.timeline?.at(-1)).toMatchObject({ by: 'ops' });
      const ran: string[] = [];
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 1,
        handlers: testHandlers({
          'system.noop': async (_, { jobId }) => {
            ran.push(jobId);
            return completed({});
          },
        }),
      });
      const next = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });
      await waitForStatus(next.id, 'succeeded');
      expect(ran).toEqual([next.id]);
      expect(await statusOf(id)).toBe('cancelled');
    });

    it('cancels a scheduled job too', async () => {
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        delay: 60_000,
      });

      expect((await cancelJob(fixture.queues, id, 'ops')).outcome).toBe(
        'cancelled',
      );
      expect(await statusOf(id)).toBe('cancelled');
    });

    it('answers the same again when cancelled twice', async () => {
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });
      await cancelJob(fixture.queues, id, 'ops');

      const again = await cancelJob(fixture.queues, id, 'someone else');

      expect(again.outcome).toBe('cancelled');
      expect(again.job.timeline?.at(-1)).toMatchObject({ by: 'ops' });
    });
  });

  describe('when the job is running', () => {
    it('aborts its handler within a second and ends it cancelled', async () => {
      const contexts: JobContext[] = [];
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 1,
        handlers: testHandlers({
          'system.sleep': async ({ ms }, context) => {
            contexts.push(context);
            await sleep(ms, undefined, { signal: context.signal });
            return completed({ sleptMs: ms });
          },
        }),
      });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.sleep',
        payload: { ms: 30_000 },
      });
      await waitForStatus(id, 'running');
      const asked = Date.now();

      const { outcome } = await cancelJob(fixture.queues, id, 'ops');
      const view = await waitForStatus(id, 'cancelled');

      expect(outcome).toBe('requested');
      expect(Date.now() - asked).toBeLessThan(1_000);
      expect(contexts[0].signal.aborted).toBe(true);
      expect(contexts[0].signal.reason).toBeInstanceOf(JobCancelledError);
      expect(view.timeline?.map(e => e.event)).toEqual([
        'created',
        'started',
        'cancelled',
      ]);
      expect(view.timeline?.at(-1)).toMatchObject({
        by: 'ops',
        attempt: 1,
        worker: expect.stringContaining(':'),
      });
      // It leaves BullMQ just after: nothing counts it as dead or running.
      const queue = fixture.queues.queueFor('system.sleep');
      await waitFor(
        () => queue.getJobCounts('active', 'failed', 'wait'),
        counts => counts.active === 0,
      );
      expect(await queue.getJobCounts('active', 'failed', 'wait')).toEqual({
        active: 0,
        failed: 0,
        wait: 0,
      });
    });
  });

  describe('when the job has finished', () => {
    it('refuses with JobFinishedError naming its status', async () => {
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 1,
        handlers: testHandlers(),
      });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });
      await waitForStatus(id, 'succeeded');

      const error = await cancelJob(fixture.queues, id, 'ops').catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(JobFinishedError);
      expect(error).toMatchObject({
        code: 'job.finished',
        status: 'succeeded',
      });
    });
  });
});
