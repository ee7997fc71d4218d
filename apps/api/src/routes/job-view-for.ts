import type { JobView } from '@errand/contracts';
import type { Principal } from '../auth/api-key';

/**
 * A job as `principal` may see it: the one place that decides. An admin
 * sees everything. Anyone else (a producer reading its own jobs) sees why
 * a job failed but not the worker's stack traces, which name the
 * deployment's absolute paths and dependencies, nor which worker
 * (`host:pid`) ran each attempt: internals of the deployment, not of the
 * job. Unknown roles get the producer's view: it fails closed.
 */
export function jobViewFor(principal: Principal, view: JobView): JobView {
  if (principal.role === 'admin') return view;
  return {
    ...view,
    lastError: view.lastError && { ...view.lastError, stack: null },
    ...(view.timeline && {
      timeline: view.timeline.map(({ worker: _worker, ...event }) =>
        event.error
          ? { ...event, error: { ...event.error, stack: null } }
          : event,
      ),
    }),
  };
}
