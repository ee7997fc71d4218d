import {
  completed,
  type HandlerMap,
  jobTypes,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import { getJobView } from '../store/find-job';
import { enqueueJob } from '../index';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  useQueueFixture,
  waitFor,
} from '../testing/index';
import type { SettledEvent } from './process-job';
import type { Consumer } from './start-consumer';

const welcome: ValidEnqueueRequest = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
};

describe('startConsumer', () => {
  const fixture = useQueueFixture();

  function start(
    handlers: Partial<HandlerMap> = {},
    onSettled?: (event: SettledEvent) => void,
  ): Consumer {
    return fixture.startConsumer({
      types: jobTypes,
      concurrency: 2,
      handlers: testHandlers(handlers),
      retryPolicy: FAST_RETRY_POLICY,
      hooks: { onSettled },
    });
  }

  const viewOf = (id: string) => () => getJobView(fixture.queues, id);

  describe('when a handler completes', () => {
    it('marks the job succeeded with its result', async () => {
      start();
      const { id } = await enqueueJob(fixture.queues, welcome);

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
      const { id } = await enqueueJob(fixture.queues, welcome);

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
          // Enqueued outside any trace: the attempt starts one.
          traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
          traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-/),
          startedAt: expect.any(Number),
          error: undefined,
          // Only a rate-limited ending can start a provider pause.
          pauseStarted: false,
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
      const { id } = await enqueueJob(fixture.queues, {
        ...welcome,
        retries: 2,
      });

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
      await consumer.close(1_000);

      expect(consumer.isHealthy()).toBe(false);
    });
  });
});
