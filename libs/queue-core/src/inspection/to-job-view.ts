import type { Job } from 'bullmq';
import type { JobStatus, JobView } from '@errand/contracts';
import type { JobEnvelope } from '../producer/job-envelope';

function isoOrNull(epochMs: number | undefined): string | null {
  return epochMs ? new Date(epochMs).toISOString() : null;
}

/** Renders a BullMQ job as the public {@link JobView}. */
export function toJobView(job: Job<JobEnvelope>, status: JobStatus): JobView {
  const failed = Boolean(job.failedReason);
  return {
    id: job.id ?? '',
    type: job.name,
    status,
    payload: job.data?.payload ?? null,
    priority: job.priority ?? 0,
    attempts: { made: job.attemptsMade, allowed: job.opts.attempts ?? 1 },
    result: job.returnvalue ?? null,
    lastError: failed
      ? { message: job.failedReason, stack: job.stacktrace?.at(-1) ?? null }
      : null,
    createdAt: new Date(job.timestamp).toISOString(),
    runAt: job.delay ? isoOrNull(job.timestamp + job.delay) : null,
    startedAt: isoOrNull(job.processedOn),
    finishedAt: isoOrNull(job.finishedOn),
  };
}
