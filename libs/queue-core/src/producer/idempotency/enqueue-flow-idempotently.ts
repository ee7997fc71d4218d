import type { FlowAccepted, ValidFlowNode } from '@errand/contracts';
import { newJobId } from '../../store/job-id';
import type { JobStore } from '../../store/job-store';
import { enqueueFlow } from '../enqueue-flow';
import type { IdempotentEnqueue } from './enqueue-idempotently';
import { storeOnce } from './store-once';

/**
 * Stores a flow at most once per idempotency key within the window (see
 * store-once.ts): the claim holds the root's id, and a repeat answers with
 * the flow as it was accepted (`GET /flows/:id` tells how it stands now).
 */
export function enqueueFlowIdempotently(
  queues: JobStore,
  root: ValidFlowNode,
  use: IdempotentEnqueue,
): Promise<{ accepted: FlowAccepted; created: boolean }> {
  const { owner, traceparent } = use;
  return storeOnce<FlowAccepted>(queues, use, {
    type: root.request.type,
    claim: now => ({
      id: newJobId(root.request.type),
      type: root.request.type,
      status: 'waiting',
      createdAt: new Date(now).toISOString(),
      nodes: [],
    }),
    store: claimed =>
      enqueueFlow(queues, root, { rootId: claimed.id, owner, traceparent }),
    current: async recorded => recorded,
  });
}
