import type { TypeStats } from '@errand/contracts';
import type { QueueSet } from '../queues/queue-set';

/** Counts every type's jobs by where they stand. */
export async function countJobs(queues: QueueSet): Promise<TypeStats[]> {
  return queues.run(() =>
    Promise.all(
      queues.all().map(async ({ type, queue }) => {
        const c = await queue.getJobCounts(
          'wait',
          'prioritized',
          'waiting-children',
          'delayed',
          'active',
          'completed',
          'failed',
        );
        const n = (state: string) => c[state] ?? 0;
        return {
          type,
          counts: {
            queued: n('wait') + n('prioritized') + n('waiting-children'),
            delayed: n('delayed'),
            running: n('active'),
            succeeded: n('completed'),
            dead: n('failed'),
          },
        };
      }),
    ),
  );
}
