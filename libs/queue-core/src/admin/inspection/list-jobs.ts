import type { Job, Queue } from 'bullmq';
import {
  jobTypes,
  type JobStatus,
  type JobType,
  type JobView,
} from '@errand/contracts';
import { listCancelled } from '../../store/cancelled-jobs';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import { flowShardsOf, type QueuePlace } from '../../store/queue-name';
import {
  compareNewestFirst,
  decodeCursor,
  encodeCursor,
  isAfter,
  type JobCursor,
} from './job-cursor';
import {
  bullStatesOf,
  toJobStatus,
  type BullState,
} from '../../store/job-status-map';
import { toJobView, type ViewOptions } from '../../store/to-job-view';

/** Which jobs to list. */
export interface JobFilter extends ViewOptions {
  status?: JobStatus;
  type?: JobType;
  /** @defaultValue 50 */
  limit?: number;
  /** A `nextCursor` from an earlier page: list only jobs older than it. */
  cursor?: string;
}

/** One page, newest first; `nextCursor` is null on the last page. */
export interface JobPage {
  jobs: JobView[];
  nextCursor: string | null;
}

/** Ids read from Redis per round trip. */
const CHUNK = 500;
/**
 * Entries read per state and type for one page, at most: bounds the cost of
 * a page whatever the size of the queues.
 */
const SCAN_BUDGET = 10_000;

const allBullStates = [...new Set(Object.values(bullStatesOf).flat())];

/**
 * For sorted sets scored by a time no earlier than each job's creation,
 * that time from the score: finished jobs by when they finished, delayed
 * ones by when they are due (BullMQ packs a counter in the low 12 bits).
 */
const scoreTime: Partial<Record<BullState, (score: number) => number>> = {
  completed: score => score,
  failed: score => score,
  delayed: score => Math.floor(score / 0x1000),
};

const isList = (state: BullState) => state === 'wait' || state === 'active';

interface Candidate extends JobCursor {
  type: JobType;
  /** Its flow shard, for a flow's node on a cluster (store/queue-name.ts). */
  shard?: number;
  state: BullState;
  status: JobStatus;
}

/**
 * The newest `limit` jobs in one state of one queue that come after the
 * cursor and have the status asked for, read newest end first in chunks.
 * Lists and the priority set give no bound on the creation time of what
 * lies deeper, so they are read to their end or the budget; sets scored by
 * a time at or after creation stop as soon as that time falls below the
 * oldest job kept.
 */
async function newestIn(
  queues: JobStore,
  { type, shard }: QueuePlace,
  state: BullState,
  filter: { cursor?: JobCursor; status?: JobStatus; limit: number },
): Promise<Candidate[]> {
  const queue: Queue = queues.queueFor(type, shard);
  const key = queue.keys[state];
  const redis = queues.connection;
  const kept: Candidate[] = [];
  for (let start = 0; start < SCAN_BUDGET; start += CHUNK) {
    const end = start + CHUNK - 1;
    let ranged: string[];
    let lowestScore: number | undefined;
    if (isList(state)) {
      ranged = await redis.lrange(key, start, end);
    } else {
      const flat = await redis.zrevrange(key, start, end, 'WITHSCORES');
      ranged = flat.filter((_, i) => i % 2 === 0);
      lowestScore = flat.length ? Number(flat[flat.length - 1]) : undefined;
    }
    // Markers of old BullMQ versions sit in the wait list as `0:<delay>`.
    const ids = ranged.filter(id => !id.startsWith('0:'));
    const fields = ids.length
      ? await redis
          .pipeline(
            ids.map(id => ['hmget', queue.toKey(id), 'timestamp', 'atm']),
          )
          .exec()
      : [];
    ids.forEach((id, i) => {
      const [timestamp, attemptsMade] = (fields?.[i]?.[1] ?? []) as (
        string | null
      )[];
      if (!timestamp) return; // removed since the range was read
      const status = toJobStatus(state, Number(attemptsMade ?? 0));
      const job = { createdAt: Number(timestamp), id };
      if (!status || (filter.status && status !== filter.status)) return;
      if (!isAfter(job, filter.cursor)) return;
      kept.push({
        ...job,
        type,
        ...(shard !== undefined && { shard }),
        state,
        status,
      });
    });
    kept.sort(compareNewestFirst);
    kept.splice(filter.limit);
    if (ranged.length < CHUNK) break;
    const time = scoreTime[state];
    if (
      time &&
      lowestScore !== undefined &&
      kept.length >= filter.limit &&
      time(lowestScore) < kept[filter.limit - 1].createdAt
    ) {
      break;
    }
  }
  return kept;
}

/**
 * Lists jobs newest first (by creation time, then id) across every type's
 * queue unless filtered, one page at a time.
 *
 * What "stable" guarantees: a job's place in the order never changes (its
 * creation time and id are fixed), and each page holds only jobs strictly
 * older than the cursor it was asked with. So, across the pages of one
 * listing, no job is listed twice, jobs created meanwhile never appear on
 * or shift later pages, and a job that exists throughout the listing and
 * matches the filter throughout is listed exactly once, whatever states it
 * passes through (without a status filter every state is read). A job
 * that moves between states while one page is being read may be missing
 * from that page.
 *
 * What it costs: per queue (a type's, and on a cluster its queue in each
 * flow shard) and BullMQ state, at most {@link SCAN_BUDGET}
 * entries are read (one small HMGET each, in chunks), then only the page's
 * jobs in full. Finished and delayed jobs are in sets scored by a time at
 * or after creation, which lets the read stop early; the wait and active
 * lists and the priority set are read whole up to the budget, so in a
 * backlog deeper than {@link SCAN_BUDGET} jobs of one type the oldest are
 * not reached (counts in `GET /stats` still show them). Cancelled jobs come
 * from their own store, bounded by its retention.
 */
export async function listJobs(
  queues: JobStore,
  filter: JobFilter = {},
): Promise<JobPage> {
  const limit = filter.limit ?? 50;
  const cursor =
    filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
  const types = filter.type ? [filter.type] : jobTypes;
  const states = filter.status ? bullStatesOf[filter.status] : allBullStates;
  // Every queue of each type: on a cluster its flow shards' too.
  const places: QueuePlace[] = types.flatMap(type => [
    { type },
    ...flowShardsOf(queues.naming).map(shard => ({ type, shard })),
  ]);
  const scan = { cursor, status: filter.status, limit };
  return queues.runWithDeadline(async () => {
    const [live, cancelled] = await Promise.all([
      Promise.all(
        places.flatMap(place =>
          states.map(state => newestIn(queues, place, state, scan)),
        ),
      ),
      !filter.status || filter.status === 'cancelled'
        ? Promise.all(
            types.map(type => listCancelled(queues, type, SCAN_BUDGET, filter)),
          )
        : [],
    ]);
    const cancelledViews = new Map(
      cancelled
        .flat()
        .filter(view => isAfter(cursorOf(view), cursor))
        .map(view => [view.id, view]),
    );
    const seen = new Set<string>();
    const page = [...live.flat(), ...[...cancelledViews.values()].map(cursorOf)]
      .sort(compareNewestFirst)
      .filter(entry => !seen.has(entry.id) && seen.add(entry.id))
      .slice(0, limit);
    const jobs = (
      await Promise.all(
        page.map(async entry => {
          const view = cancelledViews.get(entry.id);
          if (view) return view;
          const { type, shard, state, status } = entry as Candidate;
          const job = (await queues.queueFor(type, shard).getJob(entry.id)) as
            Job<JobEnvelope> | undefined;
          // Gone (retention) since it was ranged: leave it out.
          if (!job || toJobStatus(state, job.attemptsMade) === undefined) {
            return undefined;
          }
          return toJobView(job, status, filter);
        }),
      )
    ).filter((view): view is JobView => view !== undefined);
    const last = page.at(-1);
    return {
      jobs,
      nextCursor: page.length === limit && last ? encodeCursor(last) : null,
    };
  });
}

function cursorOf(view: JobView): JobCursor & { id: string } {
  return { createdAt: Date.parse(view.createdAt), id: view.id };
}
