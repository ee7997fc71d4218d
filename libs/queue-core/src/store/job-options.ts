import type { JobsOptions } from 'bullmq';
import { jobCatalog, type ValidEnqueueRequest } from '@errand/contracts';
import { DEAD_LETTER_RETENTION, STACK_TRACES_KEPT } from './dead-letter-rules';
import { HISTORY_ENTRIES_KEPT } from './history/job-history';
import { attemptsFor, ERRAND_BACKOFF } from './retry/retry-policy';

/**
 * How long finished jobs (succeeded or cancelled) are kept: a day, at most
 * 1 000 per type, so a job can be looked up after it ran without Redis
 * growing without bound. Ages in seconds, as BullMQ's `removeOnComplete`.
 */
const FINISHED_RETENTION = { age: 24 * 60 * 60, count: 1_000 };

/** BullMQ `removeOnComplete` for succeeded jobs. */
export const SUCCEEDED_RETENTION = FINISHED_RETENTION;

/** How long jobs are kept, whichever limit is reached first. */
interface KeepLimit {
  /** Seconds after the job finished. */
  age: number;
  /** The newest this many per type. */
  count: number;
}

/**
 * How long finished jobs stay in Redis. Written into each job's options
 * when it is stored, so a change applies to jobs stored from then on.
 */
export interface Retention {
  /** Succeeded and cancelled jobs. @defaultValue {@link FINISHED_RETENTION} */
  finished: KeepLimit;
  /** Dead jobs. @defaultValue {@link DEAD_LETTER_RETENTION} */
  dead: KeepLimit;
}

/** A day or 1 000 per type for finished jobs, 7 days or 10 000 for dead. */
export const DEFAULT_RETENTION: Retention = {
  finished: FINISHED_RETENTION,
  dead: DEAD_LETTER_RETENTION,
};

/** Milliseconds until the job may run: `delay`, or `runAt` from `now`. */
export function delayOf(request: ValidEnqueueRequest, now: number): number {
  if (request.delay !== undefined) return request.delay;
  if (request.runAt !== undefined) {
    return Math.max(0, Date.parse(request.runAt) - now);
  }
  return 0;
}

/**
 * The BullMQ options for a request, the type's defaults filling gaps. The
 * creation time of a job that runs at once is left to BullMQ, which stores
 * it in the job's own `timestamp` field: in the options it would be a
 * second copy in every job's hash (docs/performance.md, Redis memory). A
 * delayed job is given `now`, since BullMQ runs it at timestamp + delay
 * and `runAt` must come out exact.
 *
 * @param retention - pass the JobStore's (`queues.retention`), so that the
 *   configured limits apply. @defaultValue {@link DEFAULT_RETENTION}
 */
export function jobOptionsFor(
  id: string,
  request: ValidEnqueueRequest,
  now: number,
  retention: Retention = DEFAULT_RETENTION,
): JobsOptions {
  const defaults = jobCatalog[request.type].defaults;
  const priority = request.priority ?? defaults.priority;
  const delay = delayOf(request, now);
  return {
    jobId: id,
    attempts: attemptsFor(request.retries ?? defaults.retries),
    backoff: { type: ERRAND_BACKOFF },
    // 0 keeps the job on BullMQ's plain FIFO list, its fastest path.
    ...(priority > 0 && { priority }),
    ...(delay > 0 && { delay, timestamp: now }),
    removeOnComplete: { ...retention.finished },
    removeOnFail: { ...retention.dead },
    stackTraceLimit: STACK_TRACES_KEPT,
    keepLogs: HISTORY_ENTRIES_KEPT,
  };
}
