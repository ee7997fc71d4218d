import { randomBytes } from 'node:crypto';
import { type AnySchedule, completed, type JobType } from '@errand/contracts';
import type { JobSchedulerJson, Queue } from 'bullmq';
import { JobStore } from '../../store/job-store';
import { createPayloadCipher } from '../../store/security/payload-cipher';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';
import { reconcileSchedules } from './reconcile-schedules';
import { isScheduledRunId } from '../../store/schedule-id';

const heartbeat: AnySchedule = {
  name: 'heartbeat',
  every: 60_000,
  type: 'system.noop',
  payload: {},
};
const report: AnySchedule = {
  name: 'daily-report',
  cron: '0 6 * * *',
  timezone: 'Europe/Paris',
  type: 'email.send',
  payload: { to: 'ops@example.com', subject: 'Daily report' },
  retries: 2,
};

// What the schedulers reconcileSchedules writes produce: sealed payloads,
// and jobs that a consumer really runs.
describe('scheduled runs', () => {
  const fixture = useQueueFixture();

  /** Runs `operation` on a type's queue, once the connection is ready. */
  const on = <T>(type: JobType, operation: (queue: Queue) => Promise<T>) =>
    fixture.queues.runWithDeadline(() =>
      operation(fixture.queues.queueFor(type)),
    );
  const schedulersOf = (type: JobType) => on(type, q => q.getJobSchedulers());

  describe('when payloads are encrypted at rest', () => {
    const secret = 'reset link https://example.com/r/5ecr3t';
    const withBody: AnySchedule = {
      ...report,
      payload: { to: 'ops@example.com', subject: 'Digest', text: secret },
    };
    let sealing: JobStore | undefined;

    afterEach(async () => {
      await sealing?.close();
      sealing = undefined;
    });

    function sealingQueues(): JobStore {
      sealing = new JobStore({
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
        cipher: createPayloadCipher(randomBytes(32)),
      });
      return sealing;
    }

    it('stores sensitive fields sealed, and finds them unchanged after', async () => {
      const queues = sealingQueues();
      await reconcileSchedules(queues, [withBody]);
      const scheduler = (
        await schedulersOf('email.send')
      )[0] as JobSchedulerJson;

      expect(JSON.stringify(scheduler)).not.toContain('5ecr3t');
      expect(
        JSON.stringify(await on('email.send', q => q.getDelayed())),
      ).not.toContain('5ecr3t');
      expect(await reconcileSchedules(queues, [withBody])).toEqual([
        { name: 'daily-report', type: 'email.send', change: 'unchanged' },
      ]);
    });

    it('opens the sealed fields in every run, bound to the scheduler', async () => {
      const cipher = createPayloadCipher(randomBytes(32));
      sealing = new JobStore({
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
        cipher,
      });
      const texts: string[] = [];
      fixture.startConsumer({
        types: ['email.send'],
        concurrency: 1,
        cipher,
        handlers: testHandlers({
          'email.send': async payload => {
            texts.push(payload.text ?? '');
            return completed({ messageId: 'm' });
          },
        }),
      });

      await reconcileSchedules(sealing, [
        {
          name: 'digest',
          every: 1_000,
          type: 'email.send',
          payload: withBody.payload,
        },
      ]);

      await waitFor(
        async () => texts.length,
        n => n >= 2,
        8_000,
      );
      expect(texts.slice(0, 2)).toEqual([secret, secret]);
      expect(await on('email.send', q => q.getFailed())).toEqual([]);
    });

    it('seals a sensitive field stored in clear before the key was set', async () => {
      await reconcileSchedules(fixture.queues, [withBody]);

      const changes = await reconcileSchedules(sealingQueues(), [withBody]);

      expect(changes.map(c => c.change)).toEqual(['updated']);
      expect(JSON.stringify(await schedulersOf('email.send'))).not.toContain(
        '5ecr3t',
      );
    });
  });

  describe('when a consumer serves the type', () => {
    it('runs the jobs an every schedule produces', async () => {
      const runs: number[] = [];
      fixture.startConsumer({
        types: ['system.noop'],
        concurrency: 1,
        handlers: testHandlers({
          'system.noop': async () => {
            runs.push(Date.now());
            return completed({});
          },
        }),
      });
      const started = Date.now();

      await reconcileSchedules(fixture.queues, [
        { ...heartbeat, every: 1_000 },
      ]);

      await waitFor(
        async () => runs.length,
        n => n >= 2,
        6_000,
      );
      expect(runs[0] - started).toBeGreaterThanOrEqual(900);
      const finished = await on('system.noop', q => q.getCompleted());
      expect(finished.length).toBeGreaterThanOrEqual(2);
      expect(finished[0].data).toEqual({ payload: {}, version: 1 });
      expect(isScheduledRunId(finished[0].id ?? '')).toBe(true);
    });
  });
});
