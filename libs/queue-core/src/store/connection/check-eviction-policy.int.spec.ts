import { findFreePort } from '@errand/local-redis';
import { useQueueFixture } from '../../testing/queue-fixture';
import { setRedisConfig } from '../../testing/set-redis-config';
import { checkEvictionPolicy } from './check-eviction-policy';
import { RedisEvictionPolicyError } from './redis-eviction-policy-error';

describe('checkEvictionPolicy', () => {
  const fixture = useQueueFixture();

  /** CONFIG SET on the test's own server. */
  const redisConfig = (name: string, value: string) =>
    setRedisConfig(fixture.server.url, name, value);

  const setPolicy = (policy: string) => redisConfig('maxmemory-policy', policy);

  afterEach(async () => {
    await setPolicy('noeviction');
  });

  describe('when Redis has maxmemory-policy noeviction', () => {
    it('passes', async () => {
      await expect(checkEvictionPolicy(fixture.server.url, {})).resolves.toBe(
        'noeviction',
      );
    });
  });

  describe('when Redis may evict keys', () => {
    it.each(['allkeys-lru', 'volatile-ttl'])(
      'refuses %s with a message saying how to fix it',
      async policy => {
        await setPolicy(policy);

        const error = await checkEvictionPolicy(fixture.server.url, {}).catch(
          (e: unknown) => e,
        );

        expect(error).toBeInstanceOf(RedisEvictionPolicyError);
        expect(error).toMatchObject({ code: 'config.redisEvictionPolicy' });
        const { message } = error as Error;
        expect(message).toContain(`maxmemory-policy "${policy}"`);
        expect(message).toContain('CONFIG SET maxmemory-policy noeviction');
        expect(message).toContain('REDIS_SKIP_EVICTION_CHECK=true');
      },
    );

    it('passes when the check is skipped on purpose', async () => {
      await setPolicy('allkeys-lru');

      await expect(
        checkEvictionPolicy(fixture.server.url, { skip: true }),
      ).resolves.toBe('skipped');
    });
  });

  describe('when nothing answers at the URL', () => {
    it('does not refuse, and says so', async () => {
      const port = await findFreePort();

      await expect(
        checkEvictionPolicy(`redis://127.0.0.1:${port}`, { timeoutMs: 500 }),
      ).resolves.toBe('unreachable');
    });
  });
});
