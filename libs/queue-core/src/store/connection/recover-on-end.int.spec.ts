import { startRedisServer, type RedisServer } from '@errand/local-redis';
import type { Redis } from 'ioredis';
import { waitFor } from '../../testing/wait-for';
import { createRedisConnection } from './create-redis-connection';

/**
 * Puts `client` in the state ioredis' Sentinel connector leaves it in after
 * a `+switch-master` heard mid-reconnect: its socket gone and ioredis
 * deciding not to reconnect, so the client emits `end` though nobody closed
 * it.
 */
function endBehindTheOwnersBack(client: Redis): Promise<void> {
  const ended = new Promise<void>(resolve => client.once('end', resolve));
  (client as unknown as { manuallyClosing: boolean }).manuallyClosing = true;
  client.stream.destroy();
  return ended;
}

describe('a connection that ioredis ends by itself', () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.each(['producer', 'worker'] as const)(
    'comes back without a restart (%s)',
    async role => {
      const client = createRedisConnection(role, server.url);
      client.on('error', () => undefined);
      try {
        await waitFor(
          async () => client.status,
          s => s === 'ready',
          10_000,
        );
        await endBehindTheOwnersBack(client);

        await waitFor(
          () => client.ping().catch((e: Error) => e.message),
          answer => answer === 'PONG',
          10_000,
          50,
        );
      } finally {
        client.disconnect();
      }
    },
  );

  it('and so do its duplicates (BullMQ’s blocking connection)', async () => {
    const client = createRedisConnection('worker', server.url);
    const duplicate = client.duplicate();
    duplicate.on('error', () => undefined);
    try {
      await waitFor(
        async () => duplicate.status,
        s => s === 'ready',
        10_000,
      );
      await endBehindTheOwnersBack(duplicate);

      await waitFor(
        () => duplicate.ping().catch((e: Error) => e.message),
        answer => answer === 'PONG',
        10_000,
        50,
      );
    } finally {
      duplicate.disconnect();
      client.disconnect();
    }
  });

  it('stays closed when its owner closes it', async () => {
    const client = createRedisConnection('producer', server.url);
    await waitFor(
      async () => client.status,
      s => s === 'ready',
      10_000,
    );
    await client.quit();
    await waitFor(
      async () => client.status,
      s => s === 'end',
      5_000,
    );
    // Longer than the reconnect delay: nothing brings it back.
    await new Promise(resolve => setTimeout(resolve, 600));
    expect(client.status).toBe('end');
  });
});
