import type { Job } from 'bullmq';
import type { CallbackStatus, JobView } from '@errand/contracts';
import { enqueueCallback } from '../store/callback/enqueue-callback';
import type { JobEnvelope } from '../store/job-envelope';
import { typesOfJobId } from '../store/job-id';
import type { JobStore } from '../store/job-store';
import { toJobView } from '../store/to-job-view';

/** How the job ended, as far as its view must say what BullMQ has not stored yet. */
export interface EndedJob {
  status: CallbackStatus;
  /** Attempts used, this one included when it counted. */
  attemptsMade: number;
  result?: unknown;
  error?: Error;
}

/** `job`'s view as it ends, with what BullMQ has not stored yet. */
function endedView(
  job: Job<JobEnvelope>,
  ended: EndedJob,
): JobView & { status: CallbackStatus } {
  const view = toJobView(job, ended.status);
  return {
    ...view,
    status: ended.status,
    attempts: { ...view.attempts, made: ended.attemptsMade },
    finishedAt: new Date().toISOString(),
    ...('result' in ended && { result: ended.result ?? null }),
    ...(ended.error && {
      lastError: { message: ended.error.message, stack: null },
    }),
  };
}

/**
 * The parent `child`'s death fails (BullMQ's `failParentOnFailure`, the
 * `fail-parent` policy), read from its queue, or undefined when none.
 */
async function parentFailedBy(
  child: Job<JobEnvelope>,
  store: JobStore,
): Promise<Job<JobEnvelope> | undefined> {
  const { id, queueKey } = child.parent ?? {};
  if (!id || !child.opts.failParentOnFailure) return undefined;
  // Its own queue, or on a cluster one of its flow shards' (the child's).
  const queue = typesOfJobId(id)
    .flatMap(candidate => store.queuesOf(candidate))
    .find(candidate => candidate.qualifiedName === queueKey);
  if (!queue) return undefined;
  return (await queue.getJob(id)) as Job<JobEnvelope> | undefined;
}

/**
 * The callbacks of the flow nodes a dying child takes with it: BullMQ
 * fails a `fail-parent` child's parent in the same move (and that
 * parent's parent while each has the policy), and no worker settles
 * those, so their endings are sent from here. One read per parent, on
 * this death path of flow nodes only.
 */
async function sendFailedParentCallbacks(
  job: Job<JobEnvelope>,
  store: JobStore,
): Promise<void> {
  let child = job;
  for (;;) {
    const parent = await parentFailedBy(child, store);
    if (!parent) return;
    if (parent.data?.callback) {
      // As BullMQ words it in the parent's own failedReason.
      const reason = new Error(
        `child ${child.queueQualifiedName}:${child.id ?? ''} failed`,
      );
      await enqueueCallback(
        store,
        parent.data,
        endedView(parent, {
          status: 'dead',
          attemptsMade: parent.attemptsMade,
          error: reason,
        }),
      );
    }
    child = parent;
  }
}

/**
 * Stores the callback of a job that ends here (store/callback/), before
 * BullMQ moves it: were the worker to die in between, the job settles
 * again and the delivery, stored under an id derived from the job's, is
 * not stored twice. A job without a callback costs nothing (its envelope
 * is in memory), unless it is a flow node whose death fails its parent.
 * Never throws: a callback never changes a job's fate.
 */
export async function sendEndingCallback(
  job: Job<JobEnvelope>,
  store: JobStore,
  ended: EndedJob,
): Promise<void> {
  if (job.data?.callback) {
    await enqueueCallback(store, job.data, endedView(job, ended)).catch(
      () => undefined,
    );
  }
  if (ended.status === 'dead' && job.parent && store.callbackSecret) {
    await sendFailedParentCallbacks(job, store).catch(() => undefined);
  }
}
