import type { Queue } from 'bullmq';
import type { JobType } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { flowShardsOf } from '../../store/queue-name';

/**
 * A dead job as the dead-letter index holds it: BullMQ's `failed` sorted
 * set of each type, members the job ids, scores the time each died (ms).
 * Redis orders equal scores by member, so (diedAt, id) is a total order,
 * and newest first is exactly `ZREVRANGE`'s order.
 */
export interface DeadEntry {
  id: string;
  type: JobType;
  /** Its flow shard, for a flow's node on a cluster (store/queue-name.ts). */
  shard?: number;
  diedAt: number;
}

/** Where a scan stops: only entries strictly older in that order. */
export type DeadPosition = Pick<DeadEntry, 'id' | 'diedAt'>;

/** Sorts newest first: later death first, then larger id (as Redis does). */
export function newestFirst(a: DeadPosition, b: DeadPosition): number {
  if (a.diedAt !== b.diedAt) return b.diedAt - a.diedAt;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/**
 * The key of a type's dead-letter index, in flow shard `shard` when given:
 * on a cluster a type has one in each of its queues (store/queue-name.ts).
 */
export function deadIndexKey(
  queues: JobStore,
  type: JobType,
  shard?: number,
): string {
  return queues.queueFor(type, shard).keys.failed;
}

/** The queue that holds dead job `entry`. */
export function deadQueueOf(
  queues: JobStore,
  { type, shard }: Pick<DeadEntry, 'type' | 'shard'>,
): Queue {
  return queues.queueFor(type, shard);
}

/** How many entries one round trip reads. */
const CHUNK = 500;

/** Where to read a type's dead-letter index from. */
interface DeadRange {
  after?: DeadPosition;
  notBefore?: number;
}

/**
 * Up to `count` entries of one type's dead-letter index, newest first,
 * strictly after `after` in that order and, with `notBefore`, dead at or
 * after that time (ms). Reads in chunks, so its cost follows `count`, not
 * the size of the index. On a cluster the type's index in each flow shard
 * is read too, and the entries merged in the same order.
 */
export async function deadEntries(
  queues: JobStore,
  type: JobType,
  count: number,
  range: DeadRange = {},
): Promise<DeadEntry[]> {
  const shards = [undefined, ...flowShardsOf(queues.naming)];
  const each = await Promise.all(
    shards.map(shard => deadEntriesIn(queues, type, shard, count, range)),
  );
  if (each.length === 1) return each[0];
  return each.flat().sort(newestFirst).slice(0, count);
}

/** {@link deadEntries} of one queue of the type. */
async function deadEntriesIn(
  queues: JobStore,
  type: JobType,
  shard: number | undefined,
  count: number,
  { after, notBefore }: DeadRange,
): Promise<DeadEntry[]> {
  const key = deadIndexKey(queues, type, shard);
  const max = after ? String(after.diedAt) : '+inf';
  const min = notBefore === undefined ? '-inf' : String(notBefore);
  const found: DeadEntry[] = [];
  for (let offset = 0; found.length < count; offset += CHUNK) {
    const flat = await queues.runWithDeadline(() =>
      queues.connection.zrevrangebyscore(
        key,
        max,
        min,
        'WITHSCORES',
        'LIMIT',
        offset,
        CHUNK,
      ),
    );
    for (let i = 0; i < flat.length && found.length < count; i += 2) {
      const entry: DeadEntry = {
        id: flat[i],
        type,
        ...(shard !== undefined && { shard }),
        diedAt: Number(flat[i + 1]),
      };
      // Entries at the cursor's own time sort by id: skip those not past it.
      if (!after || newestFirst(after, entry) < 0) found.push(entry);
    }
    if (flat.length < CHUNK * 2) break;
  }
  return found;
}
