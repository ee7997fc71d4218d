import {
  jobCatalog,
  type FinishedCounts,
  type TypeStats,
} from '@errand/contracts';
import type { Job, Queue } from 'bullmq';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import { finishedInWindow, type MinuteMetrics } from './finished-in-window';

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

/**
 * Counts every type's jobs by where they stand and waiting ones by version,
 * and reads the throughput the workers record (BullMQ metrics; a type no
 * worker has served shows zeros) and the age of the oldest queued job.
 */
export async function countJobs(queues: JobStore): Promise<TypeStats[]> {
  return queues.runWithDeadline(() =>
    Promise.all(
      queues.all().map(async ({ type, queue }) => {
        const [c, waiting, completed, failed] = await Promise.all([
          queue.getJobCounts(
            'wait',
            'prioritized',
            'waiting-children',
            'delayed',
            'active',
            'completed',
            'failed',
          ),
          readWaiting(queue),
          queue.getMetrics('completed', 0, METRIC_POINTS - 1),
          queue.getMetrics('failed', 0, METRIC_POINTS - 1),
        ]);
        const now = Date.now();
        const n = (state: string) => c[state] ?? 0;
        const counts = {
          queued: n('wait') + n('prioritized') + n('waiting-children'),
          delayed: n('delayed'),
          running: n('active'),
          succeeded: n('completed'),
          dead: n('failed'),
        };
        const lastHour = finishedCounts(completed, failed, now, HOUR_MS);
        const oldest = Math.min(...waiting.queued.map(job => job.timestamp));
        return {
          type,
          version: jobCatalog[type].version,
          counts,
          waitingByVersion: byVersion([...waiting.queued, ...waiting.delayed]),
          waitingByVersionComplete:
            counts.queued + counts.delayed <= WAITING_SAMPLE,
          throughput: {
            lastMinute: finishedCounts(completed, failed, now, MINUTE_MS),
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
