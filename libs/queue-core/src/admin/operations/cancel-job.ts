import type { JobView } from '@errand/contracts';
import { JobFinishedError } from '../../store/errors/job-finished-error';
import { findJob, getJobView, viewWithTimeline } from '../../store/find-job';
import type { JobStore } from '../../store/job-store';
import { publishCancel } from '../../store/cancel-channel';
import { enqueueCallback } from '../../store/callback/enqueue-callback';
import {
  findCancelled,
  forgetCancelled,
  storeCancelled,
} from '../../store/cancelled-jobs';

/** What a cancellation did. */
export interface Cancellation {
  /**
   * `cancelled`: the job will not run (it was waiting, or was cancelled
   * before); `requested`: it is running, and the worker running it has been
   * asked to abort it; it ends `cancelled` unless it finishes first.
   */
  outcome: 'cancelled' | 'requested';
  job: JobView;
}

/**
 * Cancels a job. A queued, scheduled or retrying job is taken out of its
 * queue and kept as `cancelled`; a running one gets its abort signal fired
 * in whichever worker process runs it. Cancelling a cancelled job again is
 * harmless; a finished one is a {@link JobFinishedError}.
 */
export async function cancelJob(
  queues: JobStore,
  id: string,
  by: string,
  {
    keepChildren = false,
  }: {
    /**
     * Leave a flow parent's children in place (cancel-flow.ts cancels each
     * itself, so each is kept as cancelled). @defaultValue false: BullMQ
     * removes them with the parent
     */
    keepChildren?: boolean;
  } = {},
): Promise<Cancellation> {
  const earlier = await queues.runWithDeadline(() => findCancelled(queues, id));
  if (earlier) return { outcome: 'cancelled', job: earlier };
  const found = await findJob(queues, id);
  const { job, status, type } = found;
  if (status === 'succeeded' || status === 'dead') {
    throw new JobFinishedError(id, status);
  }
  if (status !== 'running') {
    const view = await viewWithTimeline(queues, found, {
      revealSensitive: true,
    });
    const at = new Date().toISOString();
    const cancelled: JobView = {
      ...view,
      status: 'cancelled',
      finishedAt: at,
      timeline: [...(view.timeline ?? []), { at, event: 'cancelled', by }],
    };
    // Kept first, removed second: a reader in between sees it cancelled, and
    // a crash in between leaves a job that still runs, never a lost one.
    await queues.runWithDeadline(() =>
      storeCancelled(queues, type, cancelled, job.data.owner),
    );
    const removed = await queues.runWithDeadline(() =>
      job.remove({ removeChildren: !keepChildren }).then(
        () => true,
        () => false,
      ),
    );
    if (removed) {
      if (job.data.callback) {
        await queues.runWithDeadline(() =>
          enqueueCallback(queues, job.data, {
            ...cancelled,
            status: 'cancelled',
          }),
        );
      }
      return { outcome: 'cancelled', job: await getJobView(queues, id) };
    }
    // It started between the read and the removal: it is not cancelled yet,
    // so stop it where it runs.
    await queues.runWithDeadline(() => forgetCancelled(queues, type, id));
  }
  await queues.runWithDeadline(() =>
    publishCancel(queues.connection, queues.naming, { id, by }),
  );
  return { outcome: 'requested', job: await getJobView(queues, id) };
}
