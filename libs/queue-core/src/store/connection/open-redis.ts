import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseRedisUrl, type RedisTarget } from './redis-target';
import { recoverOnEnd } from './recover-on-end';

/**
 * A Redis after a failover demotes it answers writes with READONLY while
 * the socket stays open; reconnecting (and, under Sentinel, asking the
 * sentinels again) finds the new master. 2 = reconnect and resend.
 */
const reconnectOnReadonly = (error: Error) =>
  error.message.startsWith('READONLY') ? 2 : false;

function openCluster(
  target: Extract<RedisTarget, { topology: 'cluster' }>,
  options: RedisOptions,
): Cluster {
  const { retryStrategy, enableOfflineQueue, lazyConnect, ...nodeOptions } =
    options;
  return new Cluster(target.nodes, {
    // Each node connection gets the role's timeouts, retries and
    // credentials; the cluster client owns reconnection and queueing.
    redisOptions: {
      ...nodeOptions,
      username: target.username,
      password: target.password,
      tls: target.tls ? {} : undefined,
    },
    clusterRetryStrategy: retryStrategy,
    enableOfflineQueue: enableOfflineQueue ?? true,
    lazyConnect,
    // During a failover a slot has no master until a replica is promoted
    // (cluster-node-timeout plus an election, several seconds): a command
    // keeps retrying for about 20 s (100 × 200 ms) rather than 3.2 s, so a
    // worker's completion outlives the failover instead of failing the job
    // with "Too many Cluster redirections". Requests still answer within
    // their own deadline (with-redis-deadline.ts).
    retryDelayOnClusterDown: 200,
    retryDelayOnFailover: 200,
    maxRedirections: 100,
  });
}

function openSentinel(
  target: Extract<RedisTarget, { topology: 'sentinel' }>,
  options: RedisOptions,
): Redis {
  return new Redis({
    ...options,
    sentinels: target.sentinels,
    name: target.masterName,
    db: target.db,
    username: target.username,
    password: target.password,
    sentinelUsername: target.sentinelUsername,
    sentinelPassword: target.sentinelPassword,
    tls: target.tls ? {} : undefined,
    sentinelTLS: target.tls ? {} : undefined,
    enableTLSForSentinelMode: target.tls,
    // Hears +switch-master from the sentinels, so a failover is followed at
    // once rather than when the old master's socket finally fails. It can
    // leave the client ended mid-reconnect: recover-on-end.ts brings it back.
    failoverDetector: true,
    reconnectOnError: reconnectOnReadonly,
    // Sentinels down for a while are asked again, never given up on.
    sentinelRetryStrategy: times => Math.min(times * 200, 2_000),
  });
}

/**
 * Opens a client to the Redis that `url` names (see redis-target.ts), with
 * `options` applied as each topology understands them.
 *
 * A cluster client is returned typed as `Redis`: ioredis' `Cluster` takes
 * the same commands (each routed to its key's slot) and events, and BullMQ
 * accepts either, so queue-core keeps one connection type. Code that needs
 * the difference asks {@link isCluster}.
 */
export function openRedis(url: string, options: RedisOptions): Redis {
  return recoverOnEnd(openTopology(url, options));
}

function openTopology(url: string, options: RedisOptions): Redis {
  const target = parseRedisUrl(url);
  switch (target.topology) {
    case 'standalone':
      return new Redis(url, {
        ...options,
        reconnectOnError: reconnectOnReadonly,
      });
    case 'cluster':
      return openCluster(target, options) as unknown as Redis;
    case 'sentinel':
      return openSentinel(target, options);
  }
}

/** True when `connection` is a Redis Cluster client. */
export function isCluster(connection: Redis): boolean {
  return (connection as unknown as Cluster).isCluster === true;
}
