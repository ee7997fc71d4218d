import type { Job } from 'bullmq';
import {
  redactPayload,
  type JobProgress,
  type JobStatus,
  type JobView,
} from '@errand/contracts';
import { callbackDeliveryId } from './callback/enqueue-callback';
import type { JobEnvelope } from './job-envelope';

function isoOrNull(epochMs: number | undefined): string | null {
  return epochMs ? new Date(epochMs).toISOString() : null;
}

/** Progress as handlers report it; BullMQ's bare numbers are read too. */
function progressOf(progress: unknown): JobProgress | null {
  if (typeof progress === 'number')
    return progress > 0 ? { percent: progress } : null;
  if (
    typeof progress === 'object' &&
    progress !== null &&
    'percent' in progress
  ) {
    return progress as JobProgress;
  }
  return null;
}

/** How a job is shown. */
export interface ViewOptions {
  /**
   * Show sensitive payload fields as stored (ciphertext when encryption at
   * rest is on) instead of `[redacted]`. @defaultValue false
   */
  revealSensitive?: boolean;
}

/** Renders a BullMQ job as the public {@link JobView}. */
export function toJobView(
  job: Job<JobEnvelope>,
  status: JobStatus,
  { revealSensitive = false }: ViewOptions = {},
): JobView {
  const failed = Boolean(job.failedReason);
  const payload = job.data?.payload ?? null;
  return {
    id: job.id ?? '',
    type: job.name,
    ...(job.data?.requestedType && { requestedType: job.data.requestedType }),
    status,
    payload: revealSensitive ? payload : redactPayload(job.name, payload),
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
    ...(job.data?.callback && {
      callback: {
        url: job.data.callback.url,
        deliveryJobId: callbackDeliveryId(job.id ?? ''),
      },
    }),
    progress: progressOf(job.progress),
    ...(job.parent && { parentId: job.parent.id }),
  };
}
