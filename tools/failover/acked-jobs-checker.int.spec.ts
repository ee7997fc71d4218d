import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { readBackAcknowledged } from './acked-jobs-checker';
import { startAppsUnderTest, type AppsUnderTest } from './apps-under-test';
import { cli } from './redis-cli';
import { startSteadyLoad } from './steady-load';

/**
 * The checker's self-test: the failover specs pass only if it would have
 * caught a lost job. One acknowledged job is deleted from Redis behind the
 * API's back; the read-back must name it.
 */
describe('the acknowledged-jobs checker', () => {
  let redis: RedisServer;
  let apps: AppsUnderTest;
  const prefix = `selftest${process.pid}`;

  beforeAll(async () => {
    redis = await startRedisServer();
    apps = await startAppsUnderTest({ redisUrl: redis.url, prefix });
  }, 90_000);

  afterAll(async () => {
    await apps?.stop();
    await redis?.stop();
  });

  it('reports a deleted acknowledged job as lost, and the rest as kept', async () => {
    const load = startSteadyLoad(apps.apiUrl, 50);
    while (load.acknowledgedCount() < 50) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    const { acknowledged } = await load.stop();
    const whole = await readBackAcknowledged(apps.apiUrl, acknowledged, 30_000);
    expect(whole).toMatchObject({ lost: [], dead: [], unfinished: {} });

    const victim = acknowledged[acknowledged.length >> 1] ?? '';
    await cli(redis.port, 'del', `${prefix}:system.sleep:${victim}`);

    const broken = await readBackAcknowledged(
      apps.apiUrl,
      acknowledged,
      30_000,
    );
    expect(broken.lost).toEqual([victim]);
    expect(broken.succeeded).toBe(acknowledged.length - 1);
  }, 120_000);
});
