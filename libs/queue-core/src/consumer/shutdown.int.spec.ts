import { parseEnqueueRequest } from '@errand/contracts';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { enqueueJob } from '../producer/enqueue-job';
import { getJobView } from '../inspection/find-job';
import { QueueSet } from '../queues/queue-set';
import { testHandlers, uniquePrefix, waitFor } from '../testing';
import { completed } from './outcome';
import type { SettledEvent } from './process-job';
import { startConsumer, type Consumer } from './start-consumer';

describe('when a worker shuts down with a job still running', () => {
  let server: RedisServer;
  let queues: QueueSet;
  let prefix: string;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    prefix = uniquePrefix();
    queues = new QueueSet({ redisUrl: server.url, prefix });
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map(c => c.close(1_000)));
    await queues.close();
  });

  function consume(hooks = {}, handlers = testHandlers()): Consumer {
    const consumer = startConsumer({
      redisUrl: server.url,
      prefix,
      types: ['system.sleep'],
      concurrency: 1,
      handlers,
      hooks,
    });
    consumers.push(consumer);
    return consumer;
  }

  it('hands the job back without using an attempt, and another worker runs it', async () => {
    const settled: SettledEvent[] = [];
    const first = consume({ onSettled: (e: SettledEvent) => settled.push(e) });
    // No retries: a shutdown counted as a failure would make it dead.
    const job = await enqueueJob(
      queues,
      parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 3_000 } }),
    );
    await waitFor(
      () => getJobView(queues, job.id),
      v => v.status === 'running',
    );

    await first.close(100);

    const view = await getJobView(queues, job.id);
    expect(view).toMatchObject({ status: 'queued', attempts: { made: 0 } });
    expect(view.lastError).toBeNull();
    expect(settled.map(e => e.settlement)).toEqual(['released']);

    consume(
      {},
      testHandlers({ 'system.sleep': async () => completed({ sleptMs: 0 }) }),
    );
    const done = await waitFor(
      () => getJobView(queues, job.id),
      v => v.status === 'succeeded',
    );
    expect(done.attempts.made).toBe(1);
  });

  it('lets a job that ends within the grace period finish normally', async () => {
    const worker = consume();
    const job = await enqueueJob(
      queues,
      parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 200 } }),
    );
    await waitFor(
      () => getJobView(queues, job.id),
      v => v.status === 'running',
    );
    await worker.close(5_000);
    expect(await getJobView(queues, job.id)).toMatchObject({
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
      queues,
      parseEnqueueRequest({ type: 'system.sleep', payload: { ms: 1 } }),
    );
    await waitFor(
      () => getJobView(queues, job.id),
      v => v.status === 'running',
    );
    const started = Date.now();
    await worker.close(100);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await getJobView(queues, job.id)).toMatchObject({
      status: 'queued',
    });
  });
});
