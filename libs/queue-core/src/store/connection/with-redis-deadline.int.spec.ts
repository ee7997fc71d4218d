import { once } from 'node:events';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import type { Redis } from 'ioredis';
import { QueueUnavailableError } from '../errors/queue-unavailable-error';
import { createRedisConnection } from './create-redis-connection';
import { withRedisDeadline } from './with-redis-deadline';

describe('withRedisDeadline', () => {
  let server: RedisServer;
  let connection: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  beforeEach(() => {
    connection = createRedisConnection('producer', server.url);
  });

  afterEach(() => {
    // A second disconnect would leave ioredis waiting 2 s for a stream that
    // already closed.
    if (connection.status !== 'end') connection.disconnect();
  });

  /** The producer role fails commands until the first connect is done. */
  const connected = () => once(connection, 'ready');

  describe('when the connection is still making its first connect', () => {
    it('waits for it, then runs the operation', async () => {
      expect(connection.status).toBe('connecting');

      await expect(
        withRedisDeadline(connection, () => connection.ping(), 800),
      ).resolves.toBe('PONG');
    });
  });

  describe('when the operation outlasts the deadline', () => {
    it('fails as unavailable once the deadline passes', async () => {
      await connected();
      const started = Date.now();

      const slow = withRedisDeadline(
        connection,
        // Blocks for a second on a list nobody pushes to.
        () => connection.blpop('nothing-comes', 1),
        100,
      );

      await expect(slow).rejects.toThrow(QueueUnavailableError);
      await expect(slow).rejects.toThrow('no answer within 100 ms (ready)');
      expect(Date.now() - started).toBeLessThan(400);
    });
  });

  describe('when the operation fails for its own reasons', () => {
    it('passes the error through unchanged', async () => {
      await connected();
      await connection.set('a-string', 'x');

      const error = await withRedisDeadline(
        connection,
        () => connection.lpush('a-string', 'y'),
        800,
      ).catch((e: unknown) => e);

      expect(error).not.toBeInstanceOf(QueueUnavailableError);
      expect(error).toMatchObject({
        message: expect.stringMatching(/WRONGTYPE/),
      });
    });
  });

  describe('when the connection was closed', () => {
    it('fails as unavailable without running the operation', async () => {
      await connected();
      connection.disconnect();
      await once(connection, 'end');
      const operation = jest.fn(() => connection.ping());

      await expect(
        withRedisDeadline(connection, operation, 800),
      ).rejects.toThrow('not connected (end)');
      expect(operation).not.toHaveBeenCalled();
    });
  });
});
