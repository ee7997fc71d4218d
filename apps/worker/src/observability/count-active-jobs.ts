import type { HandlerMap, JobContext } from '@errand/queue-core';
import type { WorkerMetrics } from '../metrics/worker-metrics';

type AnyHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/**
 * Wraps every handler so that the `errand_jobs_active` gauge counts its job
 * while it runs, whether it returns or throws.
 */
export function countActiveJobs(
  handlers: HandlerMap,
  metrics: Pick<WorkerMetrics, 'jobStarted'>,
): HandlerMap {
  const wrapped = Object.entries(handlers).map(([type, handler]) => {
    const run = handler as AnyHandler;
    const counted: AnyHandler = async (payload, context) => {
      const ended = metrics.jobStarted(type);
      try {
        return await run(payload, context);
      } finally {
        ended();
      }
    };
    return [type, counted];
  });
  return Object.fromEntries(wrapped) as unknown as HandlerMap;
}
