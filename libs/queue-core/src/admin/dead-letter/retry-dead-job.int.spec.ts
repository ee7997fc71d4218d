import { randomUUID } from 'node:crypto';
import { completed, jobTypes, type JobView } from '@errand/contracts';
// Another wing's code, reached as users reach it: through the lib's door.
import { enqueueJob } from '../../index';
import { JobNotDeadError } from '../../store/errors/job-not-dead-error';
import { JobNotFoundError } from '../../store/errors/job-not-found-error';
import { getJobView } from '../../store/find-job';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  useQueueFixture,
  waitFor,
  type Consumer,
} from '../../testing/index';
import { retryDeadJob } from './retry-dead-job';

describe('retryDeadJob', () => {
  const fixture = useQueueFixture();
  /** Attempts per job id; the first attempt of each job fails. */
  let attempts: Map<string, number>;

  beforeEach(() => {
    attempts = new Map();
  });

  function start(): Consumer {
    return fixture.startConsumer({
      types: jobTypes,
      concurrency: 1,
      retryPolicy: FAST_RETRY_POLICY,
      handlers: testHandlers({
        'system.noop': async (_, { jobId }) => {
          const made = (attempts.get(jobId) ?? 0) + 1;
          attempts.set(jobId, made);
          if (made === 1) throw new Error('first attempt fails');
          return completed({});
        },
      }),
    });
  }

  const waitForStatus = (id: string, status: JobView['status']) =>
    waitFor(
      () => getJobView(fixture.queues, id),
      view => view.status === status,
    );

  describe('when the job is dead', () => {
    it('puts it back with its attempts reset, and it runs again', async () => {
      const first = start();
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        retries: 0,
      });
      await waitForStatus(id, 'dead');
      await first.close(1_000);

      const requeued = await retryDeadJob(fixture.queues, id);

      expect(requeued).toMatchObject({
        id,
        status: 'queued',
        attempts: { made: 0, allowed: 1 },
        lastError: null,
        finishedAt: null,
      });

      start();
      const view = await waitForStatus(id, 'succeeded');

      expect(view.attempts.made).toBe(1);
      expect(attempts.get(id)).toBe(2);
    });

    it('records the replay and who asked on its timeline', async () => {
      const first = start();
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        retries: 0,
      });
      await waitForStatus(id, 'dead');
      await first.close(1_000);

      const requeued = await retryDeadJob(fixture.queues, id, 'inspector');

      expect(requeued.timeline?.at(-1)).toEqual({
        at: expect.any(String),
        event: 'replayed',
        by: 'inspector',
      });
    });
  });

  describe('when the job is not dead', () => {
    it('rejects with JobNotDeadError naming its status', async () => {
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });

      const error = await retryDeadJob(fixture.queues, id).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(JobNotDeadError);
      expect(error).toMatchObject({
        code: 'job.notDead',
        jobId: id,
        status: 'queued',
      });
      expect((await getJobView(fixture.queues, id)).status).toBe('queued');
    });
  });

  describe('when no job has the id', () => {
    it('rejects with JobNotFoundError', async () => {
      await expect(retryDeadJob(fixture.queues, randomUUID())).rejects.toThrow(
        JobNotFoundError,
      );
    });
  });
});
