import type { Job } from 'bullmq';
import type { JobEvent, JobStatus } from '@errand/contracts';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/**
 * A job's whole timeline, oldest first: its recorded history (see
 * job-history.ts) merged with what the job's own fields say — when it was
 * created, when its latest attempt started, and how it ended.
 */
export function buildTimeline(
  job: Job,
  status: JobStatus,
  history: readonly JobEvent[],
): JobEvent[] {
  const events: JobEvent[] = [{ at: iso(job.timestamp), event: 'created' }];
  // A replay starts counting attempts from 1 again: only failures since the
  // last replay can be the latest attempt's record.
  const lastReplay = history.map(e => e.event).lastIndexOf('replayed');
  const attemptsRecorded = new Set(
    history
      .slice(lastReplay + 1)
      .filter(e => e.event === 'failed')
      .map(e => e.attempt),
  );
  for (const entry of history) {
    // A failed attempt's record carries its start; show it as its own step.
    if (
      entry.event === 'failed' &&
      entry.attempt &&
      entry.durationMs !== undefined
    ) {
      const startedAt = Date.parse(entry.at) - entry.durationMs;
      events.push({
        at: iso(startedAt),
        event: 'started',
        attempt: entry.attempt,
        ...(entry.worker && { worker: entry.worker }),
      });
    }
    events.push(entry);
  }
  // BullMQ counts an attempt when it ends, so a running one is not counted.
  const lastAttempt =
    status === 'running' ? job.attemptsMade + 1 : job.attemptsMade;
  if (
    job.processedOn &&
    lastAttempt > 0 &&
    !attemptsRecorded.has(lastAttempt)
  ) {
    events.push({
      at: iso(job.processedOn),
      event: 'started',
      attempt: lastAttempt,
      ...(job.processedBy && { worker: job.processedBy }),
    });
  }
  if (job.finishedOn && (status === 'succeeded' || status === 'dead')) {
    events.push({
      at: iso(job.finishedOn),
      event: status,
      ...(status === 'dead' &&
        job.failedReason && { reason: job.failedReason }),
    });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
