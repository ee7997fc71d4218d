import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from './find-free-port';
import { startRedisServer, type RedisServer } from './start-redis-server';

/** How to run the private Sentinel group. */
export interface RedisSentinelOptions {
  /** The name the sentinels know the master by. @defaultValue `errand` */
  masterName?: string;
  /**
   * Replicas of the master. Two let a master keep a replica after a
   * failover, as `WAIT 1` needs. @defaultValue 1
   */
  replicas?: number;
  /** Sentinels watching the master; a quorum is a majority. @defaultValue 3 */
  sentinels?: number;
  /**
   * How long a silent master is taken for down (`down-after-milliseconds`).
   * @defaultValue 1 000 ms, short, for tests
   */
  downAfterMs?: number;
}

/** A master, its replicas and sentinels watching them. */
export interface RedisSentinelGroup {
  /** `redis+sentinel://127.0.0.1:<port>,…/<master name>`. */
  url: string;
  masterName: string;
  master: RedisServer;
  /** The first of {@link RedisSentinelGroup.replicas}. */
  replica: RedisServer;
  replicas: RedisServer[];
  sentinels: RedisServer[];
  /** Stops every process and removes their folders. */
  stop(): Promise<void>;
}

/**
 * Starts a master, `replicas` replicas of it and `sentinels` sentinels
 * (`redis-server --sentinel`, each with a config file of its own that it
 * rewrites), and resolves once every sentinel sees every replica, so a
 * `SENTINEL FAILOVER` can promote one at once.
 */
export async function startRedisSentinels(
  options: RedisSentinelOptions = {},
): Promise<RedisSentinelGroup> {
  const masterName = options.masterName ?? 'errand';
  const started: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(started.map(server => server.stop()));
  };
  try {
    const master = await startRedisServer();
    started.push(master);
    const replicas: RedisServer[] = [];
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      const replica = await startRedisServer({
        extraArgs: ['--replicaof', '127.0.0.1', String(master.port)],
      });
      started.push(replica);
      replicas.push(replica);
    }
    const [replica] = replicas;
    if (!replica) throw new Error('A Sentinel group needs a replica.');
    const sentinels: RedisServer[] = [];
    for (let i = 0; i < (options.sentinels ?? 3); i++) {
      const port = await findFreePort();
      const dir = join(replica.dir, `sentinel-${port}`);
      const sentinel = await startRedisServer({
        port,
        dir,
        configFile: writeSentinelConf(dir, masterName, master.port, options),
        extraArgs: ['--sentinel'],
      });
      started.push(sentinel);
      sentinels.push(sentinel);
    }
    await waitForReplicasSeen(sentinels, masterName, replicas.length);
    return {
      url: `redis+sentinel://${sentinels.map(s => `127.0.0.1:${s.port}`).join(',')}/${masterName}`,
      masterName,
      master,
      replica,
      replicas,
      sentinels,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function writeSentinelConf(
  dir: string,
  masterName: string,
  masterPort: number,
  options: RedisSentinelOptions,
): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'sentinel.conf');
  const quorum = Math.floor((options.sentinels ?? 3) / 2) + 1;
  writeFileSync(
    file,
    [
      `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} ${quorum}`,
      `sentinel down-after-milliseconds ${masterName} ${options.downAfterMs ?? 1_000}`,
      `sentinel failover-timeout ${masterName} 10000`,
      `sentinel parallel-syncs ${masterName} 1`,
      '',
    ].join('\n'),
  );
  return file;
}

async function waitForReplicasSeen(
  sentinels: RedisServer[],
  masterName: string,
  count: number,
): Promise<void> {
  const ask = (port: number) =>
    new Promise<string>(resolve =>
      execFile(
        'redis-cli',
        ['-p', String(port), 'sentinel', 'replicas', masterName],
        (_error, stdout) => resolve(String(stdout)),
      ),
    );
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answers = await Promise.all(sentinels.map(s => ask(s.port)));
    // Replicas the sentinels can fail over to: listed, none down.
    const ready = (a: string) =>
      (a.match(/^slave$/gm) ?? []).length >= count && !a.includes('s_down');
    if (answers.every(ready)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `The sentinels never saw the replicas:\n${answers.join('\n')}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
