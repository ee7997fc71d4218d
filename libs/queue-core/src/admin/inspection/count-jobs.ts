import {
  jobCatalog,
  type FinishedCounts,
  type TypeStats,
} from '@errand/contracts';
import type { Job, Queue } from 'bullmq';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import { finishedInWindow, type MinuteMetrics } from './finished-in-window';
import { COUNTED_STATES, statusCountsOf } from './status-counts';

/** Waiting jobs read per type and state; keeps stats cheap. */
const WAITING_SAMPLE = 1_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Closed minutes a one-hour window can reach, plus the open one. */
const METRIC_POINTS = 62;

function byVersion(jobs: Job[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const job of jobs) {
    const version = String((job.data as JobEnvelope)?.version ?? 1);
    counts[version] = (counts[version] ?? 0) + 1;
  }
  return counts;
}

/**
 * Reads the jobs waiting to run: the first {@link WAITING_SAMPLE} of the
 * queued and of the delayed ones, and the job at the far end of the wait
 * list, which has waited longest there. Prioritized jobs are ordered by
 * priority, not age: past the sample their oldest may be missed.
 */
async function readWaiting(queue: Queue) {
  const [queued, delayed, tail] = await Promise.all([
    queue.getJobs(['wait', 'prioritized'], 0, WAITING_SAMPLE - 1),
    queue.getJobs(['delayed'], 0, WAITING_SAMPLE - 1),
    queue.getJobs(['wait'], -1, -1),
  ]);
  // The tail is also in the sample when the list is short: count it once.
  const unique = new Map([...queued, ...tail].map(job => [job.id, job]));
  return { queued: [...unique.values()], delayed };
}

/** Jobs finished and failed in the last `windowMs`. */
function finishedCounts(
  completed: MinuteMetrics,
  failed: MinuteMetrics,
  now: number,
  windowMs: number,
): FinishedCounts {
  const dead = finishedInWindow(failed, now, windowMs);
  return {
    finished: finishedInWindow(completed, now, windowMs) + dead,
    failed: dead,
  };
}

/** Succeeded / finished, to three decimals; null when nothing finished. */
function completionRate({ finished, failed }: FinishedCounts): number | null {
  return finished > 0
    ? Math.round(((finished - failed) / finished) * 1_000) / 1_000
    : null;
}

/** One queue's counts, waiting sample and metrics. */
async function readQueue(queue: Queue) {
  const [c, waiting, completed, failed] = await Promise.all([
    queue.getJobCounts(...COUNTED_STATES),
    readWaiting(queue),
    queue.getMetrics('completed', 0, METRIC_POINTS - 1),
    queue.getMetrics('failed', 0, METRIC_POINTS - 1),
  ]);
  return { c, waiting, completed, failed };
}

/** The sum of `count` over `items`. */
function sum<T>(items: readonly T[], count: (item: T) => number): number {
  return items.reduce((total, item) => total + count(item), 0);
}

/** Finished counts of several queues in one window, added up. */
function finishedOf(
  read: readonly Awaited<ReturnType<typeof readQueue>>[],
  now: number,
  windowMs: number,
): FinishedCounts {
  const each = read.map(({ completed, failed }) =>
    finishedCounts(completed, failed, now, windowMs),
  );
  return {
    finished: sum(each, counts => counts.finished),
    failed: sum(each, counts => counts.failed),
  };
}

/**
 * Counts every type's jobs by where they stand and waiting ones by version,
 * and reads the throughput the workers record (BullMQ metrics; a type no
 * worker has served shows zeros) and the age of the oldest queued job.
 * A type's figures add up all its queues: on a cluster its flow shards'
 * too (store/queue-name.ts).
 */
export async function countJobs(queues: JobStore): Promise<TypeStats[]> {
  return queues.runWithDeadline(() =>
    Promise.all(
      queues.all().map(async ({ type }) => {
        const read = await Promise.all(queues.queuesOf(type).map(readQueue));
        const now = Date.now();
        const counts = statusCountsOf(read.map(({ c }) => c));
        const queued = read.flatMap(({ waiting }) => waiting.queued);
        const delayed = read.flatMap(({ waiting }) => waiting.delayed);
        const lastHour = finishedOf(read, now, HOUR_MS);
        const oldest = Math.min(...queued.map(job => job.timestamp));
        return {
          type,
          version: jobCatalog[type].version,
          counts,
          waitingByVersion: byVersion([...queued, ...delayed]),
          waitingByVersionComplete: read.every(
            ({ c }) =>
              (c.wait ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) <=
              WAITING_SAMPLE,
          ),
          throughput: {
            lastMinute: finishedOf(read, now, MINUTE_MS),
            lastHour,
          },
          completionRate: completionRate(lastHour),
          oldestQueuedAgeMs: Number.isFinite(oldest)
            ? Math.max(0, now - oldest)
            : null,
        };
      }),
    ),
  );
}
