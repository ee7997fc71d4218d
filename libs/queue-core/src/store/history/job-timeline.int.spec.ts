import { setTimeout as sleep } from 'node:timers/promises';
import {
  completed,
  discard,
  type HandlerMap,
  jobCatalog,
  type JobEvent,
  jobTypes,
  type JobView,
} from '@errand/contracts';
import { getJobView } from '../find-job';
import { enqueueJob } from '../../producer/enqueue-job';
import type { RetryPolicy } from '../retry/retry-policy';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';

/** Slow enough to measure, fast enough for a test; up to 20 % jitter. */
const POLICY: RetryPolicy = { baseMs: 100, capMs: 400, jitter: 0.2 };
/** Scheduling slack on a busy machine: how late a retry may start. */
const SLACK_MS = 750;

const kinds = (view: JobView) => view.timeline?.map(e => e.event);
const eventsOf = (view: JobView, kind: JobEvent['event']) =>
  view.timeline?.filter(e => e.event === kind) ?? [];

describe('a job timeline', () => {
  const fixture = useQueueFixture();

  function start(handlers: Partial<HandlerMap>, catalog = jobCatalog) {
    fixture.startConsumer({
      types: jobTypes,
      concurrency: 2,
      handlers: testHandlers(handlers),
      retryPolicy: POLICY,
      catalog,
      workerName: 'test-host:1',
    });
  }
  const waitForStatus = (id: string, status: JobView['status']) =>
    waitFor(
      () => getJobView(fixture.queues, id),
      view => view.status === status,
      10_000,
    );
  /** Fails the first `failures` attempts of every noop job. */
  function failing(failures: number): Partial<HandlerMap> {
    return {
      'system.noop': async (_, { attempt }) => {
        if (attempt <= failures) throw new Error(`attempt ${attempt} broke`);
        return completed({});
      },
    };
  }

  describe('when a job fails twice with retries: 2, then succeeds', () => {
    it('records both failed attempts, then the success', async () => {
      start(failing(2));
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        retries: 2,
      });

      const view = await waitForStatus(id, 'succeeded');

      expect(view.attempts).toEqual({ made: 3, allowed: 3 });
      expect(kinds(view)).toEqual([
        'created',
        'started',
        'failed',
        'started',
        'failed',
        'started',
        'succeeded',
      ]);
      expect(eventsOf(view, 'failed')).toEqual([
        expect.objectContaining({
          attempt: 1,
          worker: 'test-host:1',
          next: 'retrying',
          durationMs: expect.any(Number),
          error: {
            message: 'attempt 1 broke',
            stack: expect.stringContaining('Error: attempt 1 broke'),
          },
        }),
        expect.objectContaining({ attempt: 2, next: 'retrying' }),
      ]);
      expect(eventsOf(view, 'started').map(e => e.attempt)).toEqual([1, 2, 3]);
    });
  });

  describe('when a job fails on all of its 3 attempts', () => {
    it('ends dead with 3 attempts, retried within the backoff bounds', async () => {
      start(failing(99));
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        retries: 2,
      });

      const view = await waitForStatus(id, 'dead');

      const failed = eventsOf(view, 'failed');
      const started = eventsOf(view, 'started');
      expect(failed.map(e => [e.attempt, e.next])).toEqual([
        [1, 'retrying'],
        [2, 'retrying'],
        [3, 'dead'],
      ]);
      expect(kinds(view)?.at(-1)).toBe('dead');
      // The wait after failure n is 100 · 2^(n−1) ms, up to 20 % shorter.
      for (const n of [1, 2]) {
        const waited = Date.parse(started[n].at) - Date.parse(failed[n - 1].at);
        const full = POLICY.baseMs * 2 ** (n - 1);
        expect(waited).toBeGreaterThanOrEqual(full * (1 - POLICY.jitter));
        expect(waited).toBeLessThanOrEqual(full + SLACK_MS);
      }
    });
  });

  describe('when a handler discards the job', () => {
    it('records one failed attempt that leads straight to dead', async () => {
      start({ 'system.noop': async () => discard('no such account') });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        retries: 5,
      });

      const view = await waitForStatus(id, 'dead');

      expect(view.attempts.made).toBe(1);
      expect(eventsOf(view, 'failed')).toEqual([
        expect.objectContaining({
          attempt: 1,
          next: 'dead',
          error: { message: 'no such account', stack: null },
        }),
      ]);
    });
  });

  describe('when a handler reports progress', () => {
    it('shows the latest report on the job while it runs', async () => {
      // Made before the job runs: a poll may see the progress before the
      // handler reaches its wait, and finishing then must not be lost.
      let finish: () => void = () => undefined;
      const finished = new Promise<void>(resolve => (finish = resolve));
      start({
        'system.noop': async (_, { reportProgress }) => {
          await reportProgress(10);
          await reportProgress(40, 'halfway there');
          await finished;
          return completed({});
        },
      });
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });

      const running = await waitFor(
        () => getJobView(fixture.queues, id),
        // The state is read before the job: a poll that straddles the
        // start sees it queued with its first progress.
        view => view.progress?.percent === 40 && view.status === 'running',
      );
      finish();

      expect(running.status).toBe('running');
      expect(running.progress).toEqual({
        percent: 40,
        message: 'halfway there',
      });
      expect((await waitForStatus(id, 'succeeded')).progress?.percent).toBe(40);
    });
  });

  describe('when a handler ignores its timeout', () => {
    it('fails the attempt as timed out, and the worker keeps serving', async () => {
      const sleepJob = jobCatalog['system.sleep'];
      start(
        {
          // Ignores its signal on purpose.
          'system.sleep': async ({ ms }) => {
            await sleep(ms);
            return completed({ sleptMs: ms });
          },
        },
        {
          ...jobCatalog,
          'system.sleep': {
            ...sleepJob,
            defaults: { ...sleepJob.defaults, timeoutMs: 100 },
          },
        },
      );
      const stuck = await enqueueJob(fixture.queues, {
        type: 'system.sleep',
        payload: { ms: 2_500 },
        retries: 0,
      });

      const dead = await waitForStatus(stuck.id, 'dead');
      const next = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });

      expect(dead.lastError?.message).toBe(
        'The attempt timed out after 100 ms.',
      );
      expect(eventsOf(dead, 'failed')[0].durationMs).toBeLessThan(2_500);
      expect((await waitForStatus(next.id, 'succeeded')).status).toBe(
        'succeeded',
      );
    });
  });
});
