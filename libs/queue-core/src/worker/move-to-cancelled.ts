import { UnrecoverableError, type Job } from 'bullmq';
import { parseJobType } from '@errand/contracts';
import { storeCancelled } from '../store/cancelled-jobs';
import { buildTimeline } from '../store/history/build-timeline';
import { parseHistory, readHistoryRows } from '../store/history/job-history';
import type { JobEnvelope } from '../store/job-envelope';
import type { JobStore } from '../store/job-store';
import { toJobView } from '../store/to-job-view';

/**
 * Ends a running job that was cancelled. BullMQ has no such end, so the
 * job's view is kept as `cancelled` first (readers see that from then on),
 * then the job is failed without retry, which releases its lock so that it
 * can be removed, and removed.
 */
export async function moveToCancelled(
  job: Job,
  token: string,
  store: JobStore,
  by: string,
  facts: { attempt: number; worker: string; durationMs: number },
): Promise<void> {
  const rows = await readHistoryRows(store.connection, job);
  const at = new Date().toISOString();
  const view = toJobView(job, 'running', { revealSensitive: true });
  await storeCancelled(
    store,
    parseJobType(job.name),
    {
      ...view,
      status: 'cancelled',
      finishedAt: at,
      timeline: [
        ...buildTimeline(job, 'running', parseHistory(rows)),
        { at, event: 'cancelled', by, ...facts },
      ],
    },
    (job.data as JobEnvelope | undefined)?.owner,
  );
  await job.moveToFailed(
    new UnrecoverableError(`Cancelled by ${by}.`),
    token,
    false,
  );
  await job.remove();
}
