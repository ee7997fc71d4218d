import type { Redis, RedisOptions } from 'ioredis';
import { openRedis } from './open-redis';
import { redisTlsOptions } from './tls-options';

/**
 * Who holds the connection decides how it behaves when Redis goes away:
 * - `producer` (API, inspector) fails fast: commands are never queued while
 *   disconnected, so a request gets a 503 at once instead of hanging;
 * - `worker` waits: commands queue up and retry forever, so consumers ride
 *   out a Redis restart without being restarted themselves (BullMQ's
 *   "going to production" settings).
 * Both reconnect in the background. The roles hold in every topology
 * (one server, Cluster, Sentinel): see open-redis.ts for how each applies
 * them.
 */
export type ConnectionRole = 'producer' | 'worker';

const roleOptions: Record<ConnectionRole, RedisOptions> = {
  producer: {
    enableOfflineQueue: false,
    // Commands issued in the same tick (one per concurrent request) go out
    // in one socket write: the bench measured a third less API CPU per
    // enqueue. Never on the worker's connection, whose blocking reads would
    // hold up the batch.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    retryStrategy: times => Math.min(times * 100, 1_000),
  },
  worker: {
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    retryStrategy: times => Math.min(times * 200, 2_000),
  },
};

/**
 * Opens an ioredis connection for `role` to the Redis `url` names: a
 * `redis[s]://` server, a `redis[s]+cluster://` cluster or a
 * `redis[s]+sentinel://` master (see redis-target.ts).
 */
export function createRedisConnection(
  role: ConnectionRole,
  url: string,
): Redis {
  return openRedis(url, {
    ...roleOptions[role],
    connectionName: `errand-${role}`,
    // Closing a client whose socket is already gone waits this long for a
    // 'close' that never comes; the default 2 s would delay every exit
    // during an outage.
    disconnectTimeout: 100,
    // TLS and credentials come from the URL, in every topology; a private
    // CA from REDIS_TLS_CA_FILE (one server's rediss:// URL only).
    ...redisTlsOptions(url),
  });
}
