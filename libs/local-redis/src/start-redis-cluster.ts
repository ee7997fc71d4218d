import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRedisServer, type RedisServer } from './start-redis-server';

const run = promisify(execFile);

/** How to run the private cluster. */
export interface RedisClusterOptions {
  /** Masters, each owning a share of the 16 384 slots. @defaultValue 3 */
  masters?: number;
  /**
   * Replicas of each master, which the cluster promotes when a master dies.
   * @defaultValue 0
   */
  replicas?: number;
  /** How long to wait for every slot to be served. @defaultValue 20 s */
  startTimeoutMs?: number;
}

/** A running private Redis Cluster. */
export interface RedisCluster {
  /** `redis+cluster://127.0.0.1:<port>,…`, as queue-core takes it. */
  url: string;
  nodes: RedisServer[];
  /**
   * Starts the node that listened on `port` again, with its folder (and so
   * its cluster identity), after it was killed; it replaces the old entry
   * in {@link RedisCluster.nodes} and rejoins, as a replica if its slots
   * were taken over meanwhile.
   */
  restart(port: number): Promise<RedisServer>;
  /** Stops every node and removes their folders. */
  stop(): Promise<void>;
}

const NODE_ARGS = [
  '--cluster-enabled',
  'yes',
  '--cluster-config-file',
  'nodes.conf',
  '--cluster-node-timeout',
  '2000',
  // A replica takes over however long ago it last heard its master: tests
  // kill masters on a busy machine, where the default may find every
  // replica "too stale" and leave the slots without a master.
  '--cluster-replica-validity-factor',
  '0',
];

/** Runs `redis-cli` against one node; resolves to its output. */
async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'redis-cli',
    ['-h', '127.0.0.1', '-p', String(port), ...args],
    { timeout: 30_000 },
  );
  return stdout;
}

/**
 * Starts `masters` `redis-server --cluster-enabled yes` processes on free
 * ports, joins them with `redis-cli --cluster create`, and resolves once
 * every node reports `cluster_state:ok`. With `replicas`, each master gets
 * that many replicas, for failover tests.
 */
export async function startRedisCluster(
  options: RedisClusterOptions = {},
): Promise<RedisCluster> {
  const count = (options.masters ?? 3) * (1 + (options.replicas ?? 0));
  const nodes: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(nodes.map(node => node.stop()));
  };
  try {
    for (let i = 0; i < count; i++) {
      nodes.push(
        // nodes.conf lives in each node's own temporary folder.
        await startRedisServer({ extraArgs: NODE_ARGS }),
      );
    }
    await cli(
      nodes[0]?.port ?? 0,
      '--cluster',
      'create',
      ...nodes.map(node => `127.0.0.1:${node.port}`),
      '--cluster-replicas',
      String(options.replicas ?? 0),
      '--cluster-yes',
    );
    await waitForClusterOk(nodes, options.startTimeoutMs ?? 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `redis+cluster://${nodes.map(n => `127.0.0.1:${n.port}`).join(',')}`,
    nodes,
    async restart(port) {
      const at = nodes.findIndex(node => node.port === port);
      const old = nodes[at];
      if (!old) throw new Error(`No cluster node listened on ${port}.`);
      const node = await startRedisServer({
        port,
        dir: old.dir,
        extraArgs: NODE_ARGS,
      });
      // The old entry owns the folder: stopping it (its process is gone)
      // removes the folder once, at the end.
      nodes[at] = {
        ...node,
        stop: async () => (await node.stop(), old.stop()),
      };
      return node;
    },
    stop,
  };
}

async function waitForClusterOk(
  nodes: RedisServer[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      nodes.map(node => cli(node.port, 'cluster', 'info')),
    );
    if (states.every(state => state.includes('cluster_state:ok'))) return;
    if (Date.now() > deadline) {
      throw new Error(
        `The cluster was not ok within ${timeoutMs} ms:\n${states.join('\n')}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
