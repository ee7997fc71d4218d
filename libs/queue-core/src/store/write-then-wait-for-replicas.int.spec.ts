import { once } from 'node:events';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { QueueUnavailableError } from './errors/queue-unavailable-error';
import { uniquePrefix, waitFor } from '../testing/index';
import { JobStore } from './job-store';

/**
 * WAIT counts the writes of the socket it is sent on. A reconnect between
 * an enqueue's write and its WAIT (ioredis reconnects on a failover and
 * resends what was in flight) leaves a WAIT that answers at once for a
 * write it never saw: that must not acknowledge the write.
 */
describe('JobStore.writeThenWaitForReplicas', () => {
  let master: RedisServer;
  let replica: RedisServer;
  let store: JobStore;

  beforeAll(async () => {
    master = await startRedisServer();
    replica = await startRedisServer({
      extraArgs: ['--replicaof', '127.0.0.1', String(master.port)],
    });
    store = new JobStore({
      redisUrl: master.url,
      prefix: uniquePrefix(),
      waitReplicas: 1,
      // What is tested is which WAIT answers count, not the deadline: on a
      // busy machine a healthy write and WAIT can take longer than 800 ms.
      deadlineMs: 5_000,
    });
    await store.ping();
    await waitFor(
      () => store.connection.info('replication'),
      info => /slave0:.*state=online/.test(info),
      20_000,
    );
  }, 30_000);

  afterAll(async () => {
    await store?.close();
    await replica?.stop();
    await master?.stop();
  });

  it('acknowledges a write that one replica holds', async () => {
    await expect(
      store.writeThenWaitForReplicas(() => store.connection.set('a', '1')),
    ).resolves.toBe('OK');
  });

  it('refuses a write whose connection was replaced before its WAIT', async () => {
    const reconnected = store.writeThenWaitForReplicas(async () => {
      const stored = await store.connection.set('b', '1');
      // The socket that wrote goes; the WAIT goes out on the next one.
      store.connection.disconnect(true);
      await once(store.connection, 'ready');
      return stored;
    }, 5_000);
    await expect(reconnected).rejects.toBeInstanceOf(QueueUnavailableError);
    await expect(reconnected).rejects.toThrow(/connection to Redis changed/);
  });

  it('proves the guard is needed: a fresh socket WAITs for nothing', async () => {
    // Without the guard above, this is what the WAIT would have answered.
    const fresh = store.connection.duplicate();
    try {
      await once(fresh, 'ready');
      await expect(fresh.wait(1, 1_000)).resolves.toBe(1);
    } finally {
      fresh.disconnect();
    }
  });
});
