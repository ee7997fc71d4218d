import { JobFinishedError } from '../../store/errors/job-finished-error';
import { JobNotFoundError } from '../../store/errors/job-not-found-error';
import type { JobStore } from '../../store/job-store';
import { cancelJob } from '../operations/cancel-job';
import { walkFlow } from './walk-flow';

/** What cancelling a flow did, node by node. */
export interface FlowCancellation {
  /** Nodes that will not run: they were waiting, queued or scheduled. */
  cancelled: number;
  /** Running nodes whose workers were asked to stop them. */
  requested: number;
  /** Nodes that had already ended (succeeded, dead, cancelled): left alone. */
  ended: number;
}

/** How many nodes of one level are cancelled at once. */
const CANCELS_AT_ONCE = 32;

/**
 * Cancels every node of the flow under job `id` that has not ended, each
 * through the single-job cancel path (admin/operations/cancel-job.ts): a
 * waiting or queued node is kept as `cancelled` and leaves its queue, a
 * running one gets its abort signal. Parents go first, level by level, and
 * each parent leaves without its children: a child cancelled before its
 * parent would let the parent run, should it be the last one pending.
 */
export async function cancelFlow(
  queues: JobStore,
  id: string,
  by: string,
): Promise<FlowCancellation> {
  const nodes = await walkFlow(queues, id);
  const result: FlowCancellation = { cancelled: 0, requested: 0, ended: 0 };
  const byDepth = new Map<number, typeof nodes>();
  for (const node of nodes) {
    if (['succeeded', 'dead', 'cancelled'].includes(node.status)) {
      result.ended += 1;
      continue;
    }
    byDepth.set(node.depth, [...(byDepth.get(node.depth) ?? []), node]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    const level = byDepth.get(depth) ?? [];
    for (let i = 0; i < level.length; i += CANCELS_AT_ONCE) {
      await Promise.all(
        level.slice(i, i + CANCELS_AT_ONCE).map(async node => {
          try {
            const { outcome } = await cancelJob(queues, node.id, by, {
              keepChildren: true,
            });
            result[outcome === 'cancelled' ? 'cancelled' : 'requested'] += 1;
          } catch (error) {
            // It ended (or went) between the walk and its cancel.
            if (
              error instanceof JobFinishedError ||
              error instanceof JobNotFoundError
            ) {
              result.ended += 1;
              return;
            }
            throw error;
          }
        }),
      );
    }
  }
  return result;
}
