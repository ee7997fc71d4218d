import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobEvent } from '@errand/contracts';
import { jobLogKey } from '../keys';

/**
 * A job's history lives in its BullMQ log (`<queue>:<id>:logs`), one JSON
 * event per row: the log goes when the job goes, so history shares the
 * job's retention and never outlives it, and `keepLogs` bounds it.
 *
 * Only what the job's own fields cannot tell is written: failed attempts,
 * snoozes, hand-backs and operators' actions. Creation, the current
 * attempt's start and the end are read from the job itself, so a job that
 * succeeds first time costs no extra write.
 */

/** Rows of history kept per job; the oldest go first. */
export const HISTORY_ENTRIES_KEPT = 100;

/** Appends one event to the job's history. */
export async function recordEvent(
  job: Job,
  event: Omit<JobEvent, 'at'> & { at?: string },
): Promise<void> {
  const entry: JobEvent = { at: new Date().toISOString(), ...event };
  await job.log(JSON.stringify(entry));
}

/**
 * A job's history rows, read straight from its log key: the worker holds a
 * job and a connection but no Queue to call `getJobLogs` on.
 */
export function readHistoryRows(
  connection: Redis,
  job: Job,
): Promise<string[]> {
  return connection.lrange(
    jobLogKey(job.queueQualifiedName, job.id ?? ''),
    0,
    -1,
  );
}

/** Reads back what {@link recordEvent} wrote, skipping foreign rows. */
export function parseHistory(rows: readonly string[]): JobEvent[] {
  return rows.flatMap(row => {
    try {
      const entry = JSON.parse(row) as JobEvent;
      return typeof entry?.event === 'string' && typeof entry.at === 'string'
        ? [entry]
        : [];
    } catch {
      return [];
    }
  });
}
