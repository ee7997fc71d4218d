import { parseEnqueueRequest, type JobView } from '@errand/contracts';
import { enqueueJob, getJobView, retryDeadJob } from '@errand/queue-core';
import {
  FAST_RETRY_POLICY,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createHandlers } from './handlers/create-handlers';
import {
  createWorkerMetrics,
  type WorkerMetrics,
} from './metrics/worker-metrics';
import { servedTypes } from './served-types';

const SETTLES_WITHIN_MS = 2_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const isDead = (view: JobView) => view.status === 'dead';

/** How many attempts of `type` the metrics saw end as `outcome`. */
async function processed(
  metrics: WorkerMetrics,
  type: string,
  outcome: string,
): Promise<number> {
  const text = await metrics.registry.metrics();
  const line = text
    .split('\n')
    .find(l =>
      l.startsWith(
        `errand_jobs_processed_total{type="${type}",outcome="${outcome}"} `,
      ),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('the worker, end to end', () => {
  // A fresh prefix per test: each one sees only its own jobs.
  const fixture = useQueueFixture();
  let metrics: WorkerMetrics;

  beforeEach(() => {
    metrics = createWorkerMetrics();
    fixture.startConsumer({
      types: servedTypes(undefined),
      concurrency: 2,
      handlers: createHandlers(createSilentLogger()),
      retryPolicy: FAST_RETRY_POLICY,
      hooks: { onSettled: event => metrics.observe(event) },
    });
  });

  /** Polls the job until `done` holds, or fails with its last view. */
  const waitForJob = (id: string, done: (view: JobView) => boolean) =>
    waitFor(() => getJobView(fixture.queues, id), done, SETTLES_WITHIN_MS);

  describe('an email.send job', () => {
    it('succeeds with a message id within 2 s', async () => {
      const { id } = await enqueueJob(
        fixture.queues,
        parseEnqueueRequest({
          type: 'email.send',
          payload: { to: 'user@example.com', subject: 'Welcome!' },
          retries: 3,
        }),
      );

      const view = await waitForJob(id, v => v.status === 'succeeded');

      expect(view).toMatchObject({
        status: 'succeeded',
        attempts: { made: 1, allowed: 4 },
        result: {
          messageId: expect.stringMatching(/^<[0-9a-f-]{36}@errand\.local>$/),
        },
        lastError: null,
      });
      expect(view.startedAt).not.toBeNull();
      expect(view.finishedAt).not.toBeNull();
    });

    it('is counted once as succeeded in the metrics', async () => {
      const { id } = await enqueueJob(
        fixture.queues,
        parseEnqueueRequest({
          type: 'email.send',
          payload: { to: 'user@example.com', subject: 'Welcome!' },
        }),
      );

      await waitForJob(id, v => v.status === 'succeeded');

      expect(await processed(metrics, 'email.send', 'succeeded')).toBe(1);
      expect(await processed(metrics, 'email.send', 'retrying')).toBe(0);
      expect(await processed(metrics, 'email.send', 'dead')).toBe(0);
    });
  });

  describe('a system.fail job that fails once', () => {
    it('retries and succeeds on its second attempt', async () => {
      const { id } = await enqueueJob(
        fixture.queues,
        parseEnqueueRequest({
          type: 'system.fail',
          payload: { times: 1 },
          retries: 1,
        }),
      );

      const view = await waitForJob(id, v => v.status === 'succeeded');

      expect(view.attempts).toEqual({ made: 2, allowed: 2 });
      expect(view.result).toEqual({ succeededOnAttempt: 2 });
      expect(await processed(metrics, 'system.fail', 'retrying')).toBe(1);
      expect(await processed(metrics, 'system.fail', 'succeeded')).toBe(1);
    });
  });

  describe('a system.fail job that always fails', () => {
    const alwaysFails = () =>
      enqueueJob(
        fixture.queues,
        parseEnqueueRequest({
          type: 'system.fail',
          payload: {},
          retries: 1,
        }),
      );

    it('is dead after its two attempts, with the last error kept', async () => {
      const { id } = await alwaysFails();

      const view = await waitForJob(id, isDead);

      expect(view.id).toMatch(UUID);
      expect(view.attempts).toEqual({ made: 2, allowed: 2 });
      expect(view.lastError).toEqual({
        message: 'system.fail: attempt 2 fails on purpose',
        stack: expect.stringContaining(
          'system.fail: attempt 2 fails on purpose',
        ),
      });
      expect(await processed(metrics, 'system.fail', 'retrying')).toBe(1);
      expect(await processed(metrics, 'system.fail', 'dead')).toBe(1);
    });

    it('goes back to its queue with a fresh retry budget when retried', async () => {
      const { id } = await alwaysFails();
      await waitForJob(id, isDead);

      const retried = await retryDeadJob(fixture.queues, id);

      expect(retried.id).toBe(id);
      expect(['queued', 'running', 'retrying']).toContain(retried.status);
      expect(retried.attempts.made).toBeLessThan(2);
      expect(retried.attempts.allowed).toBe(2);
      expect(retried.payload).toEqual({});
      // A full budget again: two more attempts, one retry between them.
      const deadAgain = await waitForJob(id, isDead);
      expect(deadAgain.attempts).toEqual({ made: 2, allowed: 2 });
      expect(await processed(metrics, 'system.fail', 'retrying')).toBe(2);
      expect(await processed(metrics, 'system.fail', 'dead')).toBe(2);
    });
  });

  describe('a permanent system.fail job', () => {
    it('is dead after one attempt, its retries unused', async () => {
      const { id } = await enqueueJob(
        fixture.queues,
        parseEnqueueRequest({
          type: 'system.fail',
          payload: { permanent: true, message: 'cannot ever work' },
          retries: 5,
        }),
      );

      const view = await waitForJob(id, isDead);

      expect(view.attempts).toEqual({ made: 1, allowed: 6 });
      expect(view.lastError?.message).toBe('cannot ever work');
      expect(await processed(metrics, 'system.fail', 'retrying')).toBe(0);
      expect(await processed(metrics, 'system.fail', 'dead')).toBe(1);
    });
  });
});
