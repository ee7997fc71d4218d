import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRedisServer, type RedisServer } from './start-redis-server';

const run = promisify(execFile);

/** How to run the private cluster. */
export interface RedisClusterOptions {
  /** Masters, each owning a share of the 16 384 slots. @defaultValue 3 */
  masters?: number;
  /** How long to wait for every slot to be served. @defaultValue 20 s */
  startTimeoutMs?: number;
}

/** A running private Redis Cluster. */
export interface RedisCluster {
  /** `redis+cluster://127.0.0.1:<port>,…`, as queue-core takes it. */
  url: string;
  nodes: RedisServer[];
  /** Stops every node and removes their folders. */
  stop(): Promise<void>;
}

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
 * every node reports `cluster_state:ok`. No replicas: the tests exercise
 * slot routing, not cluster failover.
 */
export async function startRedisCluster(
  options: RedisClusterOptions = {},
): Promise<RedisCluster> {
  const count = options.masters ?? 3;
  const nodes: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(nodes.map(node => node.stop()));
  };
  try {
    for (let i = 0; i < count; i++) {
      nodes.push(
        await startRedisServer({
          // nodes.conf lives in each node's own temporary folder.
          extraArgs: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            'nodes.conf',
            '--cluster-node-timeout',
            '2000',
          ],
        }),
      );
    }
    await cli(
      nodes[0]?.port ?? 0,
      '--cluster',
      'create',
      ...nodes.map(node => `127.0.0.1:${node.port}`),
      '--cluster-replicas',
      '0',
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
