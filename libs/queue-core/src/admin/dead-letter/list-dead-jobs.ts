import type { Job } from 'bullmq';
import { jobTypes, type JobType, type JobView } from '@errand/contracts';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import { toJobView, type ViewOptions } from '../../store/to-job-view';
import {
  deadEntries,
  deadQueueOf,
  newestFirst,
  type DeadEntry,
} from './dead-entries';
import { decodeDeadCursor, encodeDeadCursor } from './dead-letter-cursor';

/** Which dead jobs to list. */
export interface DeadJobFilter extends ViewOptions {
  /** @defaultValue every type */
  type?: JobType;
  /** @defaultValue 20 */
  limit?: number;
  /** A previous page's `nextCursor`. */
  cursor?: string;
}

/** One page of dead jobs, and where the next one starts. */
export interface DeadJobPage {
  jobs: JobView[];
  /** `null` on the last page. */
  nextCursor: string | null;
}

/**
 * Lists dead jobs, most recently dead first, one page at a time; each a
 * {@link JobView} without its timeline, `lastError` saying why it died.
 * Across types the pages merge by time of death. Reads at most
 * `limit + 1` index entries per type and `limit` jobs.
 */
export async function listDeadJobs(
  queues: JobStore,
  { type, limit = 20, cursor, ...view }: DeadJobFilter = {},
): Promise<DeadJobPage> {
  const after = cursor === undefined ? undefined : decodeDeadCursor(cursor);
  const perType = await Promise.all(
    (type ? [type] : jobTypes).map(t =>
      deadEntries(queues, t, limit + 1, { after }),
    ),
  );
  const entries = perType
    .flat()
    .sort(newestFirst)
    .slice(0, limit + 1);
  const page = entries.slice(0, limit);
  const jobs = await Promise.all(page.map(entry => load(queues, entry)));
  const last = page.at(-1);
  return {
    // A job removed since the index was read is left out.
    jobs: jobs.flatMap(job => (job ? [toJobView(job, 'dead', view)] : [])),
    nextCursor: entries.length > limit && last ? encodeDeadCursor(last) : null,
  };
}

function load(
  queues: JobStore,
  entry: DeadEntry,
): Promise<Job<JobEnvelope> | undefined> {
  return queues.runWithDeadline(() =>
    deadQueueOf(queues, entry).getJob(entry.id),
  );
}
