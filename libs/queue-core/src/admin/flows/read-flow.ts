import {
  FLOW_PAGE_SIZE,
  type FlowNodeView,
  type FlowView,
} from '@errand/contracts';
import { countStatuses, jobKeyOf } from '../../store/flow/flow-children';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import { walkFlow, type WalkedNode } from './walk-flow';

/** Which page of a flow to read. */
export interface FlowPageQuery {
  /** The `nextCursor` of the page before; none for the first page. */
  cursor?: string;
  /** @defaultValue {@link FLOW_PAGE_SIZE} */
  limit?: number;
}

/** The names the page's nodes were given in the request, read from their data. */
async function namesOf(
  queues: JobStore,
  nodes: readonly WalkedNode[],
): Promise<(string | undefined)[]> {
  const data = await queues.runWithDeadline(
    () =>
      Promise.all(
        nodes.map(node =>
          queues.connection.hget(
            jobKeyOf(queues, node.type, node.id, node.shard),
            'data',
          ),
        ),
      ),
    // Like a level of walk-flow.ts: more time for a larger page.
    queues.deadlineMs + nodes.length * 5,
  );
  return data.map(text => {
    if (!text) return undefined;
    try {
      return (JSON.parse(text) as JobEnvelope).nodeName;
    } catch {
      return undefined;
    }
  });
}

/**
 * The flow under job `id` as `GET /flows/:id` shows it: the root, every
 * node counted by status, and one page of nodes, parents first. The cursor
 * is an offset into that order: a tree only grows at its leaves (a handler
 * fanning out), so a page never shifts under the next.
 */
export async function readFlow(
  queues: JobStore,
  id: string,
  { cursor, limit = FLOW_PAGE_SIZE }: FlowPageQuery = {},
): Promise<FlowView> {
  const nodes = await walkFlow(queues, id);
  const from = cursor ? Math.max(0, Number.parseInt(cursor, 10) || 0) : 0;
  const slice = nodes.slice(from, from + limit);
  const names = await namesOf(queues, slice);
  const page: FlowNodeView[] = slice.map((node, i) => ({
    id: node.id,
    type: node.type,
    ...(names[i] !== undefined && { name: names[i] }),
    status: node.status,
    parentId: node.parentId,
    depth: node.depth,
    children: node.children,
  }));
  const [root] = nodes;
  return {
    id: root.id,
    type: root.type,
    status: root.status,
    nodes: {
      total: nodes.length,
      counts: countStatuses(nodes.map(node => node.status)),
    },
    page,
    nextCursor: from + limit < nodes.length ? String(from + limit) : null,
  };
}
