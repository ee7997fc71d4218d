import type { Job, Queue } from 'bullmq';
import {
  jobTypes,
  type JobStatus,
  type JobType,
  type JobView,
} from '@errand/contracts';
import { findCancelled } from './cancelled-jobs';
import { JobNotFoundError } from './errors/job-not-found-error';
import { buildTimeline } from './history/build-timeline';
import { parseHistory } from './history/job-history';
import type { JobEnvelope } from './job-envelope';
import { typesOfJobId } from './job-id';
import { flowShardsOf } from './queue-name';
import type { JobStore } from './job-store';
import { jobLogKey } from './keys';
import { isScheduledRunId } from './schedule-id';
import { toJobStatus } from './job-status-map';
import { bullStateOf, isWaitingForChildren } from './bull-state-of';
import {
  childStatuses,
  countStatuses,
  jobKeyOf,
  readChildren,
} from './flow/flow-children';
import { toJobView, type ViewOptions } from './to-job-view';
import { withDeliveryStatus } from './callback/with-delivery-status';
import { withKeyHold } from './limits/job-hold';

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
  /** Its flow shard, for a flow's node on a cluster (queue-name.ts). */
  shard?: number;
}

/** A found job and its history rows, read together. */
interface ReadJob {
  found: FoundJob;
  logs: string[];
}

/**
 * Reads job `id` from the queue of `type` in seven commands and two round
 * trips (a status poll is the commonest request Errand answers): where it
 * is, then its hash, then its log. BullMQ's `getState` script asks up to
 * eight lists and sets; Errand's statuses need four, since waiting, paused
 * and prioritized are all `queued`. The state is read before the job, in
 * the order a job moves (active, delayed, finished), so a job moving
 * meanwhile shows a state it was in, with data at least as new: never
 * `succeeded` with no result yet. A job with a hash in none of the four is
 * queued, unless its envelope says it has children and one more ZSCORE
 * finds it waiting for them (`waiting`, docs/flows.md): only such a job can
 * be there, so the others pay nothing for it. BullMQ decodes its hash
 * (`getJob`). `shard`: read it from that flow shard's queue of the type.
 */
async function readJobOfType(
  queues: JobStore,
  type: JobType,
  id: string,
  shard?: number,
): Promise<ReadJob | undefined> {
  const queue = queues.queueFor(type, shard);
  let state = await bullStateOf(queues, type, id, {
    withoutWaitingChildren: true,
    shard,
  });
  // Sent together, the hash first: BullMQ decodes its own hash.
  const [job, logs]: [Job<JobEnvelope> | undefined, string[]] =
    await Promise.all([
      queue.getJob(id),
      queues.connection.lrange(jobLogKey(queue.qualifiedName, id), 0, -1),
    ]);
  // Only a job with children can wait for them; its envelope says so.
  if (
    state === 'wait' &&
    job?.data?.hasChildren &&
    (await isWaitingForChildren(queues, type, id, shard))
  ) {
    state = 'waiting-children';
  }
  const status = job && toJobStatus(state, job.attemptsMade);
  if (!job || !status) return undefined;
  return {
    found: { job, status, type, queue, ...(shard !== undefined && { shard }) },
    logs,
  };
}

/**
 * Reads job `id` from its type's queue, the type known from the id
 * (job-id.ts); ids that name no type (made before types were in ids, or a
 * schedule's runs) are asked of every type's queue. On a cluster a job not
 * there may be a flow's node: its type's queues in the flow shards are
 * asked next, together (one more round trip, for flow nodes only). Only
 * ids naming one type can be flow nodes (producer/enqueue-flow.ts).
 */
async function readJob(
  queues: JobStore,
  id: string,
): Promise<ReadJob | undefined> {
  const types = typesOfJobId(id);
  const reads = await Promise.all(
    types.map(type => readJobOfType(queues, type, id)),
  );
  const read = reads.find(found => found !== undefined);
  const shards = flowShardsOf(queues.naming);
  if (read || shards.length === 0 || types.length === jobTypes.length) {
    return read;
  }
  const shardReads = await Promise.all(
    types.flatMap(type =>
      shards.map(shard => readJobOfType(queues, type, id, shard)),
    ),
  );
  return shardReads.find(found => found !== undefined);
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

/**
 * A flow parent's view gains its children counted by status; a job stored
 * without children (its envelope says so) costs nothing more.
 */
async function withChildren(
  queues: JobStore,
  { job, type, shard }: FoundJob,
  view: JobView,
): Promise<JobView> {
  if (!job.data?.hasChildren) return view;
  const statuses = await queues.runWithDeadline(async () =>
    childStatuses(
      queues,
      await readChildren(queues, jobKeyOf(queues, type, job.id ?? '', shard)),
    ),
  );
  return {
    ...view,
    children: { total: statuses.length, counts: countStatuses(statuses) },
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
 * meanwhile or none), where asking every type's cost 86; two more for a
 * job with a callback, whose delivery's status it names, and three for a
 * scheduled job with a `concurrencyKey`, which may be held by its key
 * (`heldBy`, limits/job-hold.ts).
 */
export async function getJobView(
  queues: JobStore,
  id: string,
  options?: ViewOptions,
): Promise<JobView> {
  return withDeliveryStatus(queues, await readJobView(queues, id, options));
}

async function readJobView(
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
  if (read) {
    const view = viewOf(read.found, read.logs, options);
    return withKeyHold(
      queues,
      { data: read.found.job.data, type: read.found.type },
      await withChildren(queues, read.found, view),
    );
  }
  // A running job cancelled between the two reads has left BullMQ by now,
  // and its cancelled view was stored before it left.
  const cancelledSince = await readCancelled();
  if (cancelledSince) return cancelledSince;
  throw new JobNotFoundError(id);
}
