import type { Job, Queue } from 'bullmq';
import type { JobStatus, JobType, JobView } from '@errand/contracts';
import { findCancelled } from './cancelled-jobs';
import { JobNotFoundError } from './errors/job-not-found-error';
import { buildTimeline } from './history/build-timeline';
import { parseHistory } from './history/job-history';
import type { JobEnvelope } from './job-envelope';
import type { JobStore } from './job-store';
import { isScheduledRunId } from './schedule-id';
import { toJobStatus } from './job-status-map';
import { toJobView, type ViewOptions } from './to-job-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids Errand gives: UUIDs, and the runs of recurring schedules. */
function isErrandJobId(id: string): boolean {
  return UUID.test(id) || isScheduledRunId(id);
}

/** A job, its public status and the BullMQ objects for further moves. */
export interface FoundJob {
  job: Job<JobEnvelope>;
  status: JobStatus;
  type: JobType;
  queue: Queue;
}

/**
 * Finds a job by id in whichever type's queue holds it. Ids are ours
 * (UUIDs, or a schedule's run ids), so anything else is answered without
 * asking Redis. Cancelled
 * jobs have left BullMQ and are not found here (see cancelled-jobs.ts).
 */
export async function findJob(queues: JobStore, id: string): Promise<FoundJob> {
  if (!isErrandJobId(id)) throw new JobNotFoundError(id);
  return queues.runWithDeadline(async () => {
    // The state is read before the job, never after: a job that finishes in
    // between then shows its old status with its new data, instead of
    // `succeeded` with no result yet.
    const candidates = queues.all();
    const states = await Promise.all(
      candidates.map(({ queue }) => queue.getJobState(id)),
    );
    const index = states.findIndex(state => state !== 'unknown');
    if (index < 0) throw new JobNotFoundError(id);
    const { type, queue } = candidates[index];
    const job: Job<JobEnvelope> | undefined = await queue.getJob(id);
    const status = job && toJobStatus(states[index], job.attemptsMade);
    if (!job || !status) throw new JobNotFoundError(id);
    return { job, status, type, queue };
  });
}

/** A found job's view with its whole timeline. */
export async function viewWithTimeline(
  queues: JobStore,
  { job, status, queue }: FoundJob,
  options?: ViewOptions,
): Promise<JobView> {
  const { logs } = await queues.runWithDeadline(() =>
    queue.getJobLogs(job.id ?? ''),
  );
  return {
    ...toJobView(job, status, options),
    timeline: buildTimeline(job, status, parseHistory(logs)),
  };
}

/** The public view of one job, cancelled ones included, with its timeline. */
export async function getJobView(
  queues: JobStore,
  id: string,
  options?: ViewOptions,
): Promise<JobView> {
  if (!isErrandJobId(id)) throw new JobNotFoundError(id);
  const readCancelled = () =>
    queues.runWithDeadline(() => findCancelled(queues, id, options));
  const cancelled = await readCancelled();
  if (cancelled) return cancelled;
  try {
    return await viewWithTimeline(queues, await findJob(queues, id), options);
  } catch (error) {
    // A running job cancelled between the two reads has left BullMQ by now,
    // and its cancelled view was stored before it left.
    if (!(error instanceof JobNotFoundError)) throw error;
    const cancelledSince = await readCancelled();
    if (cancelledSince) return cancelledSince;
    throw error;
  }
}
