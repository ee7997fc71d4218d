import { randomUUID } from 'node:crypto';
import { parseEnqueueRequest } from '@errand/contracts';
import { enqueueJob } from '../../producer/enqueue-job';
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

  it('says the queue is rate-limited, until when', async () => {
    const job = await enqueue({ type: 'system.noop', payload: {} });
    await fixture.queues.queueFor('system.noop').rateLimit(60_000);
    const why = await explainJob(fixture.queues, job.id);
    expect(why.reason).toBe('queue.rateLimited');
    expect(Date.parse(why.until ?? '')).toBeGreaterThan(Date.now() + 50_000);
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
