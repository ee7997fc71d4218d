import type { JobStatus, JobType } from '@errand/contracts';
import { findJob } from '../../store/find-job';
import {
  childStatuses,
  jobKeyOf,
  readChildren,
  type ChildRef,
} from '../../store/flow/flow-children';
import type { JobStore } from '../../store/job-store';

/**
 * Extra Redis time a level's read may take per node, on top of the store's
 * deadline: a level of 1 000 nodes is some 6 000 commands, quick on an idle
 * server but past a flat 800 ms on a loaded one. A Redis that is down
 * still fails at once.
 */
const DEADLINE_MS_PER_NODE = 5;

/** One node met on a walk down a flow. */
export interface WalkedNode {
  type: JobType;
  id: string;
  /** Its flow shard, on a cluster (store/queue-name.ts). */
  shard?: number;
  parentId: string | null;
  depth: number;
  status: JobStatus;
  /** How many children it has (cancelled ones are gone, and not counted). */
  children: number;
}

/**
 * Every node of the flow under job `id` (itself the root), breadth first:
 * parents before children. One level at a time, the children of all its
 * nodes read together (four commands each, store/flow/flow-children.ts),
 * then the status of every child that has not ended (five lookups each).
 * A flow of 10 000 nodes is some 90 000 commands in about twenty round
 * trips: fine for an operator's read, not for a poll loop.
 */
export async function walkFlow(
  queues: JobStore,
  id: string,
): Promise<WalkedNode[]> {
  const root = await findJob(queues, id);
  const nodes: WalkedNode[] = [
    {
      type: root.type,
      id,
      ...(root.shard !== undefined && { shard: root.shard }),
      parentId: null,
      depth: 0,
      status: root.status,
      children: 0,
    },
  ];
  let level = nodes.slice();
  while (level.length > 0) {
    const childrenOf = await queues.runWithDeadline(
      () =>
        Promise.all(
          level.map(node =>
            readChildren(
              queues,
              jobKeyOf(queues, node.type, node.id, node.shard),
            ),
          ),
        ),
      queues.deadlineMs + level.length * DEADLINE_MS_PER_NODE,
    );
    const refs: { ref: ChildRef; parent: WalkedNode }[] = [];
    level.forEach((parent, i) => {
      parent.children = childrenOf[i].length;
      for (const ref of childrenOf[i]) refs.push({ ref, parent });
    });
    const statuses = await queues.runWithDeadline(
      () =>
        childStatuses(
          queues,
          refs.map(({ ref }) => ref),
        ),
      queues.deadlineMs + refs.length * DEADLINE_MS_PER_NODE,
    );
    level = refs.map(({ ref, parent }, i) => ({
      type: ref.type,
      id: ref.id,
      ...(ref.shard !== undefined && { shard: ref.shard }),
      parentId: parent.id,
      depth: parent.depth + 1,
      status: statuses[i],
      children: 0,
    }));
    nodes.push(...level);
  }
  return nodes;
}
