import type { JobStatus, JobType } from '@errand/contracts';
import { bullStateOf } from '../bull-state-of';
import type { JobStore } from '../job-store';
import { toJobStatus } from '../job-status-map';
import { parseQueueName } from '../queue-name';

/**
 * A parent's children as BullMQ keeps them, beside the parent's hash
 * (`<prefix>:<queue>:<id>`), each child named by its own job key:
 * - `:dependencies`, a set: children not ended yet (pending);
 * - `:processed`, a hash: succeeded children and their results;
 * - `:failed`, a hash: dead children under `ignore` or `continue`, and why;
 * - `:unsuccessful`, a sorted set: dead children under `fail-parent`.
 * A cancelled child has been removed from all four.
 */

/** One child of a parent, and how it stands. */
export interface ChildRef {
  type: JobType;
  id: string;
  /** Its flow shard, on a cluster (its parent's): see queue-name.ts. */
  shard?: number;
  /** `pending` until it ends; then `succeeded` or `dead`. */
  ended: 'pending' | 'succeeded' | 'dead';
  /** A succeeded child's result (as JSON text) or a dead child's reason. */
  detail?: string;
}

/**
 * The BullMQ key of job `id` in the queue of `type` (`<prefix>:<queue>:<id>`),
 * in flow shard `shard` when given (queue-name.ts).
 */
export function jobKeyOf(
  queues: Pick<JobStore, 'queueFor'>,
  type: JobType,
  id: string,
  shard?: number,
): string {
  return `${queues.queueFor(type, shard).qualifiedName}:${id}`;
}

/** A child job key read back as its queue and id, or undefined if foreign. */
function parseJobKey(
  prefix: string,
  key: string,
): Omit<ChildRef, 'ended'> | undefined {
  if (!key.startsWith(`${prefix}:`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  const at = rest.lastIndexOf(':');
  const place = parseQueueName(rest.slice(0, at));
  return place && { ...place, id: rest.slice(at + 1) };
}

/**
 * The children of the parent whose job key is `parentKey`, read in four
 * commands to the parent's slot. With `details`, results and reasons too
 * (a handler reading its children's outcomes); without, only the keys (a
 * tree walk, which must not pull 10 000 results).
 */
export async function readChildren(
  queues: Pick<JobStore, 'connection' | 'naming'>,
  parentKey: string,
  { details = false }: { details?: boolean } = {},
): Promise<ChildRef[]> {
  const redis = queues.connection;
  const [pending, processed, failed, unsuccessful] = await Promise.all([
    redis.smembers(`${parentKey}:dependencies`),
    details
      ? redis.hgetall(`${parentKey}:processed`)
      : redis.hkeys(`${parentKey}:processed`).then(keysOnly),
    details
      ? redis.hgetall(`${parentKey}:failed`)
      : redis.hkeys(`${parentKey}:failed`).then(keysOnly),
    redis.zrange(`${parentKey}:unsuccessful`, 0, -1),
  ]);
  const children: ChildRef[] = [];
  const add = (
    key: string,
    ended: ChildRef['ended'],
    detail?: string,
  ): void => {
    const child = parseJobKey(queues.naming.prefix, key);
    if (child) {
      children.push({
        ...child,
        ended,
        ...(detail !== undefined && { detail }),
      });
    }
  };
  for (const key of pending) add(key, 'pending');
  for (const [key, result] of Object.entries(processed)) {
    add(key, 'succeeded', details ? result : undefined);
  }
  for (const [key, reason] of Object.entries(failed)) {
    add(key, 'dead', details ? reason : undefined);
  }
  for (const key of unsuccessful) add(key, 'dead');
  return children;
}

function keysOnly(keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map(key => [key, '']));
}

/**
 * The public status of each child: an ended one's is known from where its
 * parent keeps it; a pending one's is read from its queue (five lookups,
 * sent together for all of them; one more for a delayed child, to tell a
 * retry from a schedule).
 */
export function childStatuses(
  queues: Pick<JobStore, 'connection' | 'queueFor'>,
  children: readonly ChildRef[],
): Promise<JobStatus[]> {
  return Promise.all(
    children.map(async child => {
      if (child.ended !== 'pending') return child.ended;
      const state = await bullStateOf(queues, child.type, child.id, {
        shard: child.shard,
      });
      const attempts =
        state === 'delayed'
          ? Number(
              await queues.connection.hget(
                jobKeyOf(queues, child.type, child.id, child.shard),
                'atm',
              ),
            )
          : 0;
      return toJobStatus(state, attempts) ?? 'queued';
    }),
  );
}

/** Statuses counted, those with none left out. */
export function countStatuses(
  statuses: readonly JobStatus[],
): Partial<Record<JobStatus, number>> {
  const counts: Partial<Record<JobStatus, number>> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
