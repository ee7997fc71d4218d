import { setTimeout as sleep } from 'node:timers/promises';
import {
  startRedisCluster,
  startRedisSentinels,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';
import { cli, cliOrEmpty } from './redis-cli';

/** The faults a run can inject. */
export type FaultKind = 'sentinel-failover' | 'master-kill' | 'cluster-kill';

/** A replicated Redis, the URL the apps take, and the faults it suffers. */
export interface ReplicatedRedis {
  url: string;
  faults: readonly FaultKind[];
  /**
   * Injects `kind`, waits until a new master serves, brings a killed node
   * back as a replica and waits until every node is in sync again, so the
   * next fault starts from a whole topology.
   */
  inject(kind: FaultKind): Promise<void>;
  stop(): Promise<void>;
}

/** Polls `probe` until it is true; throws `what` after `timeoutMs`. */
async function until(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
    await sleep(200);
  }
}

function killAndWait(server: RedisServer): Promise<void> {
  const exited = new Promise<void>(done =>
    server.process.once('exit', () => done()),
  );
  server.process.kill('SIGKILL');
  return exited;
}

/**
 * A master, `replicas` replicas and three sentinels (down-after 2 s, as the
 * issue's run had).
 */
export async function startSentinelRedis(
  replicas = 2,
): Promise<ReplicatedRedis> {
  const group = await startRedisSentinels({ replicas, downAfterMs: 2_000 });
  const servers = new Map<number, RedisServer>(
    [group.master, ...group.replicas].map(s => [s.port, s]),
  );
  const restarted: RedisServer[] = [];
  const sentinel = group.sentinels[0]?.port ?? 0;
  const masterPort = async () =>
    Number(
      (
        await cliOrEmpty(
          sentinel,
          'sentinel',
          'get-master-addr-by-name',
          group.masterName,
        )
      ).split('\n')[1],
    );
  /** Every sentinel names `port` master and sees every replica healthy. */
  const whole = async (port: number) => {
    for (const s of group.sentinels) {
      const master = await cliOrEmpty(
        s.port,
        'sentinel',
        'get-master-addr-by-name',
        group.masterName,
      );
      if (Number(master.split('\n')[1]) !== port) return false;
      const listed = await cliOrEmpty(
        s.port,
        'sentinel',
        'replicas',
        group.masterName,
      );
      const healthy = (listed.match(/^slave$/gm) ?? []).length;
      if (healthy < replicas || /s_down|o_down|disconnected/.test(listed)) {
        return false;
      }
    }
    const info = await cliOrEmpty(port, 'info', 'replication');
    return (info.match(/state=online/g) ?? []).length >= replicas;
  };

  return {
    url: group.url,
    faults: ['sentinel-failover', 'master-kill'],
    async inject(kind) {
      const before = await masterPort();
      const changed = async () => ![before, 0].includes(await masterPort());
      if (kind === 'sentinel-failover') {
        // A sentinel refuses (-INPROG, -NOGOODSLAVE) or aborts a failover
        // while its view of the replicas is stale: asked again until the
        // master changes.
        for (let attempt = 1; !(await changed()); attempt++) {
          if (attempt > 10) throw new Error('No failover took place.');
          const answer = await cliOrEmpty(
            sentinel,
            'sentinel',
            'failover',
            group.masterName,
          );
          if (answer.trim() !== 'OK') {
            await sleep(1_000);
            continue;
          }
          await until(changed, 'a new master', 20_000).catch(() => undefined);
        }
      } else if (kind === 'master-kill') {
        const master = servers.get(before);
        if (!master) throw new Error(`No server on ${before}`);
        await killAndWait(master);
        await until(changed, 'a new master');
      } else {
        throw new Error(`${kind} is not a Sentinel fault`);
      }
      const after = await masterPort();
      if (kind === 'master-kill') {
        const back = await startRedisServer({
          port: before,
          extraArgs: ['--replicaof', '127.0.0.1', String(after)],
        });
        servers.set(before, back);
        restarted.push(back);
      }
      await until(() => whole(after), 'the group whole again', 90_000);
    },
    async stop() {
      await Promise.all(restarted.map(s => s.stop()));
      await group.stop();
    },
  };
}

/** Three masters with one replica each (cluster-node-timeout 2 s). */
export async function startClusterRedis(
  /** The key whose slot's master is killed. */
  slotKey: string,
): Promise<ReplicatedRedis> {
  const cluster = await startRedisCluster({ masters: 3, replicas: 1 });
  const anyLive = () =>
    cluster.nodes.find(
      n => n.process.exitCode === null && n.process.signalCode === null,
    )?.port ?? 0;
  /** The port of the master serving `slotKey`, from a live node's view. */
  const masterOfSlot = async () => {
    const slot = Number(await cli(anyLive(), 'cluster', 'keyslot', slotKey));
    const lines = (await cli(anyLive(), 'cluster', 'nodes')).split('\n');
    for (const line of lines) {
      const [, address, flags, , , , , , ...ranges] = line.split(' ');
      if (!flags?.includes('master') || flags.includes('fail')) continue;
      const serves = ranges.some(range => {
        const [from, to = from] = range.split('-').map(Number);
        return slot >= (from ?? -1) && slot <= (to ?? -1);
      });
      if (serves) return Number(address?.split(':')[1]?.split('@')[0]);
    }
    return 0;
  };
  const whole = async () => {
    for (const node of cluster.nodes) {
      const info = await cliOrEmpty(node.port, 'cluster', 'info');
      if (!info.includes('cluster_state:ok')) return false;
      const nodes = await cliOrEmpty(node.port, 'cluster', 'nodes');
      if (/fail|handshake|noaddr/.test(nodes)) return false;
    }
    return true;
  };

  return {
    url: cluster.url,
    faults: ['cluster-kill'],
    async inject(kind) {
      if (kind !== 'cluster-kill')
        throw new Error(`${kind} is not a Cluster fault`);
      await until(whole, 'the cluster whole before the fault');
      const before = await masterOfSlot();
      const master = cluster.nodes.find(n => n.port === before);
      if (!master) throw new Error(`No node on ${before}`);
      // Its replica in sync, so that it can take over.
      await until(
        async () =>
          /state=online/.test(await cliOrEmpty(before, 'info', 'replication')),
        'the master’s replica in sync',
      );
      await killAndWait(master);
      await until(
        async () => ![before, 0].includes(await masterOfSlot()),
        'a replica promoted',
      );
      await cluster.restart(before);
      await until(whole, 'the cluster whole again', 90_000);
    },
    stop: () => cluster.stop(),
  };
}
