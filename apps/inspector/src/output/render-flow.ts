import type { FlowNodeView, FlowView, JobStatus } from '@errand/contracts';
import { statusCell } from './colour';
import { oneLine } from './strip-control';

/** Ended: a node in one of these will not run again by itself. */
const endedStatuses: readonly JobStatus[] = ['succeeded', 'dead', 'cancelled'];

/** Width of the progress bar, in characters. */
const BAR_WIDTH = 30;

/** Statuses counted, as `6 succeeded, 2 running`, largest first. */
function describeCounts(
  counts: Partial<Record<JobStatus, number>>,
): string {
  return Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

/** `[#########.....]  7/10 ended (5 succeeded, 2 dead, 3 running)`. */
export function progressBar({ total, counts }: FlowView['nodes']): string {
  const ended = endedStatuses.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const filled = total === 0 ? 0 : Math.round((ended / total) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${ended}/${total} ended (${describeCounts(counts)})`;
}

/**
 * The flow as an indented tree, each node with its status; a parent lists
 * at most `perParent` children, the rest summed up by status in one line.
 */
export function renderFlowTree(
  nodes: readonly FlowNodeView[],
  perParent: number,
  isTty: boolean,
): string[] {
  const childrenOf = new Map<string | null, FlowNodeView[]>();
  for (const node of nodes) {
    childrenOf.set(node.parentId, [
      ...(childrenOf.get(node.parentId) ?? []),
      node,
    ]);
  }
  const lines: string[] = [];
  const draw = (node: FlowNodeView, indent: string): void => {
    const status = statusCell(node.status);
    const name = node.name === undefined ? '' : ` "${oneLine(node.name)}"`;
    lines.push(
      `${indent}${node.type}${name} ${node.id} ${isTty ? status.painted : status.plain}`,
    );
    const children = childrenOf.get(node.id) ?? [];
    for (const child of children.slice(0, perParent)) {
      draw(child, `${indent}  `);
    }
    const rest = children.slice(perParent);
    if (rest.length > 0) {
      const counts: Partial<Record<JobStatus, number>> = {};
      for (const { status } of rest) counts[status] = (counts[status] ?? 0) + 1;
      lines.push(
        `${indent}  … ${rest.length} more (${describeCounts(counts)})`,
      );
    }
  };
  for (const root of childrenOf.get(null) ?? []) draw(root, '');
  return lines;
}
