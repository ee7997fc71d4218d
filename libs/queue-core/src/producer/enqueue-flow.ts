import type {
  FlowAccepted,
  FlowNodeAccepted,
  ValidFlowNode,
} from '@errand/contracts';
import { toFlowJob, type NodeJob } from '../store/flow/flow-jobs';
import { newJobId } from '../store/job-id';
import type { JobStore } from '../store/job-store';
import { BATCH_DEADLINE_MS_PER_JOB } from './enqueue-batch';
import { planKeyedHolds } from './hold-keyed-jobs';
import { newJob, type NewJobMetadata } from './new-job';
import { refuseCallbacksWhenOff } from './refuse-callbacks-when-off';

/** How {@link enqueueFlow} stores a flow. */
export interface EnqueueFlowOptions extends NewJobMetadata {
  /** The root's id, made beforehand (an idempotency claim). @defaultValue a new one */
  rootId?: string;
}

/** Nodes in breadth-first order: parents before their children. */
function breadthFirst(root: ValidFlowNode): ValidFlowNode[] {
  const nodes = [root];
  for (let i = 0; i < nodes.length; i++) nodes.push(...nodes[i].children);
  return nodes;
}

/** A node's first status: a parent waits; a leaf is queued or scheduled. */
function firstStatus(node: ValidFlowNode, delayed: boolean) {
  if (node.children.length > 0) return 'waiting' as const;
  return delayed ? ('scheduled' as const) : ('queued' as const);
}

/**
 * Stores a validated flow with BullMQ's `FlowProducer`: every node a job of
 * its type, built as a single enqueue builds it (newJob: id naming its
 * type, options, sealed envelope), each child carrying its `onFailure`
 * policy (store/flow/flow-jobs.ts). BullMQ adds the whole tree in one
 * MULTI/EXEC: all of it or none; on a cluster every node goes to the
 * flow's shard, chosen by the root's id (store/queue-name.ts), so that
 * transaction and every later move of the tree touch one slot. A parent
 * waits in `waiting-children` until its children have ended. A leaf with
 * a `concurrencyKey` whose type caps its key is held as an enqueued job is
 * (hold-keyed-jobs.ts): stored delayed, then started as its key has free
 * slots. A parent is never held here (a delay would follow it out of
 * `waiting-children`): the worker's key gate holds it when it runs.
 * Resolves with the root's id (the flow's id) and every node, parents
 * first.
 */
export async function enqueueFlow(
  queues: JobStore,
  root: ValidFlowNode,
  { rootId, owner, traceparent }: EnqueueFlowOptions = {},
): Promise<FlowAccepted> {
  const nodes = breadthFirst(root);
  refuseCallbacksWhenOff(
    queues,
    nodes.map(node => node.request),
    index => (nodes[index].path === '/' ? '' : nodes[index].path),
  );
  const leaves = nodes.filter(node => node.children.length === 0);
  const leafIndex = new Map(leaves.map((leaf, index) => [leaf, index]));
  const holds = await planKeyedHolds(
    queues,
    leaves.map(leaf => leaf.request),
  );
  const now = Date.now();
  const flowId = rootId ?? newJobId(root.request.type);
  const accepted = new Map<ValidFlowNode, FlowNodeAccepted>();
  const build = (node: ValidFlowNode): NodeJob => {
    const { request } = node;
    const id = node === root ? flowId : newJobId(request.type);
    const job = newJob(queues, id, request, now, { owner, traceparent });
    const leaf = leafIndex.get(node);
    accepted.set(node, {
      path: node.path,
      id,
      type: request.type,
      ...(node.name !== undefined && { name: node.name }),
      status: firstStatus(node, Boolean(job.options.delay)),
    });
    return leaf === undefined
      ? job
      : { ...job, options: holds.optionsFor(leaf, job.options) };
  };
  const flow = toFlowJob(
    queues.naming,
    root,
    build,
    false,
    queues.flowShardOf(flowId),
  );
  // A write: acknowledged once the replicas hold it (job-store.ts).
  const stored = await queues.writeThenWaitForReplicas(
    () => queues.flowProducer().add(flow),
    queues.deadlineMs + nodes.length * BATCH_DEADLINE_MS_PER_JOB,
  );
  await holds.admit(
    leaves.map(leaf => (accepted.get(leaf) as FlowNodeAccepted).id),
  );
  const rootAccepted = accepted.get(root) as FlowNodeAccepted;
  return {
    id: rootAccepted.id,
    type: rootAccepted.type,
    status: rootAccepted.status,
    createdAt: new Date(stored.job.timestamp ?? now).toISOString(),
    nodes: nodes.map(node => accepted.get(node) as FlowNodeAccepted),
  };
}
