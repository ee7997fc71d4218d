import { startAppsUnderTest, type AppsUnderTest } from './apps-under-test';
import { runFailoverRound, type RoundResult } from './failover-round';
import { startSentinelRedis, type ReplicatedRedis } from './topology-faults';

/**
 * Sentinel (a master, two replicas, three sentinels, down-after 2 s), the
 * API with `REDIS_WAIT_REPLICAS=all` and a worker, under steady load through
 * the API: manual failovers and master SIGKILLs, two of each in a row, on
 * the same processes. Every acknowledged id must read back `succeeded`
 * (never 404, never dead) and both apps serve again without a restart.
 * Longer runs: `npm run failover` (tools/failover/main.ts).
 */
describe('Sentinel failover under load, REDIS_WAIT_REPLICAS=all', () => {
  let redis: ReplicatedRedis;
  let apps: AppsUnderTest;

  beforeAll(async () => {
    redis = await startSentinelRedis(2);
    apps = await startAppsUnderTest({
      redisUrl: redis.url,
      waitReplicas: 'all',
      prefix: `sentinel${process.pid}`,
    });
  }, 120_000);

  afterAll(async () => {
    await apps?.stop();
    await redis?.stop();
  });

  const expectKept = (round: RoundResult) => {
    if (!round.ok) {
      // Jest prints only the ids; how the round went tells loss from noise.
      console.error(
        `${round.fault}: ${round.acknowledged} acknowledged, ${round.readBack.succeeded} succeeded, ${round.readBack.lost.length} missing, answers ${JSON.stringify(round.statuses)}, slowest refusal ${round.slowestRefusalMs} ms`,
      );
    }
    expect({
      lost: round.readBack.lost,
      dead: round.readBack.dead,
      unfinished: round.readBack.unfinished,
      stuck: round.stuck,
    }).toEqual({ lost: [], dead: [], unfinished: {}, stuck: [] });
  };

  it.each([1, 2])(
    'loses no acknowledged job in SENTINEL FAILOVER #%i',
    async () => {
      const round = await runFailoverRound(redis, apps, 'sentinel-failover');
      expect(round.acknowledged).toBeGreaterThanOrEqual(400);
      expectKept(round);
    },
    240_000,
  );

  it.each([1, 2])(
    'loses no acknowledged job and wedges no client in master SIGKILL #%i',
    async () => {
      const round = await runFailoverRound(redis, apps, 'master-kill');
      expect(round.acknowledged).toBeGreaterThanOrEqual(400);
      expectKept(round);
    },
    240_000,
  );
});
