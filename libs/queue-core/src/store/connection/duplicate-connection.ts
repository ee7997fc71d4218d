import type { Cluster, Redis, RedisOptions } from 'ioredis';

/** What a duplicate may change of its original's connection options. */
type DuplicateOptions = Pick<
  RedisOptions,
  'enableOfflineQueue' | 'maxRetriesPerRequest' | 'connectionName'
>;

/**
 * A new connection to the same Redis as `connection` (credentials, TLS and
 * topology kept), with `options` changed: for a reader that blocks, which
 * needs a connection of its own. A cluster client's `duplicate` takes its
 * seed nodes first and its cluster options second, so options passed as to
 * one server's would be read as seed nodes (it then never finds a slot):
 * here the per-node ones go to `redisOptions`, over the original's.
 */
export function duplicateConnection(
  connection: Redis,
  options: DuplicateOptions,
): Redis {
  if (!('isCluster' in connection) || !connection.isCluster) {
    return connection.duplicate(options);
  }
  const cluster = connection as unknown as Cluster;
  return cluster.duplicate(undefined, {
    ...(options.enableOfflineQueue !== undefined && {
      enableOfflineQueue: options.enableOfflineQueue,
    }),
    redisOptions: { ...cluster.options.redisOptions, ...options },
  }) as unknown as Redis;
}
