import type { StatusCounts } from '@errand/contracts';

/** The BullMQ states a type's status counts are read from. */
export const COUNTED_STATES = [
  'wait',
  'prioritized',
  'waiting-children',
  'delayed',
  'active',
  'completed',
  'failed',
] as const;

/**
 * A type's jobs by Errand status, added up over the `getJobCounts` of each
 * of its queues (one per type on one Redis; its flow shards' too on a
 * cluster).
 */
export function statusCountsOf(
  perQueue: Record<string, number>[],
): StatusCounts {
  const n = (state: (typeof COUNTED_STATES)[number]) =>
    perQueue.reduce((total, counts) => total + (counts[state] ?? 0), 0);
  return {
    queued: n('wait') + n('prioritized'),
    waiting: n('waiting-children'),
    delayed: n('delayed'),
    running: n('active'),
    succeeded: n('completed'),
    dead: n('failed'),
  };
}
