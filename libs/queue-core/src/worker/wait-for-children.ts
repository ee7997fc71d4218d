import { WaitingChildrenError, WaitingError, type Job } from 'bullmq';
import { jobCatalog, type ValidFlowNode } from '@errand/contracts';
import { toFlowJob } from '../store/flow/flow-jobs';
import type { JobEnvelope } from '../store/job-envelope';
import { derivedJobId } from '../store/job-id';
import { jobOptionsFor } from '../store/job-options';
import type { JobStore } from '../store/job-store';
import { parseQueueName, type QueueNaming } from '../store/queue-name';

/**
 * A handler's fan-out (`waitForChildren`), BullMQ's moveToWaitingChildren
 * pattern, run by settle.ts while the job's lock is held:
 * 1. store — every child (and anything below it) is added in one MULTI
 *    under the running job, as a flow's children are: its payload sealed,
 *    the parent's owner and trace, its `onFailure` policy, and an id
 *    naming its type derived from the job's id, its pass and the child's
 *    place, so storing the same pass's children again stores nothing;
 * 2. mark  — the job's envelope gains `pass + 1` and `hasChildren`, so the
 *    next call of the handler knows its pass and a read counts children;
 * 3. wait  — `moveToWaitingChildren` parks the job until its children have
 *    ended; if they all ended already, it goes back to wait instead. Both
 *    release the lock without using an attempt (attemptsMade is untouched).
 * A worker dying between 1 and 2 leaves the job to the stall check, which
 * runs the same pass again: the handler must ask for the same children
 * (then none is stored twice). Dying between 2 and 3, the next pass runs
 * early, and may find some children `pending` in `context.children()`.
 * On a cluster the children go to the job's flow shard (queue-name.ts), so
 * only a flow's node can fan out there ({@link canFanOut}).
 */
export async function moveToWaitingForChildren(
  job: Job<JobEnvelope>,
  token: string,
  children: readonly ValidFlowNode[],
  store: Pick<
    JobStore,
    'cipher' | 'retention' | 'naming' | 'flowProducer' | 'queueFor'
  >,
): Promise<never> {
  const now = Date.now();
  const parent = { id: job.id ?? '', queue: job.queueQualifiedName };
  const envelope = job.data;
  const pass = envelope.pass ?? 1;
  const build = (index: number) => (node: ValidFlowNode) => {
    const { request } = node;
    const seed = `errand:fan-out:${parent.id}:${pass}:${index}${node.path}`;
    const id = derivedJobId(request.type, seed);
    return {
      options: jobOptionsFor(id, request, now, store.retention),
      envelope: {
        payload: store.cipher
          ? store.cipher.seal(
              { type: request.type, jobId: id },
              request.payload,
            )
          : request.payload,
        version: jobCatalog[request.type].version,
        ...(envelope.owner && { owner: envelope.owner }),
        ...(envelope.traceparent && { traceparent: envelope.traceparent }),
        // Held, if its key is full, by the key gate when it is fetched.
        ...(request.concurrencyKey && {
          concurrencyKey: request.concurrencyKey,
        }),
      },
    };
  };
  // In the parent's flow shard, if any: BullMQ's scripts touch a parent's
  // and its children's keys at once, so on a cluster they share its slot.
  const shard = parseQueueName(job.queueName)?.shard;
  await store.flowProducer().addBulk(
    children.map((child, index) => {
      const flow = toFlowJob(store.naming, child, build(index), true, shard);
      return { ...flow, opts: { ...flow.opts, parent } };
    }),
  );
  await job.updateData({
    ...envelope,
    pass: pass + 1,
    hasChildren: true,
  });
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
  await job.moveToWait(token);
  throw new WaitingError();
}

/**
 * Whether a job in queue `queueName` can have children added: anywhere on
 * one Redis; on a cluster only in a flow shard, the one slot its children
 * can share with it (a type's own queue has its type's slot, and no worker
 * serves other types there). A job enqueued alone that must fan out on a
 * cluster is enqueued as a flow of one node (docs/scaling.md).
 */
export function canFanOut(naming: QueueNaming, queueName: string): boolean {
  return !naming.hashTag || parseQueueName(queueName)?.shard !== undefined;
}
