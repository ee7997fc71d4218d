import { randomUUID } from 'node:crypto';
import type { ValidEnqueueRequest } from '@errand/contracts';
import {
  findFreePort,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';
import { QueueUnavailableError } from './errors/queue-unavailable-error';
import { getJobView } from './find-job';
import { enqueueJob } from '../producer/enqueue-job';
import { uniquePrefix, waitFor } from '../testing/index';
import { JobStore } from './job-store';

const noop: ValidEnqueueRequest = { type: 'system.noop', payload: {} };

/** Runs `operation`, expecting QueueUnavailableError; resolves the time taken. */
async function unavailableAfter(operation: () => Promise<unknown>) {
  const started = Date.now();
  const error = await operation().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QueueUnavailableError);
  expect(error).toMatchObject({ code: 'queue.unavailable' });
  return Date.now() - started;
}

/** A probe for waitFor: does Redis answer the set's PING now? */
const answers = (queues: JobStore) => () =>
  queues.ping().then(
    () => true,
    () => false,
  );

describe('JobStore', () => {
  describe('when nothing listens on the port', () => {
    let queues: JobStore;

    beforeEach(async () => {
      const port = await findFreePort();
      queues = new JobStore({
        redisUrl: `redis://127.0.0.1:${port}`,
        prefix: uniquePrefix(),
      });
    });

    afterEach(async () => {
      await queues.close();
    });

    it('fails a lookup as unavailable within 1 s', async () => {
      const ms = await unavailableAfter(() => getJobView(queues, randomUUID()));

      expect(ms).toBeLessThan(1_000);
    });

    it('fails an enqueue as unavailable within 1 s', async () => {
      const ms = await unavailableAfter(() => enqueueJob(queues, noop));

      expect(ms).toBeLessThan(1_000);
    });

    it('fails a ping as unavailable within 1 s', async () => {
      const ms = await unavailableAfter(() => queues.ping());

      expect(ms).toBeLessThan(1_000);
    });
  });

  describe('when Redis stops after the set connected', () => {
    let server: RedisServer;
    let queues: JobStore;

    beforeEach(async () => {
      server = await startRedisServer();
      queues = new JobStore({ redisUrl: server.url, prefix: uniquePrefix() });
      await enqueueJob(queues, noop);
    });

    afterEach(async () => {
      await queues.close();
      await server.stop();
    });

    it('fails the next operation as unavailable within 1 s', async () => {
      await server.stop();

      const ms = await unavailableAfter(() => getJobView(queues, randomUUID()));

      expect(ms).toBeLessThan(1_000);
    });

    it('works again once Redis is back on the same port', async () => {
      await server.stop();
      await unavailableAfter(() => queues.ping());
      server = await startRedisServer({ port: server.port });

      await waitFor(answers(queues), ok => ok);

      expect((await enqueueJob(queues, noop)).status).toBe('queued');
    });
  });

  describe('when a queue is first opened while Redis is down', () => {
    let server: RedisServer | undefined;
    let queues: JobStore;

    afterEach(async () => {
      await queues.close();
      await server?.stop();
      server = undefined;
    });

    it('opens a working queue once Redis is up', async () => {
      const port = await findFreePort();
      queues = new JobStore({
        redisUrl: `redis://127.0.0.1:${port}`,
        prefix: uniquePrefix(),
      });
      await expect(
        queues.queueFor('system.noop').getJobCounts(),
      ).rejects.toThrow();
      server = await startRedisServer({ port });
      await waitFor(answers(queues), ok => ok);

      expect((await enqueueJob(queues, noop)).status).toBe('queued');
    });
  });
});
