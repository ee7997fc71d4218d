import { jobTypes, type JobType } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { flowShardsOf } from '../../store/queue-name';

/** The finished statuses that can be cleaned, and BullMQ's set for each. */
const bullSetOf = { succeeded: 'completed', dead: 'failed' } as const;

/** Which finished jobs to remove. */
export interface CleanRequest {
  status: keyof typeof bullSetOf;
  /** Only jobs that finished at least this long ago. */
  olderThanMs: number;
  /** @defaultValue every type */
  type?: JobType;
}

/** How many jobs a clean removed, per type (types with none left out). */
export interface CleanResult {
  status: CleanRequest['status'];
  olderThanMs: number;
  removed: { type: JobType; count: number }[];
  total: number;
}

/** Jobs removed per BullMQ call, so one call never blocks Redis for long. */
const BATCH = 1_000;

/**
 * Removes succeeded or dead jobs that finished more than `olderThanMs` ago,
 * with their histories, through BullMQ's `Queue.clean` in batches. Dead
 * jobs leave the dead-letter queue for good (`inspector dlq purge`).
 */
export async function cleanJobs(
  queues: JobStore,
  { status, olderThanMs, type }: CleanRequest,
): Promise<CleanResult> {
  const removed: CleanResult['removed'] = [];
  for (const t of type ? [type] : jobTypes) {
    let count = 0;
    // Every queue of the type: on a cluster its flow shards' too.
    for (const shard of [undefined, ...flowShardsOf(queues.naming)]) {
      for (;;) {
        // The queue is opened inside `run`, once Redis is ready: BullMQ
        // keeps a queue whose first connect failed broken for good.
        const ids = await queues.runWithDeadline(() =>
          queues
            .queueFor(t, shard)
            .clean(olderThanMs, BATCH, bullSetOf[status]),
        );
        count += ids.length;
        if (ids.length < BATCH) break;
      }
    }
    if (count > 0) removed.push({ type: t, count });
  }
  return {
    status,
    olderThanMs,
    removed,
    total: removed.reduce((sum, r) => sum + r.count, 0),
  };
}

/** Removes dead jobs older than `olderThanMs` from the dead-letter queue. */
export function purgeDeadJobs(
  queues: JobStore,
  olderThanMs: number,
  type?: JobType,
): Promise<CleanResult> {
  return cleanJobs(queues, { status: 'dead', olderThanMs, type });
}
