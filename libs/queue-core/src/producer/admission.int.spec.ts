import { parseEnqueueRequest } from '@errand/contracts';
import { QueueFullError } from '../store/errors/queue-full-error';
import { enqueueIdempotently } from './idempotency/enqueue-idempotently';
import { idempotencyRecordKey } from './idempotency/idempotency-key';
import { waitFor } from '../testing/wait-for';
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

  describe('when idempotency records outlive their jobs', () => {
    const noop = parseEnqueueRequest({ type: 'system.noop', payload: {} });
    /** An idempotent enqueue whose job is then removed, as after a run. */
    const enqueueAndRemove = async (key: string, windowMs: number) => {
      const { accepted } = await enqueueIdempotently(fixture.queues, noop, {
        key,
        body: noop,
        windowMs,
        secret: 'a-test-secret-of-at-least-32-characters',
      });
      await fixture.queues.queueFor('system.noop').remove(accepted.id);
    };
    const limits = { defaultCap: 2, cacheMs: 0 };

    it('counts each live record towards the cap of its type', async () => {
      await enqueueAndRemove('k1', 60_000);
      await enqueueAndRemove('k2', 60_000);

      await expect(
        admitJobs(fixture.queues, 'system.noop', 1, limits),
      ).rejects.toThrow(QueueFullError);
      await expect(
        admitJobs(fixture.queues, 'system.sleep', 1, limits),
      ).resolves.toBeUndefined();
    });

    it('stops counting a record once its window has run out', async () => {
      await enqueueAndRemove('k1', 50);
      await enqueueAndRemove('k2', 50);
      const redis = fixture.queues.connection;
      const naming = fixture.queues.naming;
      await waitFor(
        () =>
          redis.exists(
            idempotencyRecordKey('k1', naming),
            idempotencyRecordKey('k2', naming),
          ),
        live => live === 0,
      );

      await expect(
        admitJobs(fixture.queues, 'system.noop', 2, limits),
      ).resolves.toBeUndefined();
    });
  });
});
