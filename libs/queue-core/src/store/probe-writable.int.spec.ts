import { QueueUnavailableError } from './errors/queue-unavailable-error';
import { useQueueFixture } from '../testing/queue-fixture';
import { setRedisConfig } from '../testing/set-redis-config';
import { probeWritable } from './probe-writable';

describe('probeWritable', () => {
  const fixture = useQueueFixture();

  /** CONFIG SET on the test's own server. */
  const redisConfig = (name: string, value: string) =>
    setRedisConfig(fixture.server.url, name, value);

  const minReplicasToWrite = (count: string) =>
    redisConfig('min-replicas-to-write', count);

  afterEach(async () => {
    await minReplicasToWrite('0');
  });

  it('writes a short-lived key under the prefix', async () => {
    await probeWritable(fixture.queues);

    const key = `${fixture.prefix}:readiness-probe`;
    const ttl = await fixture.queues.connection.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });

  describe('when Redis answers but refuses writes', () => {
    it('fails as unavailable, with Redis’s reason', async () => {
      // A primary without the replicas it needs refuses every write.
      await minReplicasToWrite('1');
      await expect(fixture.queues.ping()).resolves.toBeUndefined();

      const error = await probeWritable(fixture.queues).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(QueueUnavailableError);
      expect((error as Error).message).toMatch(/refused a write: NOREPLICAS/);
    });
  });
});
