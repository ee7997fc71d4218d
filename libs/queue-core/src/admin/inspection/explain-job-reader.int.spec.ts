import { randomUUID } from 'node:crypto';
import { parseEnqueueRequest } from '@errand/contracts';
import { enqueueJob } from '../../index';
import { setJobTypeLimits } from '../limits/job-type-limits-admin';
import { pauseQueue } from '../operations/pause-queue';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  useQueueFixture,
  waitFor,
} from '../../testing/index';
import { getJobView } from '../../store/find-job';
import { explainJob } from './explain-job-reader';

describe('explainJob against a real Redis', () => {
  const fixture = useQueueFixture();
  const enqueue = (body: unknown) =>
    enqueueJob(fixture.queues, parseEnqueueRequest(body));

  it('says no live worker serves a queued job, with its place in line', async () => {
    await enqueue({ type: 'system.noop', payload: {} });
    const second = await enqueue({ type: 'system.noop', payload: {} });
    const why = await explainJob(fixture.queues, second.id);
    expect(why).toMatchObject({
      status: 'queued',
      reason: 'worker.none',
      position: 2,
      workers: 0,
    });
  });

  it('says the queue is paused before anything else', async () => {
    const job = await enqueue({ type: 'system.noop', payload: {} });
    await pauseQueue(fixture.queues, 'system.noop');
    expect((await explainJob(fixture.queues, job.id)).reason).toBe(
      'queue.paused',
    );
  });

  it('gives a scheduled job its run time from the delayed set', async () => {
    const runAt = new Date(Date.now() + 3_600_000);
    const job = await enqueue({
      type: 'system.noop',
      payload: {},
      runAt: runAt.toISOString(),
    });
    const why = await explainJob(fixture.queues, job.id);
    expect(why.reason).toBe('job.scheduled');
    expect(
      Math.abs(Date.parse(why.until ?? '') - runAt.getTime()),
    ).toBeLessThan(1_000);
  });

  it('says all workers are busy while a live worker runs another job', async () => {
    const running = await enqueue({
      type: 'system.sleep',
      payload: { ms: 5_000 },
    });
    const waiting = await enqueue({ type: 'system.sleep', payload: { ms: 1 } });
    fixture.startConsumer({
      types: ['system.sleep'],
      concurrency: 1,
      handlers: testHandlers(),
    });
    await waitFor(
      () => getJobView(fixture.queues, running.id),
      view => view.status === 'running',
    );
    expect(await explainJob(fixture.queues, running.id)).toMatchObject({
      reason: 'job.running',
      workers: 1,
    });
    expect(await explainJob(fixture.queues, waiting.id)).toMatchObject({
      reason: 'workers.busy',
      position: 1,
      workers: 1,
    });
  });

  it('says a failed job waits for its retry, attempt n of m', async () => {
    const job = await enqueue({
      type: 'system.fail',
      payload: {},
      retries: 2,
    });
    const consumer = fixture.startConsumer({
      types: ['system.fail'],
      concurrency: 1,
      handlers: testHandlers(),
      retryPolicy: { ...FAST_RETRY_POLICY, baseMs: 60_000, capMs: 60_000 },
    });
    await waitFor(
      () => getJobView(fixture.queues, job.id),
      view => view.status === 'retrying',
    );
    await consumer.close(1_000);
    const why = await explainJob(fixture.queues, job.id);
    expect(why.reason).toBe('job.retrying');
    expect(why.sentence).toContain('(attempt 2 of 3)');
    expect(Date.parse(why.until ?? '')).toBeGreaterThan(Date.now());
  });

  it('says the queue is rate-limited, naming the limit and the next start', async () => {
    const job = await enqueue({ type: 'system.noop', payload: {} });
    await setJobTypeLimits(fixture.queues, 'system.noop', {
      rateLimit: { max: 1, durationMs: 60_000 },
      maxConcurrent: null,
      perKeyConcurrency: null,
    });
    // One start already in this window, as a worker's fetch counts it.
    const queue = fixture.queues.queueFor('system.noop');
    await fixture.queues.connection.set(queue.keys.limiter, 1, 'PX', 60_000);
    const why = await explainJob(fixture.queues, job.id);
    expect(why.reason).toBe('queue.rateLimited');
    expect(why.sentence).toMatch(
      /^rate limit 1\/m on system\.noop: next start in \d+ ms\.$/,
    );
    expect(Date.parse(why.until ?? '')).toBeGreaterThan(Date.now() + 50_000);
  });

  it("says a provider's pause (BullMQ's manual rate limit) holds the queue, until when", async () => {
    const job = await enqueue({ type: 'system.noop', payload: {} });
    await fixture.queues.queueFor('system.noop').rateLimit(60_000);
    const why = await explainJob(fixture.queues, job.id);
    expect(why.reason).toBe('queue.providerPaused');
    expect(why.sentence).toMatch(/^system\.noop paused by the provider until /);
    expect(Date.parse(why.until ?? '')).toBeGreaterThan(Date.now() + 50_000);
  });

  describe('when a job is held by its key', () => {
    const keyed = (extra = {}) =>
      enqueue({
        type: 'system.noop',
        payload: {},
        concurrencyKey: 'acme',
        ...extra,
      });

    it("shows why in the job's view, as why says it, its status still scheduled", async () => {
      await setJobTypeLimits(fixture.queues, 'system.noop', {
        rateLimit: null,
        maxConcurrent: null,
        perKeyConcurrency: 1,
      });
      const first = await keyed();
      const held = await keyed();

      const view = await getJobView(fixture.queues, held.id);
      const why = await explainJob(fixture.queues, held.id);

      expect(view.status).toBe('scheduled');
      expect(view.heldBy).toEqual({
        reason: 'key.held',
        sentence: why.sentence,
        key: 'acme',
        running: 1,
        cap: 1,
      });
      expect(why.reason).toBe('key.held');
      expect(why.sentence).toMatch(/^key acme has 1 of 1 running; /);
      // The first took the key's slot: nothing holds it.
      expect((await getJobView(fixture.queues, first.id)).heldBy).toBe(
        undefined,
      );
    });

    it('leaves it out for a keyed job that asked to wait, and without a cap', async () => {
      const later = await keyed({ delay: 3_600_000 });
      const uncapped = await keyed();

      expect((await getJobView(fixture.queues, later.id)).status).toBe(
        'scheduled',
      );
      expect((await getJobView(fixture.queues, later.id)).heldBy).toBe(
        undefined,
      );
      expect((await getJobView(fixture.queues, uncapped.id)).heldBy).toBe(
        undefined,
      );
    });
  });

  it('says a running job whose lock is gone stalled and is being recovered', async () => {
    const job = await enqueue({
      type: 'system.sleep',
      payload: { ms: 5_000 },
    });
    fixture.startConsumer({
      types: ['system.sleep'],
      concurrency: 1,
      handlers: testHandlers(),
    });
    await waitFor(
      () => getJobView(fixture.queues, job.id),
      view => view.status === 'running',
    );
    // What a worker that died leaves behind: the job active, its lock expired.
    const queue = fixture.queues.queueFor('system.sleep');
    await fixture.queues.connection.del(`${queue.toKey(job.id)}:lock`);
    expect(await explainJob(fixture.queues, job.id)).toMatchObject({
      reason: 'job.stalled',
      workers: 1,
    });
  });

  it('rejects an unknown id as job.notFound', async () => {
    await expect(
      explainJob(fixture.queues, randomUUID()),
    ).rejects.toMatchObject({
      code: 'job.notFound',
    });
  });
});
