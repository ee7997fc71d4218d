import { setTimeout as sleep } from 'node:timers/promises';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { getJobView } from '../store/find-job';
import { enqueueJob } from '../index';
import { JobStore } from '../store/job-store';
import { testHandlers, uniquePrefix, waitFor } from '../testing/index';
import { startConsumer, type Consumer } from './start-consumer';

describe('startConsumer during a Redis outage', () => {
  let server: RedisServer;
  let prefix: string;
  let consumer: Consumer;
  let onError: jest.Mock;
  let onRecovered: jest.Mock;

  const isDown = () =>
    server.process.exitCode !== null || server.process.signalCode !== null;

  /** Restarts Redis on its port and waits until a job runs again. */
  async function restartAndConsume(): Promise<void> {
    server = await startRedisServer({ port: server.port });
    const queues = new JobStore({ redisUrl: server.url, prefix });
    try {
      const { id } = await enqueueJob(queues, {
        type: 'system.noop',
        payload: {},
      });
      await waitFor(
        () => getJobView(queues, id),
        view => view.status === 'succeeded',
        10_000,
      );
    } finally {
      await queues.close();
    }
  }

  beforeEach(async () => {
    server = await startRedisServer();
    prefix = uniquePrefix();
    onError = jest.fn();
    onRecovered = jest.fn();
    consumer = startConsumer({
      redisUrl: server.url,
      prefix,
      types: ['system.noop'],
      concurrency: 1,
      handlers: testHandlers(),
      onError,
      onRecovered,
    });
    await waitFor(
      async () => consumer.isHealthy(),
      healthy => healthy,
    );
  });

  afterEach(async () => {
    // BullMQ's Worker.close() started while Redis is away never resolves,
    // even once Redis is back (taskforcesh/bullmq#4656): a job that ran
    // proves the worker's own blocking connection is back too.
    if (isDown()) await restartAndConsume();
    await consumer.close(1_000);
    await server.stop();
  });

  it('reports the outage once, however many reconnects fail', async () => {
    await server.stop();

    await waitFor(
      async () => onError.mock.calls.length,
      n => n > 0,
    );
    // Long enough for several failed reconnects (200 ms, 400 ms, ...).
    await sleep(1_500);

    expect(onError).toHaveBeenCalledTimes(1);
    expect(onRecovered).not.toHaveBeenCalled();
    expect(consumer.isHealthy()).toBe(false);
  });

  it('reports the recovery once, and consumes again', async () => {
    await server.stop();
    await waitFor(
      async () => onError.mock.calls.length,
      n => n > 0,
    );

    await restartAndConsume();

    expect(consumer.isHealthy()).toBe(true);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onRecovered).toHaveBeenCalledTimes(1);
  });
});
