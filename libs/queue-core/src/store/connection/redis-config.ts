import { Type, type Static } from '@sinclair/typebox';
import { DEFAULT_FLOW_SHARDS } from '../queue-name';
import { RedisUrlError } from './redis-target';

/** The variables every app reads to reach the queues. */
export const RedisConfig = {
  REDIS_URL: Type.String({
    default: 'redis://127.0.0.1:6379',
    pattern: '^rediss?(\\+(cluster|sentinel))?://',
    description:
      'A redis:// URL, or rediss:// for TLS, e.g. redis://:password@host:6379/0; redis+cluster://host1:port,host2:port for a Cluster, redis+sentinel://host1:port,host2:port/<master> for Sentinel (rediss+… for TLS); see docs/scaling.md.',
  }),
  REDIS_CLUSTER_NODES: Type.Optional(
    Type.String({
      pattern: '^[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*$',
      description:
        'Comma-separated host:port seed nodes of a Redis Cluster; replaces REDIS_URL. Credentials from REDIS_USERNAME/REDIS_PASSWORD, TLS from REDIS_TLS.',
    }),
  ),
  REDIS_SENTINELS: Type.Optional(
    Type.String({
      pattern: '^[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*$',
      description:
        'Comma-separated host:port sentinels; with REDIS_SENTINEL_MASTER, replaces REDIS_URL (REDIS_SENTINEL_PASSWORD if the sentinels have one).',
    }),
  ),
  REDIS_SENTINEL_MASTER: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'The master name the sentinels monitor, e.g. mymaster.',
    }),
  ),
  REDIS_SENTINEL_PASSWORD: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'The sentinels’ own password, when they have one.',
    }),
  ),
  REDIS_USERNAME: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'ACL user of the data nodes with REDIS_CLUSTER_NODES or REDIS_SENTINELS.',
    }),
  ),
  REDIS_PASSWORD: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Password of the data nodes with REDIS_CLUSTER_NODES or REDIS_SENTINELS.',
    }),
  ),
  REDIS_TLS: Type.Optional(
    Type.Boolean({
      description:
        'true: TLS to every node (and sentinel) with REDIS_CLUSTER_NODES or REDIS_SENTINELS (default false); with REDIS_URL use rediss://.',
    }),
  ),
  REDIS_WAIT_REPLICAS: Type.Optional(
    Type.Union(
      [Type.Integer({ minimum: 0, maximum: 16 }), Type.Literal('all')],
      {
        description:
          "Replicas that must hold an enqueue (Redis WAIT, after the write only) before the API acknowledges it, else 503, so an accepted job survives a failover; default 0. 'all' (Sentinel only): every replica the sentinels could promote, re-counted as replicas come and go, the setting under which no acknowledged job is lost in a failover. Not with a cluster. See docs/scaling.md#guarantees-under-replication.",
      },
    ),
  ),
  QUEUE_PREFIX: Type.String({
    default: 'errand',
    pattern: '^[A-Za-z0-9_-]+$',
    description:
      'Letters, digits, _ and -; namespaces every Redis key (errand:email.send:…).',
  }),
  FLOW_SHARDS: Type.Integer({
    default: DEFAULT_FLOW_SHARDS,
    minimum: 1,
    maximum: 256,
    description:
      'Redis Cluster only: how many shards flows are spread over; each flow’s nodes share one shard’s slot (queues {f0}email.send…), and each worker consumes every shard of its types. Every process must be given the same; raise it freely, lower it only once the highest shards’ queues are empty. Unused on one Redis or Sentinel. See docs/scaling.md#flows-on-a-cluster.',
  }),
};

/** Where the queues live. */
export type RedisConfig = Static<
  ReturnType<typeof Type.Object<typeof RedisConfig>>
>;

/**
 * The one URL (see redis-target.ts) that the configuration names:
 * `REDIS_CLUSTER_NODES`, else `REDIS_SENTINELS` with `REDIS_SENTINEL_MASTER`,
 * else `REDIS_URL`. Apps pass it wherever a Redis URL is taken.
 */
export function redisUrlFrom(config: Partial<RedisConfig>): string {
  const scheme = config.REDIS_TLS ? 'rediss' : 'redis';
  const user = config.REDIS_USERNAME
    ? encodeURIComponent(config.REDIS_USERNAME)
    : '';
  const auth = config.REDIS_PASSWORD
    ? `${user}:${encodeURIComponent(config.REDIS_PASSWORD)}@`
    : user
      ? `${user}@`
      : '';
  if (config.REDIS_CLUSTER_NODES) {
    return `${scheme}+cluster://${auth}${config.REDIS_CLUSTER_NODES}`;
  }
  if (config.REDIS_SENTINELS) {
    if (!config.REDIS_SENTINEL_MASTER) {
      throw new RedisUrlError(
        'REDIS_SENTINELS is set without REDIS_SENTINEL_MASTER, the name of the master the sentinels monitor.',
      );
    }
    const query = config.REDIS_SENTINEL_PASSWORD
      ? `?sentinelPassword=${encodeURIComponent(config.REDIS_SENTINEL_PASSWORD)}`
      : '';
    return `${scheme}+sentinel://${auth}${config.REDIS_SENTINELS}/${encodeURIComponent(config.REDIS_SENTINEL_MASTER)}${query}`;
  }
  return config.REDIS_URL ?? RedisConfig.REDIS_URL.default;
}
