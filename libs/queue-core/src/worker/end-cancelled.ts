import { UnrecoverableError, type Job } from 'bullmq';
import { parseJobType } from '@errand/contracts';
import { storeCancelled, type CancelledStore } from '../store/cancelled-jobs';
import { buildTimeline } from '../store/history/build-timeline';
import { parseHistory, readHistoryRows } from '../store/history/job-history';
import { toJobView } from '../store/to-job-view';
import type { JobEnvelope } from '../store/job-envelope';

/** What the worker knows about the attempt it stopped. */
export interface StoppedAttempt {
  by: string;
  attempt: number;
  worker: string;
  durationMs: number;
}

/**
 * Ends a running job that was cancelled. BullMQ has no such end, so the
 * job's view is kept as `cancelled` first (readers see that from then on),
 * then the job is failed without retry, which releases its lock so that it
 * can be removed, and removed.
 */
export async function endCancelled(
  job: Job,
  token: string,
  store: CancelledStore,
  stopped: StoppedAttempt,
): Promise<void> {
  const type = parseJobType(job.name);
  const rows = await readHistoryRows(store.connection, job);
  const at = new Date().toISOString();
  const view = toJobView(job, 'running', { revealSensitive: true });
  await storeCancelled(
    store,
    type,
    {
      ...view,
      status: 'cancelled',
      finishedAt: at,
      timeline: [
        ...buildTimeline(job, 'running', parseHistory(rows)),
        { at, event: 'cancelled', ...stopped },
      ],
    },
    (job.data as JobEnvelope | undefined)?.owner,
  );
  await job.moveToFailed(
    new UnrecoverableError(`Cancelled by ${stopped.by}.`),
    token,
    false,
  );
  await job.remove();
}
