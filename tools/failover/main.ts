/**
 * `npm run failover -- [--kills 20] [--failovers 5] [--cluster-kills 5]
 * [--wait-replicas all]` (or `-- --bench`): the long run behind the numbers in
 * docs/scaling.md. Starts a Sentinel group (a master, two replicas, three
 * sentinels) and, separately, a three-master Cluster with a replica each,
 * runs the API and a worker on each, and injects the faults one after
 * another under steady load (100 enqueues/s), reading every acknowledged id
 * back after each. Prints one line per round and a JSON summary; exits 1 if
 * any round lost a job, recorded a success dead, or left an app stuck.
 */
import { parseArgs } from 'node:util';
import { startAppsUnderTest } from './apps-under-test';
import { measureEnqueueCost } from './enqueue-cost';
import { runFailoverRound, type RoundResult } from './failover-round';
import {
  startClusterRedis,
  startSentinelRedis,
  type FaultKind,
  type ReplicatedRedis,
} from './topology-faults';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    failovers: { type: 'string', default: '5' },
    'cluster-kills': { type: 'string', default: '5' },
    'wait-replicas': { type: 'string', default: 'all' },
    bench: { type: 'boolean', default: false },
  },
});

/** `--bench`: the cost of the durable setting, no faults. */
async function bench(): Promise<void> {
  for (const waitReplicas of [undefined, '1', 'all']) {
    const redis = await startSentinelRedis(2);
    const apps = await startAppsUnderTest({
      redisUrl: redis.url,
      waitReplicas,
      prefix: `bench${process.pid}`,
    });
    try {
      await measureEnqueueCost(apps.apiUrl, 3_000); // warm-up
      const cost = await measureEnqueueCost(apps.apiUrl, 10_000);
      console.log(
        JSON.stringify({ waitReplicas: waitReplicas ?? '0', ...cost }),
      );
    } finally {
      await apps.stop();
      await redis.stop();
    }
  }
}

async function runOn(
  redis: ReplicatedRedis,
  faults: FaultKind[],
  waitReplicas: string | undefined,
  label: string,
): Promise<RoundResult[]> {
  const apps = await startAppsUnderTest({
    redisUrl: redis.url,
    waitReplicas,
    prefix: `failover${label}${process.pid}`,
  });
  const rounds: RoundResult[] = [];
  try {
    for (const [i, fault] of faults.entries()) {
      const round = await runFailoverRound(redis, apps, fault);
      rounds.push(round);
      console.log(
        `${label} #${i + 1} ${fault}: acknowledged ${round.acknowledged}, lost ${round.readBack.lost.length}, dead ${round.readBack.dead.length}, unfinished ${Object.keys(round.readBack.unfinished).length}, stuck [${round.stuck.join(',')}], slowest refusal ${round.slowestRefusalMs} ms, answers ${JSON.stringify(round.statuses)}`,
      );
    }
  } finally {
    await apps.stop();
    await redis.stop();
  }
  return rounds;
}

function summary(rounds: RoundResult[]) {
  return {
    rounds: rounds.length,
    acknowledged: rounds.reduce((n, r) => n + r.acknowledged, 0),
    lost: rounds.reduce((n, r) => n + r.readBack.lost.length, 0),
    deadAfterSuccess: rounds.reduce((n, r) => n + r.readBack.dead.length, 0),
    unfinished: rounds.reduce(
      (n, r) => n + Object.keys(r.readBack.unfinished).length,
      0,
    ),
    stuck: rounds.filter(r => r.stuck.length > 0).length,
    slowestRefusalMs: Math.max(0, ...rounds.map(r => r.slowestRefusalMs)),
  };
}

async function main(): Promise<void> {
  const repeat = (n: string, fault: FaultKind) =>
    Array.from({ length: Number(n) }, () => fault);
  const waitReplicas =
    values['wait-replicas'] === '0' ? undefined : values['wait-replicas'];
  const sentinel = await runOn(
    await startSentinelRedis(2),
    [
      ...repeat(values.failovers, 'sentinel-failover'),
      ...repeat(values.kills, 'master-kill'),
    ],
    waitReplicas,
    'sentinel',
  );
  const cluster = await runOn(
    await startClusterRedis('system.sleep'),
    repeat(values['cluster-kills'], 'cluster-kill'),
    undefined,
    'cluster',
  );
  const report = {
    waitReplicas: values['wait-replicas'],
    sentinelFailover: summary(
      sentinel.filter(r => r.fault === 'sentinel-failover'),
    ),
    sentinelMasterKill: summary(
      sentinel.filter(r => r.fault === 'master-kill'),
    ),
    clusterMasterKill: summary(cluster),
  };
  console.log(JSON.stringify(report, null, 2));
  const failed = [...sentinel, ...cluster].some(r => !r.ok);
  process.exitCode = failed ? 1 : 0;
}

(values.bench ? bench() : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
