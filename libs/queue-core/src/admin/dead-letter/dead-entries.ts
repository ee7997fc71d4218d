import type { JobType } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';

/**
 * A dead job as the dead-letter index holds it: BullMQ's `failed` sorted
 * set of each type, members the job ids, scores the time each died (ms).
 * Redis orders equal scores by member, so (diedAt, id) is a total order,
 * and newest first is exactly `ZREVRANGE`'s order.
 */
export interface DeadEntry {
  id: string;
  type: JobType;
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

/** The key of a type's dead-letter index. */
export function deadIndexKey(queues: JobStore, type: JobType): string {
  return queues.queueFor(type).keys.failed;
}

/** How many entries one round trip reads. */
const CHUNK = 500;

/**
 * Up to `count` entries of one type's dead-letter index, newest first,
 * strictly after `after` in that order and, with `notBefore`, dead at or
 * after that time (ms). Reads in chunks, so its cost follows `count`, not
 * the size of the index.
 */
export async function deadEntries(
  queues: JobStore,
  type: JobType,
  count: number,
  { after, notBefore }: { after?: DeadPosition; notBefore?: number } = {},
): Promise<DeadEntry[]> {
  const key = deadIndexKey(queues, type);
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
      const entry = { id: flat[i], type, diedAt: Number(flat[i + 1]) };
      // Entries at the cursor's own time sort by id: skip those not past it.
      if (!after || newestFirst(after, entry) < 0) found.push(entry);
    }
    if (flat.length < CHUNK * 2) break;
  }
  return found;
}
