import type { JobStatus, JobType } from '@errand/contracts';
import { jobKeyOf, readChildren } from '../../store/flow/flow-children';
import { getJobView } from '../../store/find-job';
import type { JobStore } from '../../store/job-store';
import { jobEventHubOf } from '../events/job-event-hub';
import { walkFlow, type WalkedNode } from './walk-flow';

/** A node of a watched flow whose status is new, or newly met. */
interface FlowNodeChange {
  id: string;
  type: JobType;
  parentId: string | null;
  status: JobStatus;
}

/** A watched node: its change, and where it is (never reported). */
interface TrackedNode extends FlowNodeChange {
  /** Its flow shard, on a cluster (store/queue-name.ts). */
  shard?: number;
}

/** What is reported of a node: never where it is kept. */
function changeOf({ id, type, parentId, status }: TrackedNode): FlowNodeChange {
  return { id, type, parentId, status };
}

/** What {@link watchFlow} tells as the flow moves. */
export interface FlowWatcher {
  onNode(change: FlowNodeChange): void;
  /** The root ended; every node's last status counted. */
  onEnd(end: {
    id: string;
    status: JobStatus;
    counts: Partial<Record<JobStatus, number>>;
  }): void;
  onError(error: unknown): void;
}

const ENDED: readonly JobStatus[] = ['succeeded', 'dead', 'cancelled'];

/**
 * Watches the flow under job `id` (`GET /flows/:id/events`):
 * 1. walk   — one walk of the tree (walk-flow.ts) reports every node;
 * 2. listen — each node not ended is watched through the process's job
 *    event hub (one blocking reader per job type, whatever the number of
 *    nodes or streams), so the flow is never polled;
 * 3. re-read — an event on a node re-reads that node alone (its view: a
 *    status read), and a change of status is reported; a parent that
 *    starts waiting is asked for its children again, so the children a
 *    handler adds with `waitForChildren` are reported and watched too;
 * 4. end    — when the root ends, its status and every node's last status
 *    counted; the watch stops.
 * Resolves once the walk is done (a missing flow rejects, before any
 * report) with the function that stops the watch.
 */
export async function watchFlow(
  queues: JobStore,
  id: string,
  watcher: FlowWatcher,
): Promise<() => void> {
  const hub = jobEventHubOf(queues);
  const nodes = new Map<string, TrackedNode>();
  const unwatch = new Map<string, () => void>();
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const off of unwatch.values()) off();
    unwatch.clear();
  };
  const end = () => {
    const root = nodes.get(id);
    if (!root) return;
    const counts: Partial<Record<JobStatus, number>> = {};
    for (const { status } of nodes.values()) {
      counts[status] = (counts[status] ?? 0) + 1;
    }
    stop();
    watcher.onEnd({ id, status: root.status, counts });
  };
  // A node read now is read once more after, if an event came meanwhile:
  // that event may be its last.
  const reading = new Set<string>();
  const again = new Set<string>();
  const reread = async (node: TrackedNode): Promise<void> => {
    if (reading.has(node.id)) {
      again.add(node.id);
      return;
    }
    reading.add(node.id);
    try {
      const { status } = await getJobView(queues, node.id);
      if (stopped || status === node.status) return;
      node.status = status;
      watcher.onNode(changeOf(node));
      // A node that ends is asked too: a short wait for its children can
      // begin and end between two reads, and those children were never
      // reported. Read now, they are reported with their last status.
      if (status === 'waiting') await addChildren(node);
      if (ENDED.includes(status)) {
        await addChildren(node, { settled: true });
        unwatch.get(node.id)?.();
      }
      if (node.id === id && ENDED.includes(status)) end();
    } catch (error) {
      if (!stopped) {
        stop();
        watcher.onError(error);
      }
    } finally {
      reading.delete(node.id);
      if (again.delete(node.id) && !stopped) void reread(node);
    }
  };
  const track = (node: TrackedNode): void => {
    nodes.set(node.id, node);
    if (ENDED.includes(node.status) || unwatch.has(node.id)) return;
    const off = hub.watch(
      node.type,
      node.id,
      () => void reread(node),
      () => {
        if (!stopped) {
          stop();
          watcher.onError(new Error('The event reader closed.'));
        }
      },
      node.shard,
    );
    unwatch.set(node.id, () => {
      off();
      unwatch.delete(node.id);
    });
  };
  /** Reports the children of `parent` not met yet; `settled`: awaits their reads. */
  const addChildren = async (
    parent: TrackedNode,
    { settled = false } = {},
  ): Promise<void> => {
    const refs = await readChildren(
      queues,
      jobKeyOf(queues, parent.type, parent.id, parent.shard),
    );
    const reads: Promise<void>[] = [];
    for (const ref of refs) {
      if (nodes.has(ref.id) || stopped) continue;
      const child: TrackedNode = {
        id: ref.id,
        type: ref.type,
        ...(ref.shard !== undefined && { shard: ref.shard }),
        parentId: parent.id,
        status: 'queued',
      };
      track(child);
      watcher.onNode(changeOf(child));
      reads.push(reread(child));
    }
    if (settled) await Promise.all(reads);
  };

  const walked: WalkedNode[] = await walkFlow(queues, id);
  for (const { id: nodeId, type, shard, parentId, status } of walked) {
    const node: TrackedNode = {
      id: nodeId,
      type,
      ...(shard !== undefined && { shard }),
      parentId,
      status,
    };
    track(node);
    watcher.onNode(changeOf(node));
  }
  if (ENDED.includes(nodes.get(id)?.status ?? 'queued')) {
    end();
    return stop;
  }
  // A node may have moved between the walk and its watch: read each once.
  for (const node of [...nodes.values()]) {
    if (!ENDED.includes(node.status)) void reread(node);
  }
  return stop;
}
