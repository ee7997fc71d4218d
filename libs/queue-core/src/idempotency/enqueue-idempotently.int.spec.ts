import { setTimeout as sleep } from 'node:timers/promises';
import type { ValidEnqueueRequest } from '@errand/contracts';
import { countJobs } from '../inspection/count-jobs';
import { getJobView } from '../inspection/find-job';
import { testHandlers, useQueueFixture, waitFor } from '../testing';
import { enqueueIdempotently } from './enqueue-idempotently';
import { IdempotencyConflictError } from './idempotency-conflict-error';
import { idempotencyRecordKey } from './idempotency-key';

const noop: ValidEnqueueRequest = { type: 'system.noop', payload: {} };
const body = { type: 'system.noop', payload: {} };

describe('enqueueIdempotently', () => {
  const fixture = useQueueFixture();
  const enqueue = (key: string, windowMs?: number, sent: unknown = body) =>
    enqueueIdempotently(fixture.queues, noop, { key, body: sent, windowMs });
  const queuedNoops = async () =>
    (await countJobs(fixture.queues)).find(s => s.type === 'system.noop')
      ?.counts.queued;

  describe('when the key is new', () => {
    it('creates the job', async () => {
      const { accepted, created } = await enqueue('k1');

      expect(created).toBe(true);
      expect(accepted).toMatchObject({ type: 'system.noop', status: 'queued' });
      expect(await getJobView(fixture.queues, accepted.id)).toMatchObject({
        status: 'queued',
      });
    });
  });

  describe('when the key is repeated within the window', () => {
    it('answers with the first job and stores no other', async () => {
      const first = await enqueue('k1');
      const repeat = await enqueue('k1');

      expect(repeat).toEqual({ accepted: first.accepted, created: false });
      expect(await queuedNoops()).toBe(1);
    });

    it('shows the status the job has now', async () => {
      const first = await enqueue('k1');
      fixture.startConsumer({
        types: ['system.noop'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      await waitFor(
        () => getJobView(fixture.queues, first.accepted.id),
        view => view.status === 'succeeded',
      );

      const repeat = await enqueue('k1');

      expect(repeat.accepted).toEqual({
        ...first.accepted,
        status: 'succeeded',
      });
    });

    it('answers with the status at acceptance once the job is removed', async () => {
      const first = await enqueue('k1');
      await fixture.queues.queueFor('system.noop').remove(first.accepted.id);

      const repeat = await enqueue('k1');

      expect(repeat).toEqual({ accepted: first.accepted, created: false });
      expect(await queuedNoops()).toBe(0);
    });

    it('refuses a different body with IdempotencyConflictError', async () => {
      const first = await enqueue('k1');

      const other = enqueueIdempotently(
        fixture.queues,
        { type: 'system.sleep', payload: { ms: 1 } },
        { key: 'k1', body: { type: 'system.sleep', payload: { ms: 1 } } },
      );

      await expect(other).rejects.toThrow(IdempotencyConflictError);
      await expect(other).rejects.toMatchObject({
        code: 'request.idempotencyConflict',
        jobId: first.accepted.id,
      });
    });

    it('creates exactly one job for 20 concurrent requests', async () => {
      await fixture.queues.ping();
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () => enqueue('k-parallel')),
      );

      expect(outcomes.filter(o => o.created)).toHaveLength(1);
      expect(new Set(outcomes.map(o => o.accepted.id)).size).toBe(1);
      expect(await queuedNoops()).toBe(1);
    });
  });

  describe('when two owners use the same key', () => {
    it('creates a job for each, and each repeat finds its own', async () => {
      const as = (owner: string) =>
        enqueueIdempotently(fixture.queues, noop, { key: 'k1', body, owner });

      const shop = await as('shop');
      const billing = await as('billing');

      expect([shop.created, billing.created]).toEqual([true, true]);
      expect(billing.accepted.id).not.toBe(shop.accepted.id);
      expect((await as('shop')).accepted.id).toBe(shop.accepted.id);
      expect((await as('billing')).accepted.id).toBe(billing.accepted.id);
    });
  });

  describe('when the window has run out', () => {
    it('creates a new job for the same key', async () => {
      const first = await enqueue('k1', 50);
      await sleep(100);

      const second = await enqueue('k1', 50);

      expect(second.created).toBe(true);
      expect(second.accepted.id).not.toBe(first.accepted.id);
    });
  });

  describe('when the enqueue after the claim fails', () => {
    it('releases the key so that a retry creates the job', async () => {
      const redis = fixture.queues.connection;
      await fixture.queues.ping();
      // A string where BullMQ keeps a hash makes its add script fail.
      const meta = `${fixture.prefix}:system.noop:meta`;
      await redis.set(meta, 'broken');

      await expect(enqueue('k1')).rejects.toThrow(/WRONGTYPE/);
      expect(
        await redis.exists(idempotencyRecordKey('k1', fixture.queues.naming)),
      ).toBe(0);

      await redis.del(meta);
      const retry = await enqueue('k1');
      expect(retry.created).toBe(true);
      expect(await queuedNoops()).toBe(1);
    });
  });
});
