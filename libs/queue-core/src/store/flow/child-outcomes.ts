import type { ChildOutcome, JobType } from '@errand/contracts';
import type { JobStore } from '../job-store';
import { jobKeyOf, readChildren } from './flow-children';

/** BullMQ stores a result as JSON text; a reason is plain text. */
function parseResult(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The children of job `id` of `type` as its handler reads them
 * (`context.children()`): each succeeded one with its result, each dead one
 * with its reason, each not ended yet as pending. Four commands to the
 * job's slot, whatever the number of children. `shard`: the job's flow
 * shard, when it is in one (queue-name.ts).
 */
export async function readChildOutcomes(
  queues: Pick<JobStore, 'connection' | 'naming' | 'queueFor'>,
  type: JobType,
  id: string,
  shard?: number,
): Promise<ChildOutcome[]> {
  const children = await readChildren(
    queues,
    jobKeyOf(queues, type, id, shard),
    { details: true },
  );
  return children.map(({ type, id, ended, detail }) => {
    switch (ended) {
      case 'succeeded':
        return { type, id, status: 'succeeded', result: parseResult(detail) };
      case 'dead':
        return { type, id, status: 'dead', reason: detail || 'failed' };
      case 'pending':
        return { type, id, status: 'pending' };
    }
  }) as ChildOutcome[];
}
