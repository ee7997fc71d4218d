import { jobCatalog, type TypeStats } from '@errand/contracts';
import type { Queue } from 'bullmq';
import type { JobEnvelope } from '../producer/job-envelope';
import type { QueueSet } from '../queues/queue-set';

/** Waiting jobs read per type to count versions; keeps stats cheap. */
const VERSION_SAMPLE = 1_000;

async function waitingByVersion(queue: Queue, waiting: number) {
  const jobs = await queue.getJobs(
    ['wait', 'prioritized', 'delayed'],
    0,
    VERSION_SAMPLE - 1,
  );
  const byVersion: Record<string, number> = {};
  for (const job of jobs) {
    const version = String((job.data as JobEnvelope)?.version ?? 1);
    byVersion[version] = (byVersion[version] ?? 0) + 1;
  }
  return { byVersion, complete: waiting <= VERSION_SAMPLE };
}

/** Counts every type's jobs by where they stand, and waiting ones by version. */
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
        const counts = {
          queued: n('wait') + n('prioritized') + n('waiting-children'),
          delayed: n('delayed'),
          running: n('active'),
          succeeded: n('completed'),
          dead: n('failed'),
        };
        const versions = await waitingByVersion(
          queue,
          counts.queued + counts.delayed,
        );
        return {
          type,
          version: jobCatalog[type].version,
          counts,
          waitingByVersion: versions.byVersion,
          waitingByVersionComplete: versions.complete,
        };
      }),
    ),
  );
}
