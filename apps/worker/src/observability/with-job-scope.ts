import type { HandlerMap, JobContext } from '@errand/queue-core';
import { withLogFields } from '@errand/runtime';
import type { WorkerMetrics } from '../metrics/worker-metrics';

type AnyHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/** The fields every line logged while a job runs carries. */
export function jobLogFields(context: JobContext) {
  return {
    jobId: context.jobId,
    type: context.type,
    attempt: context.attempt,
    // The 32 hex digits of `00-<trace id>-<span id>-<flags>`.
    ...(context.traceparent && { traceId: context.traceparent.slice(3, 35) }),
  };
}

/**
 * Wraps every handler so that each line it logs, through any logger,
 * carries the job's id, type, attempt and trace id (an async-local scope:
 * handlers keep the logger they were built with), and so that the
 * `errand_jobs_active` gauge counts it while it runs.
 */
export function withJobScope(
  handlers: HandlerMap,
  metrics: Pick<WorkerMetrics, 'jobStarted'>,
): HandlerMap {
  const wrapped = Object.entries(handlers).map(([type, handler]) => {
    const run = handler as AnyHandler;
    const scoped: AnyHandler = async (payload, context) => {
      const ended = metrics.jobStarted(type);
      try {
        return await withLogFields(jobLogFields(context), () =>
          run(payload, context),
        );
      } finally {
        ended();
      }
    };
    return [type, scoped];
  });
  return Object.fromEntries(wrapped) as unknown as HandlerMap;
}
