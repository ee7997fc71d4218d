import type { JobsOptions } from 'bullmq';
import { jobCatalog, type ValidEnqueueRequest } from '@errand/contracts';
import {
  DEAD_LETTER_RETENTION,
  STACK_TRACES_KEPT,
} from '../dead-letter/dead-letter-rules';
import { attemptsFor, ERRAND_BACKOFF } from '../retry/retry-policy';

/**
 * BullMQ `removeOnComplete` for succeeded jobs: kept a day, at most 1 000 per
 * type, so a job can be looked up after it ran without Redis growing
 * without bound.
 */
export const SUCCEEDED_RETENTION = { age: 24 * 60 * 60, count: 1_000 };

/** Milliseconds until the job may run: `delay`, or `runAt` from `now`. */
export function delayOf(request: ValidEnqueueRequest, now: number): number {
  if (request.delay !== undefined) return request.delay;
  if (request.runAt !== undefined) {
    return Math.max(0, Date.parse(request.runAt) - now);
  }
  return 0;
}

/** The BullMQ options for a request, the type's defaults filling gaps. */
export function jobOptionsFor(
  id: string,
  request: ValidEnqueueRequest,
  now: number,
): JobsOptions {
  const defaults = jobCatalog[request.type].defaults;
  const priority = request.priority ?? defaults.priority;
  const delay = delayOf(request, now);
  return {
    jobId: id,
    timestamp: now,
    attempts: attemptsFor(request.retries ?? defaults.retries),
    backoff: { type: ERRAND_BACKOFF },
    // 0 keeps the job on BullMQ's plain FIFO list, its fastest path.
    ...(priority > 0 && { priority }),
    ...(delay > 0 && { delay }),
    removeOnComplete: SUCCEEDED_RETENTION,
    removeOnFail: DEAD_LETTER_RETENTION,
    stackTraceLimit: STACK_TRACES_KEPT,
  };
}
