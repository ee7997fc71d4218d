import {
  ErrandError,
  jobTypes,
  MAX_REPLAY_JOBS,
  type JobType,
  type ReplaySelection,
  type SkippedJob,
} from '@errand/contracts';
import { findJob } from '../../store/find-job';
import type { JobStore } from '../../store/job-store';
import { flowShardsOf } from '../../store/queue-name';
import {
  deadEntries,
  deadIndexKey,
  deadQueueOf,
  type DeadEntry,
  type DeadPosition,
} from './dead-entries';

/** The dead jobs a replay picked, in the order they will move. */
export interface SelectedJobs {
  jobs: DeadEntry[];
  /** Listed ids that are not dead, with why. */
  skipped: SkippedJob[];
  /** The filter matched more than {@link MAX_REPLAY_JOBS}. */
  more: boolean;
}

/** Ids or entries handled per round trip. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** Why a listed job is not dead, in the terms of a problem body. */
async function whyNotDead(queues: JobStore, id: string): Promise<SkippedJob> {
  try {
    const { status } = await findJob(queues, id);
    return {
      id,
      code: 'job.notDead',
      message: `The job is ${status}, not dead.`,
    };
  } catch (error) {
    if (!(error instanceof ErrandError)) throw error;
    return { id, code: error.code, message: error.message };
  }
}

/** Finds listed ids in the dead-letter indexes of every type, in order. */
async function selectByIds(
  queues: JobStore,
  ids: readonly string[],
): Promise<SelectedJobs> {
  const dead = new Map<string, DeadEntry>();
  // Every queue of every type: on a cluster the flow shards' too.
  const places = jobTypes.flatMap(type =>
    [undefined, ...flowShardsOf(queues.naming)].map(shard => ({
      type,
      shard,
    })),
  );
  for (const chunk of chunks(ids)) {
    // One pipeline per queue, sent together: in a Redis Cluster each
    // queue's index lives in its own slot, and a pipeline must stay in one.
    const byQueue = await queues.runWithDeadline(() =>
      Promise.all(
        places.map(({ type, shard }) => {
          const pipeline = queues.connection.pipeline();
          const index = deadIndexKey(queues, type, shard);
          for (const id of chunk) pipeline.zscore(index, id);
          return pipeline.exec();
        }),
      ),
    );
    chunk.forEach((id, i) => {
      places.forEach(({ type, shard }, q) => {
        const [error, score] = byQueue[q]?.[i] ?? [];
        if (!error && typeof score === 'string') {
          dead.set(id, {
            id,
            type,
            ...(shard !== undefined && { shard }),
            diedAt: Number(score),
          });
        }
      });
    });
  }
  const missing = ids.filter(id => !dead.has(id));
  const skipped: SkippedJob[] = [];
  for (const chunk of chunks(missing, 20)) {
    skipped.push(
      ...(await Promise.all(chunk.map(id => whyNotDead(queues, id)))),
    );
  }
  return {
    jobs: ids.flatMap(id => dead.get(id) ?? []),
    skipped,
    more: false,
  };
}

/** The last error of each entry, read in one round trip. */
async function lastErrors(
  queues: JobStore,
  entries: readonly DeadEntry[],
): Promise<(string | null)[]> {
  // One pipeline per queue (one slot each in a Redis Cluster), sent
  // together.
  const queueOf = (entry: DeadEntry) => deadQueueOf(queues, entry);
  const names = [...new Set(entries.map(entry => queueOf(entry).name))];
  const replies = await queues.runWithDeadline(() =>
    Promise.all(
      names.map(name => {
        const pipeline = queues.connection.pipeline();
        for (const entry of entries) {
          if (queueOf(entry).name === name) {
            pipeline.hget(queueOf(entry).toKey(entry.id), 'failedReason');
          }
        }
        return pipeline.exec();
      }),
    ),
  );
  const reasons = new Map<DeadEntry, string | null>();
  names.forEach((name, t) => {
    const ofQueue = entries.filter(entry => queueOf(entry).name === name);
    ofQueue.forEach((entry, i) => {
      const [error, reason] = replies[t]?.[i] ?? [];
      reasons.set(entry, !error && typeof reason === 'string' ? reason : null);
    });
  });
  return entries.map(entry => reasons.get(entry) ?? null);
}

/**
 * Walks one type's dead-letter index from the newest death back to `since`,
 * keeping the jobs whose last error contains `errorContains` (any case),
 * until one more than {@link MAX_REPLAY_JOBS} matched.
 */
async function selectByFilter(
  queues: JobStore,
  type: JobType,
  since: string | undefined,
  errorContains: string | undefined,
): Promise<SelectedJobs> {
  const notBefore = since === undefined ? undefined : Date.parse(since);
  const needle = errorContains?.toLowerCase();
  const matched: DeadEntry[] = [];
  let after: DeadPosition | undefined;
  while (matched.length <= MAX_REPLAY_JOBS) {
    const entries = await deadEntries(queues, type, CHUNK, {
      after,
      notBefore,
    });
    if (entries.length === 0) break;
    if (needle === undefined) {
      matched.push(...entries);
    } else {
      const reasons = await lastErrors(queues, entries);
      matched.push(
        ...entries.filter((_, i) => reasons[i]?.toLowerCase().includes(needle)),
      );
    }
    after = entries.at(-1);
    if (entries.length < CHUNK) break;
  }
  return {
    // Oldest death first: jobs go back in the order they failed.
    jobs: matched.slice(0, MAX_REPLAY_JOBS).reverse(),
    skipped: [],
    more: matched.length > MAX_REPLAY_JOBS,
  };
}

/**
 * The dead jobs a replay picks: the listed ids that are dead (in the order
 * given; the others are skipped with the reason), or up to
 * {@link MAX_REPLAY_JOBS} jobs of a type that died since a time with an
 * error containing a text, oldest death first.
 */
export function selectDeadJobs(
  queues: JobStore,
  selection: ReplaySelection,
): Promise<SelectedJobs> {
  return 'ids' in selection
    ? selectByIds(queues, selection.ids)
    : selectByFilter(
        queues,
        selection.type,
        selection.since,
        selection.errorContains,
      );
}
