import { completed, parseEnqueueRequest } from '@errand/contracts';
import { enqueueJob } from '../index';
import { getJobView } from '../store/find-job';
import { testHandlers, useQueueFixture, waitFor } from '../testing/index';
import type { SettledEvent } from './process-job';
import type { Consumer } from './start-consumer';

describe('when a worker shuts down with a job still running', () => {
  const fixture = useQueueFixture();

  function consume(hooks = {}, handlers = testHandlers()): Consumer {
    return fixture.startConsumer({
      types: ['system.sleep'],
      concurrency: 1,
      handlers,
      hooks,
    });
  }

  it('hands the job back without using an attempt, and another worker runs it', async () => {
    const settled: SettledEvent[] = [];
    const first = consume({ onSettled: (e: SettledEvent) => settled.push(e) });
    // No retries: a shutdown counted as a failure would make it dead.
    const job = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 3_000 } }),
    );
    await waitFor(
      () => getJobView(fixture.queues, job.id),
      v => v.status === 'running',
    );

    await first.close(100);

    const view = await getJobView(fixture.queues, job.id);
    expect(view).toMatchObject({ status: 'queued', attempts: { made: 0 } });
    expect(view.lastError).toBeNull();
    expect(settled.map(e => e.settlement)).toEqual(['released']);

    consume(
      {},
      testHandlers({ 'system.sleep': async () => completed({ sleptMs: 0 }) }),
    );
    const done = await waitFor(
      () => getJobView(fixture.queues, job.id),
      v => v.status === 'succeeded',
    );
    expect(done.attempts.made).toBe(1);
  });

  it('lets a job that ends within the grace period finish normally', async () => {
    const worker = consume();
    const job = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 200 } }),
    );
    await waitFor(
      () => getJobView(fixture.queues, job.id),
      v => v.status === 'running',
    );
    await worker.close(5_000);
    expect(await getJobView(fixture.queues, job.id)).toMatchObject({
      status: 'succeeded',
      result: { sleptMs: 200 },
    });
  });

  it('hands back even a handler that ignores its abort signal', async () => {
    const stubborn = testHandlers({
      'system.sleep': () => new Promise(() => undefined),
    });
    const worker = consume({}, stubborn);
    const job = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 1 } }),
    );
    await waitFor(
      () => getJobView(fixture.queues, job.id),
      v => v.status === 'running',
    );
    const started = Date.now();
    await worker.close(100);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await getJobView(fixture.queues, job.id)).toMatchObject({
      status: 'queued',
    });
  });
});
