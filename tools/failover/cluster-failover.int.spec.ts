import { startAppsUnderTest, type AppsUnderTest } from './apps-under-test';
import { runFailoverRound } from './failover-round';
import { startClusterRedis, type ReplicatedRedis } from './topology-faults';

/**
 * A Redis Cluster of three masters with a replica each, the API and a
 * worker under steady load through the API; the master serving
 * `system.sleep`'s slot is SIGKILLed, twice in a row. The completions of
 * the jobs running then must be written once the replica takes over: no
 * job whose handler succeeded may end `dead`, none acknowledged may be
 * missing (a cluster has no WAIT: see docs/scaling.md for what a crash can
 * still cost), and both apps serve again without a restart.
 */
describe('Cluster master SIGKILL under load', () => {
  let redis: ReplicatedRedis;
  let apps: AppsUnderTest;

  beforeAll(async () => {
    redis = await startClusterRedis('system.sleep');
    apps = await startAppsUnderTest({
      redisUrl: redis.url,
      prefix: `cluster${process.pid}`,
    });
  }, 120_000);

  afterAll(async () => {
    await apps?.stop();
    await redis?.stop();
  });

  it.each([1, 2])(
    'records no success as dead, and recovers, in kill #%i',
    async () => {
      const round = await runFailoverRound(redis, apps, 'cluster-kill');
      expect(round.acknowledged).toBeGreaterThanOrEqual(400);
      expect({
        dead: round.readBack.dead,
        unfinished: round.readBack.unfinished,
        stuck: round.stuck,
      }).toEqual({ dead: [], unfinished: {}, stuck: [] });
    },
    240_000,
  );
});
