import type { FlowJob, JobsOptions } from 'bullmq';
import type { ValidFlowNode } from '@errand/contracts';
import type { JobEnvelope } from '../job-envelope';
import { queueNameFor, type QueueNaming } from '../queue-name';
import { failurePolicyOptions } from './failure-policy';

/** One node's job as it is about to be stored: its options and data. */
export interface NodeJob {
  options: JobsOptions;
  envelope: JobEnvelope;
}

/**
 * A validated node and everything below it as BullMQ's `FlowJob` tree,
 * every node built by `build` (its id, options and sealed envelope, made
 * by whoever stores it), each child carrying its `onFailure` policy
 * (failure-policy.ts). A child's own policy is applied only when
 * `isChild`: a flow's root has no parent to fail. Every node goes to its
 * type's queue in flow shard `shard` (the flow's, on a cluster: one slot
 * for the whole tree), or to its type's own queue when there is none.
 */
export function toFlowJob(
  naming: QueueNaming,
  node: ValidFlowNode,
  build: (node: ValidFlowNode) => NodeJob,
  isChild: boolean,
  shard?: number,
): FlowJob {
  const { options, envelope } = build(node);
  const hasChildren = node.children.length > 0;
  return {
    name: node.request.type,
    queueName: queueNameFor(node.request.type, naming, shard),
    data: {
      ...envelope,
      ...(node.name !== undefined && { nodeName: node.name }),
      ...(hasChildren && { hasChildren: true }),
    },
    opts: {
      ...options,
      ...(isChild && failurePolicyOptions(node.onFailure)),
    },
    ...(hasChildren && {
      children: node.children.map(child =>
        toFlowJob(naming, child, build, true, shard),
      ),
    }),
  };
}
