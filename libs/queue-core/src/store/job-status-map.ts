import type { JobStatus } from '@errand/contracts';

/** The states BullMQ keeps jobs in, as `Job.getState()` names them. */
export type BullState =
  | 'waiting'
  | 'wait'
  | 'prioritized'
  | 'waiting-children'
  | 'delayed'
  | 'active'
  | 'completed'
  | 'failed';

/**
 * Translates BullMQ's internal state into Errand's public status. A parent
 * in a flow waiting for its children is `waiting`. A delayed
 * job that has failed before is waiting out a backoff (`retrying`); one that
 * has not is waiting for its run time (`scheduled`).
 */
export function toJobStatus(
  state: string,
  attemptsMade: number,
): JobStatus | undefined {
  switch (state) {
    case 'waiting':
    case 'wait':
    case 'prioritized':
      return 'queued';
    case 'waiting-children':
      return 'waiting';
    case 'delayed':
      return attemptsMade > 0 ? 'retrying' : 'scheduled';
    case 'active':
      return 'running';
    case 'completed':
      return 'succeeded';
    case 'failed':
      return 'dead';
    default:
      return undefined;
  }
}

/** The BullMQ states to read for a public status. */
export const bullStatesOf: Record<JobStatus, readonly BullState[]> = {
  queued: ['wait', 'prioritized'],
  waiting: ['waiting-children'],
  scheduled: ['delayed'],
  retrying: ['delayed'],
  running: ['active'],
  succeeded: ['completed'],
  dead: ['failed'],
  // Cancellation arrives with the lifecycle work; until then none exist.
  cancelled: [],
};
