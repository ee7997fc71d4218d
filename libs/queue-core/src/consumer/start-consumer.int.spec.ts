import { jobTypes, type ValidEnqueueRequest } from '@errand/contracts';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { getJobView } from '../inspection/find-job';
import { enqueueJob } from '../producer/enqueue-job';
import { QueueSet } from '../queues/queue-set';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  uniquePrefix,
  waitFor,
} from '../testing';
import type { HandlerMap } from './job-handler';
import { completed } from './outcome';
import type { SettledEvent } from './process-job';
import { startConsumer, type Consumer } from './start-consumer';

const welcome: ValidEnqueueRequest = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
};

describe('startConsumer', () => {
  let server: RedisServer;
  let prefix: string;
  let queues: QueueSet;
  let consumers: Consumer[];

  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  beforeEach(() => {
    prefix = uniquePrefix();
    queues = new QueueSet({ redisUrl: server.url, prefix });
    consumers = [];
  });

  afterEach(async () => {
    await Promise.all(consumers.map(consumer => consumer.close(1_000)));
    await queues.close();
  });

  function start(
    handlers: Partial<HandlerMap> = {},
    onSettled?: (event: SettledEvent) => void,
  ): Consumer {
    const consumer = startConsumer({
      redisUrl: server.url,
      prefix,
      types: jobTypes,
      concurrency: 2,
      handlers: testHandlers(handlers),
      retryPolicy: FAST_RETRY_POLICY,
      hooks: { onSettled },
    });
    consumers.push(consumer);
    return consumer;
  }

  /** Closes a consumer the test stopped itself, and only once. */
  async function stop(consumer: Consumer, graceMs: number): Promise<void> {
    consumers = consumers.filter(c => c !== consumer);
    await consumer.close(graceMs);
  }

  const viewOf = (id: string) => () => getJobView(queues, id);

  describe('when a handler completes', () => {
    it('marks the job succeeded with its result', async () => {
      start();
      const { id } = await enqueueJob(queues, welcome);

      const view = await waitFor(viewOf(id), v => v.status === 'succeeded');

      expect(view).toMatchObject({
        result: { messageId: 'test-user@example.com' },
        attempts: { made: 1, allowed: 6 },
        lastError: null,
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      });
    });

    it('reports the settlement to hooks.onSettled', async () => {
      const events: SettledEvent[] = [];
      start({}, event => events.push(event));
      const { id } = await enqueueJob(queues, welcome);

      await waitFor(
        async () => events.length,
        n => n > 0,
      );

      expect(events).toEqual([
        {
          type: 'email.send',
          jobId: id,
          attempt: 1,
          settlement: 'succeeded',
          durationMs: expect.any(Number),
          waitMs: expect.any(Number),
          error: undefined,
        },
      ]);
    });

    it('gives the handler the checked payload and its context', async () => {
      const seen: unknown[] = [];
      start({
        'email.send': async (
          payload,
          { jobId, type, attempt, maxAttempts },
        ) => {
          seen.push({ payload, jobId, type, attempt, maxAttempts });
          return completed({ messageId: 'm-1' });
        },
      });
      const { id } = await enqueueJob(queues, { ...welcome, retries: 2 });

      await waitFor(viewOf(id), v => v.status === 'succeeded');

      expect(seen).toEqual([
        {
          payload: welcome.payload,
          jobId: id,
          type: 'email.send',
          attempt: 1,
          maxAttempts: 3,
        },
      ]);
    });
  });

  describe('while it runs', () => {
    it('is healthy, and stops being so once closed', async () => {
      const consumer = start();

      await waitFor(
        async () => consumer.isHealthy(),
        healthy => healthy,
      );
      await stop(consumer, 1_000);

      expect(consumer.isHealthy()).toBe(false);
    });
  });
});
