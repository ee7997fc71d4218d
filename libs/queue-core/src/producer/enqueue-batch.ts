import type { JobsOptions } from 'bullmq';
import type {
  EnqueueAccepted,
  JobType,
  ValidEnqueueRequest,
} from '@errand/contracts';
import { newJobId } from '../store/job-id';
import type { JobStore } from '../store/job-store';
import type { JobEnvelope } from '../store/job-envelope';
import { planKeyedHolds } from './hold-keyed-jobs';
import { acceptedJob, newJob, type NewJobMetadata } from './new-job';
import { refuseCallbacksWhenOff } from './refuse-callbacks-when-off';

/**
 * Extra time a batch may take per job, on top of the set's deadline: a full
 * batch of 1 000 jobs is a few milliseconds of Redis work on an idle
 * server, but can miss a flat 800 ms on a busy one, and a missed deadline
 * answers 503 for jobs that may still be stored (a retry then duplicates
 * them). A Redis that is down still fails at once.
 */
export const BATCH_DEADLINE_MS_PER_JOB = 2;

/** One job as BullMQ's `addBulk` takes it. */
interface BulkJob {
  name: JobType;
  data: JobEnvelope;
  opts: JobsOptions;
}

/**
 * Adds validated jobs, each under a new id naming its type (store/job-id.ts), with the options and envelope
 * {@link enqueueJob} gives a single job. Jobs of one type go in one
 * `addBulk`, which BullMQ stores in one Lua script: all of them or none.
 * A batch that mixes types takes one `addBulk` per type, sent together;
 * should Redis fail between them, the answer is an error and the caller
 * retries the batch. Resolves with one entry per request, in order.
 */
export async function enqueueBatch(
  queues: JobStore,
  requests: readonly ValidEnqueueRequest[],
  { owner, traceparent }: NewJobMetadata = {},
): Promise<EnqueueAccepted[]> {
  refuseCallbacksWhenOff(queues, requests, index => `/jobs/${index}`);
  const now = Date.now();
  const holds = await planKeyedHolds(queues, requests);
  const byType = new Map<JobType, BulkJob[]>();
  const stored = requests.map((request, index) => {
    const id = newJobId(request.type);
    const job = newJob(queues, id, request, now, { owner, traceparent });
    let jobs = byType.get(request.type);
    if (!jobs) byType.set(request.type, (jobs = []));
    // Where this job's BullMQ Job will be in its type's addBulk answer.
    const at = jobs.push({
      name: request.type,
      data: job.envelope,
      opts: holds.optionsFor(index, job.options),
    });
    return { id, request, job, at: at - 1 };
  });
  const added = new Map(
    // A write: acknowledged once the replicas hold it (queue-set.ts).
    await queues.writeThenWaitForReplicas(
      () =>
        Promise.all(
          [...byType].map(
            async ([type, jobs]) =>
              [type, await queues.queueFor(type).addBulk(jobs)] as const,
          ),
        ),
      queues.deadlineMs + requests.length * BATCH_DEADLINE_MS_PER_JOB,
    ),
  );
  await holds.admit(stored.map(({ id }) => id));
  return stored.map(({ id, request, job, at }) =>
    // BullMQ's creation time, as the job's view shows it later.
    acceptedJob(
      id,
      request,
      job,
      added.get(request.type)?.[at]?.timestamp ?? now,
    ),
  );
}
