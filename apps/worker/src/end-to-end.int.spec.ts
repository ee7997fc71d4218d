import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseEnqueueRequest, type JobView } from '@errand/contracts';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import {
  enqueueJob,
  getJobView,
  QueueSet,
  retryDeadJob,
  startConsumer,
  type Consumer,
} from '@errand/queue-core';
import { createSilentLogger } from '@errand/runtime';
import { createHandlers } from './handlers/create-handlers';
import {
  createWorkerMetrics,
  type WorkerMetrics,
} from './metrics/worker-metrics';
import { servedTypes } from './served-types';

const SETTLES_WITHIN_MS = 2_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Polls the job until `done` holds, or fails with its last view. */
async function waitForJob(
  queues: QueueSet,
  id: string,
  done: (view: JobView) => boolean,
  withinMs = SETTLES_WITHIN_MS,
): Promise<JobView> {
  const deadline = Date.now() + withinMs;
  let view = await getJobView(queues, id);
  while (!done(view)) {
    if (Date.now() > deadline) {
      throw new Error(
        `Job ${id} did not settle within ${withinMs} ms; last seen ${JSON.stringify(view)}`,
      );
    }
    await sleep(20);
    view = await getJobView(queues, id);
  }
  return view;
}

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
  let redis: RedisServer;
  let queues: QueueSet;
  let consumer: Consumer;
  let metrics: WorkerMetrics;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  beforeEach(() => {
    // A fresh prefix per test: each one sees only its own jobs.
    const prefix = `test-${randomUUID().slice(0, 8)}`;
    queues = new QueueSet({ redisUrl: redis.url, prefix });
    metrics = createWorkerMetrics();
    consumer = startConsumer({
      redisUrl: redis.url,
      prefix,
      types: servedTypes(undefined),
      concurrency: 2,
      handlers: createHandlers(createSilentLogger()),
      retryPolicy: { baseMs: 50, capMs: 200, jitter: 0 },
      hooks: { onSettled: event => metrics.observe(event) },
    });
  });

  afterEach(async () => {
    await consumer?.close(1_000);
    await queues?.close();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  describe('an email.send job', () => {
    it('succeeds with a message id within 2 s', async () => {
      const { id } = await enqueueJob(
        queues,
        parseEnqueueRequest({
          type: 'email.send',
          payload: { to: 'user@example.com', subject: 'Welcome!' },
          retries: 3,
        }),
      );

      const view = await waitForJob(queues, id, v => v.status === 'succeeded');

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
        queues,
        parseEnqueueRequest({
          type: 'email.send',
          payload: { to: 'user@example.com', subject: 'Welcome!' },
        }),
      );

      await waitForJob(queues, id, v => v.status === 'succeeded');

      expect(await processed(metrics, 'email.send', 'succeeded')).toBe(1);
      expect(await processed(metrics, 'email.send', 'retrying')).toBe(0);
      expect(await processed(metrics, 'email.send', 'dead')).toBe(0);
    });
  });

  describe('a system.fail job that fails once', () => {
    it('retries and succeeds on its second attempt', async () => {
      const { id } = await enqueueJob(
        queues,
        parseEnqueueRequest({
          type: 'system.fail',
          payload: { times: 1 },
          retries: 1,
        }),
      );

      const view = await waitForJob(queues, id, v => v.status === 'succeeded');

      expect(view.attempts).toEqual({ made: 2, allowed: 2 });
      expect(view.result).toEqual({ succeededOnAttempt: 2 });
      expect(await processed(metrics, 'system.fail', 'retrying')).toBe(1);
      expect(await processed(metrics, 'system.fail', 'succeeded')).toBe(1);
    });
  });

  describe('a system.fail job that always fails', () => {
    const alwaysFails = () =>
      enqueueJob(
        queues,
        parseEnqueueRequest({
          type: 'system.fail',
          payload: {},
          retries: 1,
        }),
      );

    it('is dead after its two attempts, with the last error kept', async () => {
      const { id } = await alwaysFails();

      const view = await waitForJob(queues, id, isDead);

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
      await waitForJob(queues, id, isDead);

      const retried = await retryDeadJob(queues, id);

      expect(retried.id).toBe(id);
      expect(['queued', 'running', 'retrying']).toContain(retried.status);
      expect(retried.attempts.made).toBeLessThan(2);
      expect(retried.attempts.allowed).toBe(2);
      expect(retried.payload).toEqual({});
      // A full budget again: two more attempts, one retry between them.
      const deadAgain = await waitForJob(queues, id, isDead);
      expect(deadAgain.attempts).toEqual({ made: 2, allowed: 2 });
      expect(await processed(metrics, 'system.fail', 'retrying')).toBe(2);
      expect(await processed(metrics, 'system.fail', 'dead')).toBe(2);
    });
  });

  describe('a permanent system.fail job', () => {
    it('is dead after one attempt, its retries unused', async () => {
      const { id } = await enqueueJob(
        queues,
        parseEnqueueRequest({
          type: 'system.fail',
          payload: { permanent: true, message: 'cannot ever work' },
          retries: 5,
        }),
      );

      const view = await waitForJob(queues, id, isDead);

      expect(view.attempts).toEqual({ made: 1, allowed: 6 });
      expect(view.lastError?.message).toBe('cannot ever work');
      expect(await processed(metrics, 'system.fail', 'retrying')).toBe(0);
      expect(await processed(metrics, 'system.fail', 'dead')).toBe(1);
    });
  });
});
