import { traceIdOf } from '@errand/runtime';
import { type JobContext } from '@errand/contracts';

/**
 * The fields a line logged about a running job carries: its id, type,
 * attempt and trace id. Handlers spread them into their lines themselves;
 * an async-local scope would add them to every line for free, but on
 * Node 20 it turns on promise hooks for the whole process, which cost about
 * a fifth of the worker's CPU per job (docs/performance.md).
 */
export function jobLogFields(context: JobContext) {
  return {
    jobId: context.jobId,
    type: context.type,
    attempt: context.attempt,
    ...(context.traceparent && { traceId: traceIdOf(context.traceparent) }),
  };
}
