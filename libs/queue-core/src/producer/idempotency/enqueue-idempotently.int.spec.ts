import { createHash, createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ValidEnqueueRequest } from '@errand/contracts';
// Another wing's code, reached as users reach it: through the lib's door.
import { countJobs } from '../../index';
import { getJobView } from '../../store/find-job';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';
import { enqueueIdempotently } from './enqueue-idempotently';
import { IdempotencyConflictError } from './idempotency-conflict-error';
import { idempotencyRecordKey } from './idempotency-key';
import { countIdempotencyRecords } from './idempotency-record-index';

const noop: ValidEnqueueRequest = { type: 'system.noop', payload: {} };
const body = { type: 'system.noop', payload: {} };
const secret = 'a-test-secret-of-at-least-32-characters';

describe('enqueueIdempotently', () => {
  const fixture = useQueueFixture();
  const enqueue = (key: string, windowMs?: number, sent: unknown = body) =>
    enqueueIdempotently(fixture.queues, noop, {
      key,
      body: sent,
      windowMs,
      secret,
    });
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
        {
          key: 'k1',
          body: { type: 'system.sleep', payload: { ms: 1 } },
          secret,
        },
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
        enqueueIdempotently(fixture.queues, noop, {
          key: 'k1',
          body,
          owner,
          secret,
        });

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
      // Nor does the released claim count towards the queue cap.
      expect(await countIdempotencyRecords(fixture.queues, 'system.noop')).toBe(
        0,
      );

      await redis.del(meta);
      const retry = await enqueue('k1');
      expect(retry.created).toBe(true);
      expect(await queuedNoops()).toBe(1);
    });
  });

  describe('when the body holds a short secret', () => {
    // Sorted keys and no spaces: the canonical JSON the hash is taken over.
    const bodyWith = (code: string) =>
      `{"payload":{"subject":"Sign in","text":"Your code is ${code}","to":"a@example.com"},"type":"email.send"}`;
    const email = JSON.parse(bodyWith('482913')) as ValidEnqueueRequest;

    it('stores an HMAC that a brute force without the secret cannot match', async () => {
      await enqueueIdempotently(fixture.queues, email, {
        key: 'otp-1',
        body: email,
        secret,
      });
      const stored = await fixture.queues.connection.get(
        idempotencyRecordKey('otp-1', fixture.queues.naming),
      );
      const { bodyHash } = JSON.parse(stored ?? '{}') as { bodyHash: string };

      // Every 6-digit code ending in 913 (the real one among them).
      const codes = Array.from(
        { length: 1_000 },
        (_, i) => `${String(i).padStart(3, '0')}913`,
      );
      const sha256 = (text: string) =>
        createHash('sha256').update(text).digest('hex');
      const hmac = (key: string, text: string) =>
        createHmac('sha256', key).update(text).digest('hex');
      expect(codes.filter(c => sha256(bodyWith(c)) === bodyHash)).toEqual([]);
      expect(
        codes.filter(c => hmac('another-secret', bodyWith(c)) === bodyHash),
      ).toEqual([]);
      // With the secret the same search finds it: the test can tell.
      expect(codes.filter(c => hmac(secret, bodyWith(c)) === bodyHash)).toEqual(
        ['482913'],
      );
    });
  });
});
