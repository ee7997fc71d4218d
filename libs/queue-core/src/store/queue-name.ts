import { createHash } from 'node:crypto';
import { jobTypes, type JobType } from '@errand/contracts';

/** How queue names are written. */
export interface QueueNaming {
  /** Namespaces every key: `<prefix>:<queue>:<key>`. @defaultValue `errand` */
  prefix: string;
  /**
   * Wrap each queue name in a Redis Cluster hash tag (`{email.send}`), so all
   * of one queue's keys share a slot while different types spread across
   * slots. @defaultValue false
   */
  hashTag?: boolean;
  /**
   * With `hashTag`, how many flow shards there are: a flow's nodes go to
   * queues of their types that share the shard's tag (`{f2}email.send`), so
   * BullMQ's flow scripts, which touch a parent's and its children's keys
   * at once, stay in one slot (docs/scaling.md#flows-on-a-cluster). Without
   * `hashTag` a flow's nodes stay in their types' queues and this is unused.
   * @defaultValue {@link DEFAULT_FLOW_SHARDS}
   */
  flowShards?: number;
}

/** The default key prefix. */
export const DEFAULT_QUEUE_PREFIX = 'errand';

/** The default number of flow shards on a cluster: one per master of three. */
export const DEFAULT_FLOW_SHARDS = 3;

/**
 * One queue per job type, named after it. Types are dotted (`email.send`),
 * which BullMQ accepts where it rejects `:`. On a cluster a flow's node goes
 * to its type's queue in the flow's shard, `{f<shard>}<type>`: the tag is
 * the shard's, so every queue of one shard shares a slot.
 */
export function queueNameFor(
  type: JobType,
  naming: QueueNaming,
  shard?: number,
): string {
  if (!naming.hashTag) return type;
  return shard === undefined ? `{${type}}` : `{f${shard}}${type}`;
}

/**
 * The flow shards of `naming`, `0..flowShards-1`; none without a hash tag
 * (one Redis: any keys may meet in a script).
 */
export function flowShardsOf(naming: QueueNaming): number[] {
  if (!naming.hashTag) return [];
  return Array.from(
    { length: naming.flowShards ?? DEFAULT_FLOW_SHARDS },
    (_, shard) => shard,
  );
}

/**
 * The shard of the flow whose root has id `flowId`, by a hash of the id so
 * flows spread evenly over the shards; undefined without flow shards.
 */
export function flowShardOf(
  naming: QueueNaming,
  flowId: string,
): number | undefined {
  const shards = flowShardsOf(naming).length;
  if (shards === 0) return undefined;
  return createHash('sha256').update(flowId).digest().readUInt32BE(0) % shards;
}

/** A queue named by {@link queueNameFor}, read back. */
export interface QueuePlace {
  type: JobType;
  /** The flow shard, for a flow's node on a cluster; else none. */
  shard?: number;
}

/** Reads a queue name back as its type and shard; undefined if foreign. */
export function parseQueueName(name: string): QueuePlace | undefined {
  const match = /^(?:\{f(\d+)\}(.+)|\{(.+)\}|(.+))$/.exec(name);
  if (!match) return undefined;
  const [, shard, shardType, taggedType, plainType] = match;
  const type = jobTypes.find(t => t === (shardType ?? taggedType ?? plainType));
  if (!type) return undefined;
  return shard === undefined ? { type } : { type, shard: Number(shard) };
}
