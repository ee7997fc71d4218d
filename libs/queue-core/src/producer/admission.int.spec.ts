import { parseEnqueueRequest } from '@errand/contracts';
import { QueueFullError } from '../errors/queue-full-error';
import { useQueueFixture } from '../testing/queue-fixture';
import { admitJobs } from './admission';
import { enqueueJob } from './enqueue-job';

describe('admitJobs', () => {
  const fixture = useQueueFixture();

  const enqueue = (type: 'system.noop' | 'system.sleep' = 'system.noop') =>
    enqueueJob(
      fixture.queues,
      parseEnqueueRequest({
        type,
        payload: type === 'system.noop' ? {} : { ms: 1 },
      }),
    );

  describe('when the queue is under its cap', () => {
    it('admits jobs up to the cap', async () => {
      await enqueue();

      await expect(
        admitJobs(fixture.queues, 'system.noop', 2, {
          defaultCap: 3,
          cacheMs: 0,
        }),
      ).resolves.toBeUndefined();
    });
  });

  describe('when the jobs would take the queue over its cap', () => {
    it('refuses with queue.full and a Retry-After', async () => {
      await enqueue();
      await enqueue();

      const error = await admitJobs(fixture.queues, 'system.noop', 1, {
        defaultCap: 2,
        cacheMs: 0,
      }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(QueueFullError);
      expect(error).toMatchObject({
        code: 'queue.full',
        retryAfterSeconds: 5,
        cap: 2,
      });
    });

    it('counts scheduled (delayed) jobs too', async () => {
      await enqueueJob(
        fixture.queues,
        parseEnqueueRequest({
          type: 'system.noop',
          payload: {},
          delay: 60_000,
        }),
      );

      await expect(
        admitJobs(fixture.queues, 'system.noop', 1, {
          defaultCap: 1,
          cacheMs: 0,
        }),
      ).rejects.toThrow(QueueFullError);
    });
  });

  describe('when a type has its own cap', () => {
    it('uses it instead of the default, for that type only', async () => {
      await enqueue();
      const limits = { defaultCap: 1, caps: { 'system.noop': 5 }, cacheMs: 0 };

      await expect(
        admitJobs(fixture.queues, 'system.noop', 1, limits),
      ).resolves.toBeUndefined();
      await enqueue('system.sleep');
      await expect(
        admitJobs(fixture.queues, 'system.sleep', 1, limits),
      ).rejects.toThrow(QueueFullError);
    });
  });

  describe('while the count is cached', () => {
    it('adds what it admitted, so a burst cannot slip past the cap', async () => {
      const limits = { defaultCap: 3, cacheMs: 60_000 };

      await admitJobs(fixture.queues, 'system.noop', 2, limits);
      await admitJobs(fixture.queues, 'system.noop', 1, limits);

      await expect(
        admitJobs(fixture.queues, 'system.noop', 1, limits),
      ).rejects.toThrow(QueueFullError);
    });
  });
});
