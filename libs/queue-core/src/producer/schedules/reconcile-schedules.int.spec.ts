import {
  InvalidScheduleError,
  type AnySchedule,
  type JobType,
} from '@errand/contracts';
import type { Queue } from 'bullmq';
import { useQueueFixture } from '../../testing/index';
import { reconcileSchedules } from './reconcile-schedules';

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

describe('reconcileSchedules', () => {
  const fixture = useQueueFixture();

  /** Runs `operation` on a type's queue, once the connection is ready. */
  const on = <T>(type: JobType, operation: (queue: Queue) => Promise<T>) =>
    fixture.queues.runWithDeadline(() =>
      operation(fixture.queues.queueFor(type)),
    );
  const schedulersOf = (type: JobType) => on(type, q => q.getJobSchedulers());
  const schedulerOf = (type: JobType, id: string) =>
    on(type, q => q.getJobScheduler(id));

  describe('when Redis has none of the schedules', () => {
    it('creates each one and reports it created', async () => {
      const changes = await reconcileSchedules(fixture.queues, [
        heartbeat,
        report,
      ]);

      expect(changes).toEqual([
        { name: 'daily-report', type: 'email.send', change: 'created' },
        { name: 'heartbeat', type: 'system.noop', change: 'created' },
      ]);
      expect(
        await schedulerOf('email.send', 'errand.schedule:daily-report'),
      ).toMatchObject({
        pattern: '0 6 * * *',
        tz: 'Europe/Paris',
        name: 'email.send',
        template: {
          data: { payload: report.payload, version: 1 },
          opts: { attempts: 3 },
        },
      });
    });

    it('gives an every schedule its first run one interval later', async () => {
      const before = Date.now();
      await reconcileSchedules(fixture.queues, [heartbeat]);
      const [scheduler] = await schedulersOf('system.noop');

      expect(scheduler.every).toBe(60_000);
      expect(scheduler.next).toBeGreaterThanOrEqual(before + 60_000);
      expect(await on('system.noop', q => q.getWaitingCount())).toBe(0);
    });
  });

  describe('when it runs again with the same file', () => {
    it('reports every schedule unchanged and keeps the next run times', async () => {
      await reconcileSchedules(fixture.queues, [heartbeat, report]);
      const before = [
        ...(await schedulersOf('system.noop')),
        ...(await schedulersOf('email.send')),
      ];

      const changes = await reconcileSchedules(fixture.queues, [
        heartbeat,
        report,
      ]);

      expect(changes.map(c => c.change)).toEqual(['unchanged', 'unchanged']);
      expect([
        ...(await schedulersOf('system.noop')),
        ...(await schedulersOf('email.send')),
      ]).toEqual(before);
    });
  });

  describe('when a definition changed', () => {
    it.each<[string, AnySchedule]>([
      ['cron', { ...report, cron: '0 7 * * *' }],
      ['time zone', { ...report, timezone: 'America/New_York' }],
      [
        'payload',
        { ...report, payload: { to: 'ops@example.com', subject: 'Other' } },
      ],
      ['retries', { ...report, retries: 4 }],
      ['priority', { ...report, priority: 3 }],
    ])('updates it when its %s changed', async (_what, changed) => {
      await reconcileSchedules(fixture.queues, [report]);

      const changes = await reconcileSchedules(fixture.queues, [changed]);

      expect(changes).toEqual([
        { name: 'daily-report', type: 'email.send', change: 'updated' },
      ]);
      const scheduler = await schedulerOf(
        'email.send',
        'errand.schedule:daily-report',
      );
      expect(scheduler).toMatchObject({
        pattern: 'cron' in changed ? changed.cron : undefined,
        tz: 'cron' in changed ? changed.timezone : undefined,
        template: { data: { payload: changed.payload } },
      });
      expect(await reconcileSchedules(fixture.queues, [changed])).toEqual([
        { name: 'daily-report', type: 'email.send', change: 'unchanged' },
      ]);
    });

    it('replaces the pending run with one of the new definition', async () => {
      await reconcileSchedules(fixture.queues, [report]);
      const changed = {
        ...report,
        payload: { to: 'b@example.com', subject: 'B' },
      };

      await reconcileSchedules(fixture.queues, [changed]);

      const delayed = await on('email.send', q => q.getDelayed());
      expect(delayed.map(job => job.data)).toEqual([
        { payload: changed.payload, version: 1 },
      ]);
    });

    it('turns a cron schedule into an every schedule', async () => {
      await reconcileSchedules(fixture.queues, [report]);
      const { cron: _c, timezone: _t, ...rest } = report;

      await reconcileSchedules(fixture.queues, [
        { ...rest, every: 3_600_000 } as AnySchedule,
      ]);

      const [scheduler] = await schedulersOf('email.send');
      expect(scheduler).toMatchObject({ every: 3_600_000 });
      expect(scheduler.pattern).toBeUndefined();
      expect(scheduler.tz).toBeUndefined();
    });

    it('reports a schedule moved to another job type once, as updated', async () => {
      await reconcileSchedules(fixture.queues, [heartbeat]);
      const moved: AnySchedule = { ...report, name: 'heartbeat' };

      const changes = await reconcileSchedules(fixture.queues, [moved]);

      expect(changes).toEqual([
        { name: 'heartbeat', type: 'email.send', change: 'updated' },
      ]);
      expect(await schedulersOf('system.noop')).toEqual([]);
      expect(await schedulersOf('email.send')).toHaveLength(1);
    });
  });

  describe('when a schedule left the file', () => {
    it('removes its scheduler and its pending run', async () => {
      await reconcileSchedules(fixture.queues, [heartbeat, report]);

      const changes = await reconcileSchedules(fixture.queues, [report]);

      expect(changes).toEqual([
        { name: 'daily-report', type: 'email.send', change: 'unchanged' },
        { name: 'heartbeat', type: 'system.noop', change: 'removed' },
      ]);
      const queue = fixture.queues.queueFor('system.noop');
      expect(await queue.getJobSchedulers()).toEqual([]);
      expect(await queue.getDelayedCount()).toBe(0);
    });
  });

  describe('when a queue holds a scheduler Errand did not make', () => {
    it('leaves it alone and does not report it', async () => {
      await on('system.noop', q =>
        q.upsertJobScheduler(
          'made-by-hand',
          { every: 60_000 },
          { name: 'system.noop', data: { payload: {} } },
        ),
      );

      const changes = await reconcileSchedules(fixture.queues, []);

      expect(changes).toEqual([]);
      expect((await schedulersOf('system.noop')).map(s => s.key)).toEqual([
        'made-by-hand',
      ]);
    });
  });

  describe('when given only some job types', () => {
    it('neither creates nor removes schedules of the others', async () => {
      await reconcileSchedules(fixture.queues, [heartbeat]);

      const changes = await reconcileSchedules(fixture.queues, [report], {
        types: ['email.send'],
      });

      expect(changes).toEqual([
        { name: 'daily-report', type: 'email.send', change: 'created' },
      ]);
      expect(await schedulersOf('system.noop')).toHaveLength(1);
    });
  });

  describe('when the file holds an invalid schedule', () => {
    it('throws an InvalidScheduleError naming it and changes nothing', async () => {
      const broken: AnySchedule = {
        ...report,
        name: 'broken',
        cron: '61 * * * *',
      };

      const error = await reconcileSchedules(fixture.queues, [
        heartbeat,
        broken,
      ]).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(InvalidScheduleError);
      expect(error).toMatchObject({
        scheduleName: 'broken',
        code: 'config.invalid',
        issues: [
          { path: '/cron', message: expect.stringContaining('61 * * * *') },
        ],
      });
      expect(await schedulersOf('system.noop')).toEqual([]);
    });
  });

  describe('when several workers reconcile at once', () => {
    it('leaves one scheduler and one pending run per schedule', async () => {
      const file = [{ ...heartbeat }, report];

      await Promise.all([
        reconcileSchedules(fixture.queues, file),
        reconcileSchedules(fixture.queues, file),
        reconcileSchedules(fixture.queues, file),
      ]);

      for (const type of ['system.noop', 'email.send'] as const) {
        const queue = fixture.queues.queueFor(type);
        expect(await queue.getJobSchedulers()).toHaveLength(1);
        expect(await queue.getDelayedCount()).toBe(1);
      }
      expect(
        (await reconcileSchedules(fixture.queues, file)).map(c => c.change),
      ).toEqual(['unchanged', 'unchanged']);
    });
  });
});
