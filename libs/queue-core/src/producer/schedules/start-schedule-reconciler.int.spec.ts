import type { AnySchedule } from '@errand/contracts';
import {
  findFreePort,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';
import { JobStore } from '../../store/job-store';
import { uniquePrefix, waitFor } from '../../testing/index';
// Another wing's code, reached as users reach it: through the lib's door.
import { listSchedules } from '../../index';
import type { ScheduleChange } from './reconcile-schedules';
import {
  startScheduleReconciler,
  type ScheduleReconciler,
} from './start-schedule-reconciler';

const heartbeat: AnySchedule = {
  name: 'heartbeat',
  every: 60_000,
  type: 'system.noop',
  payload: {},
};

describe('startScheduleReconciler', () => {
  let server: RedisServer | undefined;
  let reconciler: ScheduleReconciler | undefined;
  let queues: JobStore | undefined;
  const prefix = uniquePrefix();
  const reconciled: ScheduleChange[][] = [];
  const errors: { error: Error; willRetry: boolean }[] = [];

  function start(url: string, schedules: readonly unknown[]) {
    reconciler = startScheduleReconciler({
      redisUrl: url,
      prefix,
      schedules,
      retryMs: 100,
      onReconciled: changes => reconciled.push(changes),
      onError: (error, willRetry) => errors.push({ error, willRetry }),
    });
    return reconciler;
  }

  afterEach(async () => {
    await reconciler?.close();
    await queues?.close();
    await server?.stop();
    reconciler = queues = server = undefined;
    reconciled.length = 0;
    errors.length = 0;
  });

  describe('while Redis is down', () => {
    it('reports each failure, retries, and reconciles once Redis is back', async () => {
      const port = await findFreePort();
      start(`redis://127.0.0.1:${port}`, [heartbeat]);

      await waitFor(
        async () => errors.length,
        n => n >= 2,
      );
      expect(errors[0]).toMatchObject({
        error: { code: 'queue.unavailable' },
        willRetry: true,
      });
      expect(reconciled).toEqual([]);

      server = await startRedisServer({ port });
      await reconciler?.done;

      expect(reconciled).toEqual([
        [{ name: 'heartbeat', type: 'system.noop', change: 'created' }],
      ]);
      queues = new JobStore({ redisUrl: server.url, prefix });
      expect((await listSchedules(queues)).map(s => s.name)).toEqual([
        'heartbeat',
      ]);
    });

    it('stops retrying when closed', async () => {
      const port = await findFreePort();
      const running = start(`redis://127.0.0.1:${port}`, [heartbeat]);
      await waitFor(
        async () => errors.length,
        n => n >= 1,
      );

      await running.close();
      const seen = errors.length;
      await new Promise(resolve => setTimeout(resolve, 300));

      expect(errors.length).toBe(seen);
      await expect(running.done).resolves.toBeUndefined();
    });
  });

  describe('when the schedules file is invalid', () => {
    it('reports it once, without retrying, and changes nothing', async () => {
      server = await startRedisServer();
      const broken = { ...heartbeat, every: 10 };

      await start(server.url, [broken]).done;

      expect(errors).toEqual([
        {
          error: expect.objectContaining({
            name: 'InvalidScheduleError',
            scheduleName: 'heartbeat',
          }),
          willRetry: false,
        },
      ]);
      expect(reconciled).toEqual([]);
    });
  });
});
