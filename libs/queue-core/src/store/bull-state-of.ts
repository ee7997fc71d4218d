import type { JobType } from '@errand/contracts';
import type { JobStore } from './job-store';
import type { BullState } from './job-status-map';

/**
 * Where job `id` of `type` stands, in lookups sent as one pipeline to its
 * queue's slot, in the order in which a job moves through them (so a job
 * moving meanwhile shows a state it was in: see find-job.ts). A job in
 * none of them is waiting to run (`wait`, `prioritized` or `paused`), or
 * gone. Five lookups; four `withoutWaitingChildren`, for a reader that
 * asks {@link isWaitingForChildren} only of jobs that have children.
 * `shard`: the job is a flow's node in that flow shard (queue-name.ts).
 */
export async function bullStateOf(
  queues: Pick<JobStore, 'connection' | 'queueFor'>,
  type: JobType,
  id: string,
  {
    withoutWaitingChildren = false,
    shard,
  }: { withoutWaitingChildren?: boolean; shard?: number } = {},
): Promise<BullState> {
  const { keys } = queues.queueFor(type, shard);
  const pipeline = queues.connection
    .pipeline()
    .lpos(keys.active, id)
    .zscore(keys.delayed, id)
    .zscore(keys.completed, id)
    .zscore(keys.failed, id);
  if (!withoutWaitingChildren) pipeline.zscore(keys['waiting-children'], id);
  const where = await pipeline.exec();
  const [active, delayed, completed, failed, waiting = null] = (
    where ?? []
  ).map(([error, value]) => {
    if (error) throw error;
    return value;
  });
  return active !== null
    ? 'active'
    : delayed !== null
      ? 'delayed'
      : completed !== null
        ? 'completed'
        : failed !== null
          ? 'failed'
          : waiting !== null
            ? 'waiting-children'
            : 'wait';
}

/** Whether job `id` of `type` waits for its children: one ZSCORE. */
export async function isWaitingForChildren(
  queues: Pick<JobStore, 'connection' | 'queueFor'>,
  type: JobType,
  id: string,
  shard?: number,
): Promise<boolean> {
  const { keys } = queues.queueFor(type, shard);
  return (
    (await queues.connection.zscore(keys['waiting-children'], id)) !== null
  );
}
