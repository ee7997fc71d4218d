import type { JobType } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { idempotencyIndexKey } from '../../store/keys';

/**
 * Which idempotency records of a type are live. Records outlive their jobs
 * (24 h by default), so without this a producer could hold Redis memory
 * past its queue cap by sending each job with a new key: the cap counts
 * records too (`admitJobs`). The index is a sorted set per type of record
 * keys scored by when they expire; counting first drops the expired ones,
 * so it costs O(log n) per expired record and no scan.
 */

/** Adds (or renews) a record that lives until `expiresAt` (epoch ms). */
export async function indexIdempotencyRecord(
  queues: JobStore,
  type: JobType,
  recordKey: string,
  expiresAt: number,
): Promise<void> {
  const index = idempotencyIndexKey(queues.naming, type);
  await queues.runWithDeadline(() =>
    queues.connection.zadd(index, expiresAt, recordKey),
  );
}

/** Drops a record whose claim was released before any job was stored. */
export async function unindexIdempotencyRecord(
  queues: JobStore,
  type: JobType,
  recordKey: string,
): Promise<void> {
  const index = idempotencyIndexKey(queues.naming, type);
  await queues.runWithDeadline(() => queues.connection.zrem(index, recordKey));
}

/** The live idempotency records of `type`, dropping the expired first. */
export async function countIdempotencyRecords(
  queues: JobStore,
  type: JobType,
): Promise<number> {
  const index = idempotencyIndexKey(queues.naming, type);
  const replies = await queues.runWithDeadline(() =>
    queues.connection
      .multi()
      .zremrangebyscore(index, '-inf', Date.now())
      .zcard(index)
      .exec(),
  );
  const [error, live] = replies?.[1] ?? [new Error('no reply'), 0];
  if (error) throw error;
  return live as number;
}
