import { Job } from 'bullmq';
import type { JobType } from '@errand/contracts';
import type { JobStore } from '../job-store';
import { jobKeyOf, readChildren } from './flow-children';

/**
 * Lets a parent complete while some of its children are still pending,
 * which happens when a child died under `onFailure: "continue"` and the
 * parent ran at once. BullMQ refuses to complete a job with pending
 * children (its `moveToFinished` answers -4), so each pending child is cut
 * loose first (BullMQ's `removeChildDependency`): it runs on as a job of
 * its own, no longer naming the parent, and its result goes nowhere. One
 * SCARD for a parent with none pending, the common case. `shard`: the
 * parent's flow shard, when it is in one (queue-name.ts).
 */
export async function releasePendingChildren(
  queues: Pick<JobStore, 'connection' | 'naming' | 'queueFor'>,
  type: JobType,
  id: string,
  shard?: number,
): Promise<number> {
  const parentKey = jobKeyOf(queues, type, id, shard);
  if ((await queues.connection.scard(`${parentKey}:dependencies`)) === 0) {
    return 0;
  }
  const pending = (await readChildren(queues, parentKey)).filter(
    child => child.ended === 'pending',
  );
  for (const child of pending) {
    const job = await Job.fromId(
      queues.queueFor(child.type, child.shard),
      child.id,
    );
    await job?.removeChildDependency();
  }
  return pending.length;
}
