import type { Job, Queue } from 'bullmq';
import type { JobStatus, JobType, JobView } from '@errand/contracts';
import { findCancelled } from './cancelled-jobs';
import { JobNotFoundError } from './errors/job-not-found-error';
import { buildTimeline } from './history/build-timeline';
import { parseHistory } from './history/job-history';
import type { JobEnvelope } from './job-envelope';
import { typesOfJobId } from './job-id';
import type { JobStore } from './job-store';
import { jobLogKey } from './keys';
import { isScheduledRunId } from './schedule-id';
import { toJobStatus, type BullState } from './job-status-map';
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

/** A found job and its history rows, read together. */
interface ReadJob {
  found: FoundJob;
  logs: string[];
}

/**
 * Reads job `id` from the queue of `type` in six commands and two round trips
 * (a status poll is the commonest request Errand answers): where it is,
 * then its hash, then its log. BullMQ's `getState` script asks up to eight
 * lists and sets; Errand's statuses need four, since waiting, paused,
 * prioritized and waiting-for-children are all `queued`. The state is read
 * before the job, in the order a job moves (active, delayed, finished), so
 * a job moving meanwhile shows a state it was in, with data at least as
 * new: never `succeeded` with no result yet. A job with a hash in none of
 * the four is queued. BullMQ decodes its hash (`getJob`).
 */
async function readJobOfType(
  queues: JobStore,
  type: JobType,
  id: string,
): Promise<ReadJob | undefined> {
  const queue = queues.queueFor(type);
  const { keys } = queue;
  const where = await queues.connection
    .pipeline()
    .lpos(keys.active, id)
    .zscore(keys.delayed, id)
    .zscore(keys.completed, id)
    .zscore(keys.failed, id)
    .exec();
  const [active, delayed, completed, failed] = (where ?? []).map(
    ([error, value]) => {
      if (error) throw error;
      return value;
    },
  );
  const state: BullState =
    active !== null
      ? 'active'
      : delayed !== null
        ? 'delayed'
        : completed !== null
          ? 'completed'
          : failed !== null
            ? 'failed'
            : 'wait';
  // Sent together, the hash first: BullMQ decodes its own hash.
  const [job, logs]: [Job<JobEnvelope> | undefined, string[]] =
    await Promise.all([
      queue.getJob(id),
      queues.connection.lrange(jobLogKey(queue.qualifiedName, id), 0, -1),
    ]);
  const status = job && toJobStatus(state, job.attemptsMade);
  if (!job || !status) return undefined;
  return { found: { job, status, type, queue }, logs };
}

/**
 * Reads job `id` from its type's queue, the type known from the id
 * (job-id.ts); ids that name no type (made before types were in ids, or a
 * schedule's runs) are asked of every type's queue.
 */
async function readJob(
  queues: JobStore,
  id: string,
): Promise<ReadJob | undefined> {
  const reads = await Promise.all(
    typesOfJobId(id).map(type => readJobOfType(queues, type, id)),
  );
  return reads.find(read => read !== undefined);
}

/**
 * Finds a job by id in the queue that holds it. Ids are ours (UUIDs, or a
 * schedule's run ids), so anything else is answered without asking Redis.
 * Cancelled jobs have left BullMQ and are not found here (see
 * cancelled-jobs.ts).
 */
export async function findJob(queues: JobStore, id: string): Promise<FoundJob> {
  if (!isErrandJobId(id)) throw new JobNotFoundError(id);
  const read = await queues.runWithDeadline(() => readJob(queues, id));
  if (!read) throw new JobNotFoundError(id);
  return read.found;
}

function viewOf(
  { job, status }: FoundJob,
  logs: string[],
  options?: ViewOptions,
): JobView {
  return {
    ...toJobView(job, status, options),
    timeline: buildTimeline(job, status, parseHistory(logs)),
  };
}

/** A found job's view with its whole timeline. */
export async function viewWithTimeline(
  queues: JobStore,
  found: FoundJob,
  options?: ViewOptions,
): Promise<JobView> {
  const { logs } = await queues.runWithDeadline(() =>
    found.queue.getJobLogs(found.job.id ?? ''),
  );
  return viewOf(found, logs, options);
}

/**
 * The public view of one job, cancelled ones included, with its timeline:
 * seven commands to the job's own queue (eight for a job cancelled
 * meanwhile or none), where asking every type's cost 86.
 */
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
  const read = await queues.runWithDeadline(() => readJob(queues, id));
  if (read) return viewOf(read.found, read.logs, options);
  // A running job cancelled between the two reads has left BullMQ by now,
  // and its cancelled view was stored before it left.
  const cancelledSince = await readCancelled();
  if (cancelledSince) return cancelledSince;
  throw new JobNotFoundError(id);
}
